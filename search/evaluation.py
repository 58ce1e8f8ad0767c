"""Retrieval quality of the search paths, on the demo practices.

``search/eval/queries.json`` holds queries in the seven partner languages with
graded relevance (0-3) over the demo practices (``practices/fixtures_demo``),
written by us. For each implementation we report:

* nDCG@10 — gain 2^grade - 1, log2 discount, ideal ranking from all judged items;
* cross-language recall@10 — of the relevant practices written in a language other
  than the query's, the share found in the top 10 (denominator capped at 10 so a
  perfect system can reach 1.0).

Implementations compared: Elasticsearch with and without the thesaurus, and the
database fallback with and without it.
"""

import json
import math
from dataclasses import dataclass
from pathlib import Path

QUERIES_PATH = Path(__file__).resolve().parent / "eval" / "queries.json"
K = 10


def load_queries(path=QUERIES_PATH):
    with Path(path).open(encoding="utf-8") as handle:
        return json.load(handle)


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


def evaluate(name, implementation, queries):
    """Run every query through ``implementation`` (an object with .search)."""
    from practices.models import PracticePage

    from .services.query import SearchRequest

    pages = PracticePage.objects.values_list("pk", "slug", "content_language")
    slug_of = {pk: slug for pk, slug, _lang in pages}
    language_of = {slug: lang for _pk, slug, lang in pages}
    ndcgs, recalls, rows = [], [], []
    for query in queries:
        results = implementation.search(SearchRequest(q=query["q"], per_page=K))
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
    )
