"""Ranked practice ids from the database's own full-text search over the
pre-analysed tokens (services/tokens.py): SQLite's FTS5 with bm25()
(sqlite.py), or PostgreSQL's postings rows (postgresql.py); the engine is the
connection's.

The query is analysed as Elasticsearch analyses it: through every stored
language's chain (a query's language is not known), plus the thesaurus concepts
it names. Both engines weigh title > concepts > text, as the Elasticsearch
query does, and both weigh a rare token more than a common one (bm25's IDF;
PostgreSQL: an IDF factor per token).
"""

from typing import NamedTuple

from django.db import connection

from ... import thesaurus, translation
from ...analysis import LANGUAGES, analyze
from .. import expansion, statistics
from .. import tokens as stored
from . import floor, postgresql, scoring, sqlite, titles
from .candidates import content_version, index_version, page_titles
from .request import words_alone

title_words = titles.wanted_words


def _title_first(rows, wanted, facts):
    """``rows`` [(page id, score)] with the practices whose titles hold every
    word of the query as written first (titles.py), among the best
    :data:`TITLE_CANDIDATES`; each group by score."""
    if not wanted or not rows:
        return rows
    checked = rows[:TITLE_CANDIDATES]
    held = _title_words([page_id for page_id, _score in checked], facts)
    # The rows after them, whose titles are not checked, come after in their
    # order whatever they hold: only the checked ones are sorted (a search's
    # thousand candidates were sorted whole, ~5 % of its Python time).
    first = titles.title_first(checked, wanted, lambda row: held.get(row[0]))
    return first + rows[TITLE_CANDIDATES:]


# A practice's title words and language change only when it is published again
# (which moves the content version) and indexed (after which the collection
# statistics are read again within scoring.STATS_TTL): each process keeps them
# per content version and statistics generation, filled as searches meet the
# practices, so a search reads from the database only the practices no search
# met since (the bench's 10,000 practices: a title query, a language query and
# the titles' analysis per search were ~15 % of a PostgreSQL search's Python
# time).
PAGE_FACTS = "search.fulltext.page-facts"


def generation():
    """What the stored tokens a process read may have changed with: the content
    version (a publish), the index version (stored tokens committed by any
    process) and the statistics' generation (an indexing here, or changed
    statistics read again within a minute; a re-read of the same keeps it)."""
    return (content_version(), index_version(), scoring.stats_generation())


def page_facts(version=None):
    """This process's ({page id: title words}, {page id: language}) of the
    current content version and statistics generation (one cache read)."""
    from vetnet.cache import memo_per_version

    return memo_per_version(
        PAGE_FACTS, lambda: ({}, {}), version=version or generation()
    )


def _title_words(page_ids, facts):
    """{page id: its title's words as written, folded} of ``page_ids``."""
    known = facts[0]
    missing = [page_id for page_id in page_ids if page_id not in known]
    if missing:
        for page_id, title in page_titles(missing).items():
            known[page_id] = titles.title_words(title)
    return {page_id: known[page_id] for page_id in page_ids if page_id in known}


# How many of the best-scored practices are checked for a title match.
TITLE_CANDIDATES = 100


def named_concepts(q, use_thesaurus=True):
    """(the concepts ``q``'s terms name, those its unknown words name by their
    first letters)."""
    concepts = tuple(thesaurus.concepts_in(q)) if use_thesaurus else ()
    cognates = tuple(thesaurus.cognate_concepts(q, concepts)) if use_thesaurus else ()
    return concepts, cognates


def scoring_query(q, use_thesaurus=True, feedback=None, languages=LANGUAGES):
    """The query as :mod:`.scoring` reads it: its concepts and those their links
    reach, and a first ranking's :class:`expansion.Feedback`, weighted
    (services/expansion.py), and its words that may count alone
    (request.words_alone)."""
    concepts, cognates = named_concepts(q, use_thesaurus)
    expanded = expansion.expand(concepts, cognates=cognates, feedback=feedback)
    groups = expansion.unit_groups(concepts)
    return scoring.Query(
        q,
        tuple((stored.concept_token(c), w, kind) for c, w, kind in expanded),
        words_alone(q, concepts, languages),
        tuple(groups.get(c) for c, _w, _kind in expanded),
        scoring.translations(expansion.translated_words(q, languages))
        if use_thesaurus
        else (),
    )


def word_units(q, languages, skip_known=False, feedback=None):
    """Per word of ``q`` (function words out), the terms it gives under each
    language's chain; ``skip_known``: only the words no thesaurus term holds,
    each held too by a practice naming a concept the word names by its first
    letters or the ``feedback`` concepts."""
    units = []
    extra = feedback.concepts if feedback else ()
    translated = (
        {
            group.word: group
            for group in scoring.translations(expansion.translated_words(q, languages))
        }
        if skip_known
        else {}
    )
    for word in expansion.unit_words(q, languages, skip_known):
        analysed = {term for code in languages for term in analyze(word, code)}
        if analysed and skip_known:
            standing = (*expansion.word_concepts(word), *extra)
            analysed |= {stored.concept_token(c) for c in standing}
        if analysed and word in translated:  # or its translation (translation.py)
            group = translated[word]
            analysed |= {t for code in languages for t in group.terms.get(code, ())}
        if analysed:
            units.append(analysed)
    return units


def query_units(q, languages, use_thesaurus=True, feedback=None):
    """The query's units: token sets, enough of which a practice must hold (a
    concept, or one its narrower or related concepts, counts as itself)."""
    concepts = thesaurus.concepts_in(q) if use_thesaurus else ()
    return [
        {stored.concept_token(other) for other in standing}
        for _concept, standing in expansion.concept_units(concepts)
    ] + word_units(q, languages, skip_known=use_thesaurus, feedback=feedback)


ENGINES = ("sqlite", "postgresql")


def engine_name():
    return connection.vendor if connection.vendor in ENGINES else ""


class Plan:
    """What :func:`ranked` reads of a query, worked out once per process (and
    per generation of the stored weights and statistics, which a rebuild or
    an indexing in this process renews at once, another process's within
    their minute): analysing a query through every language's chain and the
    thesaurus cost a search more than the database's work on SQLite."""

    __slots__ = (
        "known",
        "named",
        "partial",
        "query",
        "title_words",
        "tokens",
        "units",
        "unknown",
        "unknown_words",
        "weights",
    )

    def __init__(self, q, use_thesaurus, languages, feedback=None):
        self.query = scoring_query(q, use_thesaurus, feedback, languages)
        self.named = sum(named_concepts(q, use_thesaurus), ())
        # Whether a first ranking gives the query concepts (expansion.feedback).
        self.unknown = use_thesaurus and expansion.wants_feedback(q, languages)
        # Its words the thesaurus does not know, which the feedback reads.
        self.unknown_words = (
            tuple(expansion.unit_words(q, languages)) if self.unknown else ()
        )
        words_, concepts = self.query.tokens(languages)
        self.tokens = (words_, concepts)
        self.units = query_units(q, languages, use_thesaurus, feedback)
        # What a practice holding only some units must hold (floor.py).
        named = thesaurus.concepts_in(q) if use_thesaurus else ()
        self.partial = floor.partial_rule(named, len(self.units))
        self.title_words = title_words(q, languages)
        pairs = [(f, t) for t in sorted(words_) for f in ("title", "text")] + [
            (f, t) for t in concepts for f in ("concepts_title", "concepts_text")
        ]
        self.known = statistics.frequencies(pairs)
        self.weights = None

    @property
    def all_tokens(self):
        words_, concepts = self.tokens
        return sorted(words_ | set(concepts))

    def frequency(self, pairs):
        """{(field, token): practices}, as statistics.frequencies gives them."""
        return {pair: self.known.get(pair, 0) for pair in pairs}


PLANS_LIMIT = 1000
_plans = {}


def plan(q, use_thesaurus=True, feedback=None):
    """The :class:`Plan` of ``q`` (memoised)."""
    stats = scoring.collection_stats()
    languages = tuple(sorted(code for code in stats if code is not None))
    key = (
        q,
        use_thesaurus,
        languages,
        scoring.stats_generation(),
        expansion.generation(),
        thesaurus.held_out(),
        translation.parameters(),
        feedback or None,
    )
    found = _plans.get(key)
    if found is None:
        if len(_plans) >= PLANS_LIMIT:
            _plans.clear()
        found = _plans[key] = Plan(q, use_thesaurus, languages, feedback)
    return found


def ranked(q, limit, use_thesaurus=True, strict=True, feedback=None, partial=True):
    """[(page id, score)] best first, of the practices matching the query's
    meaning (enough of its units, expansion.units_needed, and a score over
    the floor, floor.py), or with ``strict`` false any of its tokens; with a
    first ranking's ``feedback`` concepts; with ``partial``, those holding
    only some units only as floor.Partial asks (off only when that left
    nothing); None when this database has no full-text engine of ours."""
    read = _read(q, limit, use_thesaurus, strict, feedback)
    return read if not read else _finished(read, partial)


def first_rankings(q, limit, use_thesaurus=True):
    """(:func:`ranked`'s strict ranking of ``q``, the feedback round's first
    ranking: the same with the coordination among its best
    scoring.FIRST_COORDINATED only, as Elasticsearch's rescore) from one pass
    of the engine; None as :func:`ranked`."""
    read = _read(q, limit, use_thesaurus, True, None)
    if not read:
        return read if read is None else ([], [])
    return _finished(read), _finished(read, window=scoring.FIRST_COORDINATED)


class Read(NamedTuple):
    """What the engine gave a ranking of a query, before :func:`_finished`."""

    q: str
    plan: Plan
    strict: bool
    # fulltext.page_facts of the generation read.
    facts: tuple
    # [(page id, engine score)] best first.
    candidates: list
    # {page id: how many of the plan's units it holds}.
    held: dict
    # The candidates rescored (scoring.rescore).
    rows: list
    # The candidates floor.Partial keeps, or None without a rule.
    kept: object


def _read(q, limit, use_thesaurus, strict, feedback):
    """What the engine gives :func:`ranked`: a :class:`Read`, [] when the
    query has no token, None without an engine of ours."""
    if connection.vendor not in ENGINES:
        return None
    found = plan(q, use_thesaurus, feedback)
    if not found.all_tokens:
        return []
    query, units = found.query, found.units
    if not strict:
        query = query.any_word()
    version = generation()
    facts = page_facts(version)
    if connection.vendor == "postgresql":
        read = postgresql.ranked(found, query, units, limit, facts, version)
    else:
        read = sqlite.ranked(found, query, units, limit, version)
    return Read(q, found, strict, facts, *read)


def _finished(read, partial=True, window=None):
    """:func:`ranked` of what :func:`_read` gave, the coordination among the
    best ``window`` rows only (None: all the rescored rows)."""
    units, held, kept = read.plan.units, read.held, read.kept
    rows = read.rows
    if read.strict:
        tail = max(0, len(read.candidates) - scoring.RESCORED)
        outside = tail if window is None else max(tail, len(rows) - window)
        rows = _coordinated(rows, held, len(units), outside)
        rows = floor.cut(rows, floor.database_floor(read.q), tail)
    rows = _title_first(rows, read.plan.title_words, read.facts)
    if not units or not read.strict:
        return rows
    needed = expansion.units_needed(len(units))
    # The rows themselves, not rebuilt (a thousand a ranking, ~4 % of a
    # search's Python time unpacked and rebuilt).
    count = held.get
    rows = [row for row in rows if count(row[0], 0) >= needed]
    if kept is None or not partial:
        return rows
    # Fewer than all units: only what floor.Partial asks for.
    every = len(units)
    return [row for row in rows if held[row[0]] == every or row[0] in kept]


def _coordinated(rows, held, units, tail):
    """``rows`` (best first, the last ``tail`` unscored) with the scores of
    the practices holding all ``units`` times scoring.coordination, in the
    new order (ties in the old)."""
    factor = scoring.coordination(units)
    if factor == 1:
        return rows
    scored = rows[: len(rows) - tail] if tail else rows
    scored = sorted(
        (
            (page_id, score * factor if held.get(page_id, 0) >= units else score)
            for page_id, score in scored
        ),
        key=lambda row: -row[1],
    )
    return scored + rows[len(rows) - tail :] if tail else scored


# Why a practice is not among those "N practices found" counts (search/eval's
# ``--counts`` report, README "Result counts (fourteenth session)"), first
# reason first: the query reaches none of its tokens (no word of the query, no
# concept it names or links to narrower or related ones); it holds too few of
# the query's units; it holds only some units and nothing floor.Partial asks;
# it scores under the floor; or another path answered (a retry).
EVERY = 10**6  # candidates: every practice a token reaches
LEFT_OUT = ("not reached", "too few units", "partial rule", "under the floor", "other")


def left_out(q, page_ids, use_thesaurus=True, feedback=None):
    """{page id: why it is not counted for ``q``} of ``page_ids`` (one of
    :data:`LEFT_OUT`), from the rows :func:`ranked` reads on this database's
    engine (with a first ranking's ``feedback`` concepts, as the search
    used), over every practice a token of the query reaches."""
    if connection.vendor not in ENGINES or not page_ids:
        return {}
    found = plan(q, use_thesaurus, feedback)
    if not found.all_tokens:
        return dict.fromkeys(page_ids, "not reached")
    query, units = found.query, found.units
    version = generation()
    if connection.vendor == "postgresql":
        candidates, held, rows, kept = postgresql.ranked(
            found, query, units, EVERY, page_facts(version), version
        )
    else:
        candidates, held, rows, kept = sqlite.ranked(
            found, query, units, EVERY, version
        )
    reached = {page_id for page_id, _score in candidates}
    tail = max(0, len(candidates) - scoring.RESCORED)
    over = {
        page_id for page_id, _score in floor.cut(rows, floor.database_floor(q), tail)
    }
    needed = expansion.units_needed(len(units)) if units else 0
    reasons = {}
    for page_id in page_ids:
        if page_id not in reached:
            reasons[page_id] = "not reached"
        elif held.get(page_id, 0) < needed:
            reasons[page_id] = "too few units"
        elif (
            kept is not None
            and held.get(page_id, 0) < len(units)
            and page_id not in kept
        ):
            reasons[page_id] = "partial rule"
        elif page_id not in over:
            reasons[page_id] = "under the floor"
        else:
            reasons[page_id] = "other"
    return reasons
