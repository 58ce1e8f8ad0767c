"""Retrieval quality of the search paths, on sets of judged queries.

The development set, ``search/eval/queries.json``, holds queries in the seven
partner languages with graded relevance (0-3) over the demo practices
(``practices/fixtures_demo``), written by us. The second development set,
``search/eval/dev2/``, adds practices of its own and queries judged over those
and the demo practices; like the first it may be tuned on. The third
development set, ``search/eval/dev3/``, adds practices of its own and queries
judged over those, the demo practices and the second development set's (all
three are loaded for it). The fourth development set, ``search/eval/dev4/``,
adds practices of its own and queries judged over those, the demo practices,
the second development set's and the third's (all four are loaded for it).
The fifth development set, ``search/eval/dev5/``, adds practices of its own
and queries judged over those and all the practices above (all five are
loaded for it).
The test set, ``search/eval/test/``, adds practices
of its own (loaded for the evaluation only, never into the demo content) and
queries judged over those and the demo practices; it was written apart from
the thesaurus and nothing is tuned on it (see its README section).
The second test set, ``search/eval/test2/``, is held out the same way; its
queries were judged over the demo practices, the second development set's and
its own, so all three are loaded for it.
For each implementation and set we report:

* nDCG@10 — gain 2^grade - 1, log2 discount, ideal ranking from all judged items;
* cross-language recall@10 — of the relevant practices written in a language other
  than the query's, the share found in the top 10 (denominator capped at 10 so a
  perfect system can reach 1.0).

Implementations compared: Elasticsearch with and without the thesaurus, and the
database fallback with and without it; with ``holdout``, the thesaurus paths
again with each query's own language held out of the thesaurus at query time
(:func:`search.thesaurus.holding_out`; the practices' concept tags unchanged):
the query's words are then words the thesaurus does not know, as a query
written without looking at it often holds (search/eval/README.md).
"""

import json
import math
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent / "eval"
QUERIES_PATH = EVAL_DIR / "queries.json"
TEST_DIR = EVAL_DIR / "test"
DEV2_DIR = EVAL_DIR / "dev2"
DEV3_DIR = EVAL_DIR / "dev3"
DEV4_DIR = EVAL_DIR / "dev4"
DEV5_DIR = EVAL_DIR / "dev5"
TEST2_DIR = EVAL_DIR / "test2"
SETS = {
    "development": QUERIES_PATH,
    "development-2": DEV2_DIR / "queries.json",
    "development-3": DEV3_DIR / "queries.json",
    "development-4": DEV4_DIR / "queries.json",
    "development-5": DEV5_DIR / "queries.json",
    "test": TEST_DIR / "queries.json",
    "test-2": TEST2_DIR / "queries.json",
}
# Sets that bring practices of their own, added for the evaluation only.
PRACTICE_DIRS = {
    "development-2": DEV2_DIR,
    "development-3": DEV3_DIR,
    "development-4": DEV4_DIR,
    "development-5": DEV5_DIR,
    "test": TEST_DIR,
    "test-2": TEST2_DIR,
}
# Other sets whose practices a set's queries were judged over (the demo
# practices are always there): the third development set's and the second test
# set's judgments cover the second development set's practices too, the fourth
# development set's those of the second and the third, the fifth's those of the
# second, third and fourth.
JUDGED_WITH = {
    "development-3": ("development-2",),
    "development-4": ("development-2", "development-3"),
    "development-5": ("development-2", "development-3", "development-4"),
    "test-2": ("development-2",),
}
# Sets reported only as a whole: nothing is tuned on them.
HELD_OUT = {"test", "test-2"}
K = 10


def set_practice_dirs(name):
    """The directories whose practices set ``name`` is evaluated over, besides
    the demo ones (empty for the first development set)."""
    if name not in PRACTICE_DIRS:
        return ()
    others = tuple(PRACTICE_DIRS[other] for other in JUDGED_WITH.get(name, ()))
    return (*others, PRACTICE_DIRS[name])


def load_queries(path=QUERIES_PATH, known_slugs=None):
    """The judged queries of a set; with ``known_slugs`` (the practices present),
    a judgment naming any other slug is an error rather than a silent zero."""
    queries = read_json(path)
    if known_slugs is not None:
        missing = sorted(
            {slug for query in queries for slug in query["relevant"]} - set(known_slugs)
        )
        if missing:
            raise ValueError(f"{path}: judged practices missing: {', '.join(missing)}")
    return queries


def read_json(path):
    with Path(path).open(encoding="utf-8") as handle:
        return json.load(handle)


def load_set_practices(directory=TEST_DIR):
    """Add a set's own organisations and practices (the test set's, the second
    development set's) to the database, next to the demo ones (``load_demo``
    first); returns how many practices were created. Callers roll the
    transaction back so they stay out of the demo content."""
    from community.models import Organisation
    from practices import demo
    from practices.models import PracticePage

    for row in read_json(directory / "organisations.json"):
        fields = {key: row.get(key, "") for key in ("name", "kind", "country", "city")}
        Organisation.objects.get_or_create(slug=row["slug"], defaults=fields)
    default_locale = demo.ensure_locales()
    index = demo.ensure_index_page()
    existing = {page.slug: page for page in PracticePage.objects.child_of(index)}
    created = 0
    for row in read_json(directory / "practices.json"):
        if row["slug"] not in existing:
            existing[row["slug"]] = demo.create_practice(
                index, row, default_locale, existing
            )
            created += 1
    return created


def load_set(name):
    """Add every practice set ``name`` is judged over (``set_practice_dirs``);
    returns how many practices were created."""
    return sum(load_set_practices(directory) for directory in set_practice_dirs(name))


def ndcg(ranked_slugs, relevant, k=K):
    dcg = sum(
        (2 ** relevant.get(slug, 0) - 1) / math.log2(position + 2)
        for position, slug in enumerate(ranked_slugs[:k])
    )
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum(
        (2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(ideal)
    )
    return dcg / idcg if idcg else 0.0


def cross_language_recall(ranked_slugs, relevant, query_language, languages, k=K):
    targets = {
        slug
        for slug, grade in relevant.items()
        if grade > 0 and languages.get(slug) and languages[slug] != query_language
    }
    if not targets:
        return None
    found = targets & set(ranked_slugs[:k])
    return len(found) / min(len(targets), k)


@dataclass
class Score:
    name: str
    ndcg: float
    cross_recall: float
    queries: int
    per_query: list
    found: float = 0.0  # mean number of practices found per query
    nothing: int = 0  # queries that found none


def evaluate(name, implementation, queries, holdout=False):
    """Run every query through ``implementation`` (an object with .search);
    with ``holdout``, each with its own language held out of the thesaurus."""
    from practices.models import PracticePage

    from . import thesaurus
    from .services.query import SearchRequest

    pages = PracticePage.objects.values_list("pk", "slug", "content_language")
    slug_of = {pk: slug for pk, slug, _lang in pages}
    language_of = {slug: lang for _pk, slug, lang in pages}
    ndcgs, recalls, rows, totals = [], [], [], []
    for query in queries:
        held = thesaurus.holding_out(query["language"]) if holdout else nullcontext()
        with held:
            results = implementation.search(SearchRequest(q=query["q"], per_page=K))
        totals.append(results.total)
        ranked = [slug_of.get(hit.page_id, "") for hit in results.hits]
        query_ndcg = ndcg(ranked, query["relevant"])
        recall = cross_language_recall(
            ranked, query["relevant"], query["language"], language_of
        )
        ndcgs.append(query_ndcg)
        if recall is not None:
            recalls.append(recall)
        rows.append((query["q"], query["language"], query_ndcg, recall))
    return Score(
        name=name,
        ndcg=sum(ndcgs) / len(ndcgs) if ndcgs else 0.0,
        cross_recall=sum(recalls) / len(recalls) if recalls else 0.0,
        queries=len(queries),
        per_query=rows,
        found=sum(totals) / len(totals) if totals else 0.0,
        nothing=sum(1 for total in totals if not total),
    )


@dataclass
class Counts:
    """What "N practices found" covers, averaged over a set's queries: the
    count as a share of the collection, and the counted practices against the
    judged-relevant ones (grade >= 1)."""

    share: float  # mean count / practices in the collection
    mean: float  # mean count
    precision: float  # relevant among the counted
    recall: float  # counted among the relevant
    outside: int  # relevant practices left out of the count, all queries
    relevant: int  # relevant practices, all queries
    # Why they are left out ({reason: practices}, fulltext.LEFT_OUT), and
    # [(query, slug, grade, reason)] of each, as the database engine reads the
    # same query (the engines count alike).
    reasons: dict = field(default_factory=dict)
    left_out: list = field(default_factory=list)


def count_quality(implementation, queries, practices, listed=1000):
    """:class:`Counts` of ``implementation`` over ``queries``, the counted set
    read as the results pages list it (one page of ``listed``)."""
    from practices.models import PracticePage

    from .services.query import SearchRequest

    slug_of = dict(PracticePage.objects.values_list("pk", "slug"))
    pk_of = {slug: pk for pk, slug in slug_of.items()}
    total = precision = recall = 0.0
    outside = relevant_count = 0
    reasons, left_out = Counter(), []
    for query in queries:
        results = implementation.search(SearchRequest(q=query["q"], per_page=listed))
        counted = {slug_of.get(hit.page_id, "") for hit in results.hits}
        relevant = {slug for slug, grade in query["relevant"].items() if grade >= 1}
        found = len(counted & relevant)
        total += results.total
        precision += found / len(counted) if counted else 0.0
        recall += found / len(relevant) if relevant else 1.0
        outside += len(relevant - counted)
        relevant_count += len(relevant)
        missing = sorted(relevant - counted)
        why = left_out_reasons(
            query["q"],
            [pk_of[slug] for slug in missing],
            getattr(implementation, "use_thesaurus", True),
        )
        for slug in missing:
            reason = why.get(pk_of[slug], "other")
            reasons[reason] += 1
            left_out.append((query["q"], slug, query["relevant"][slug], reason))
    n = len(queries) or 1
    return Counts(
        share=total / n / max(practices, 1),
        mean=total / n,
        precision=precision / n,
        recall=recall / n,
        outside=outside,
        relevant=relevant_count,
        reasons=dict(reasons),
        left_out=left_out,
    )


def left_out_reasons(q, page_ids, use_thesaurus=True):
    """{page id: why the database engine does not count it for ``q``}
    (fulltext.left_out), with the first ranking's concepts its search adds."""
    from .services.query import DatabaseSearch, fulltext

    if not page_ids:
        return {}
    extra = DatabaseSearch(use_thesaurus).feedback_of(q)
    return fulltext.left_out(q, page_ids, use_thesaurus, extra)


@dataclass
class Fold:
    """One fold of :func:`leave_one_out`: the choice the other sets picked,
    its (nDCG@10, recall@10) on the held-out set and the baseline's."""

    held_out: str
    picked: str
    score: tuple
    baseline: tuple


def leave_one_out(table, sets, pick, baseline):
    """For each set of ``sets``, the choice of ``table`` ({choice: {set:
    (ndcg, recall)}}) with the best mean ``pick(ndcg, recall)`` over the
    other sets (the baseline on a tie, else the first listed), reported on
    that set: whether what the other sets pick carries over to one they did
    not see."""
    folds = []
    for held_out in sets:
        others = [name for name in sets if name != held_out]

        def mean(choice, others=others):
            return sum(pick(*table[choice][name]) for name in others) / len(others)

        best = max(mean(choice) for choice in table)
        picked = baseline if mean(baseline) >= best - 1e-9 else None
        if picked is None:
            picked = next(c for c in table if mean(c) >= best - 1e-9)
        folds.append(
            Fold(held_out, picked, table[picked][held_out], table[baseline][held_out])
        )
    return folds
