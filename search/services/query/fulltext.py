"""Ranked practice ids from the database's own full-text search over the
pre-analysed tokens (services/tokens.py): SQLite's FTS5 with bm25(), or
PostgreSQL's tsvector with ts_rank; the engine is the connection's.

The query is analysed as Elasticsearch analyses it: through every stored
language's chain (a query's language is not known), plus the thesaurus concepts
it names, whole and as parts. Both engines weigh title > concepts > text >
parts, as the Elasticsearch query does, and both weigh a rare token more than a
common one (bm25's IDF; PostgreSQL: an IDF factor per token).
"""

from django.db import connection

from ... import thesaurus
from ...analysis import analyze, fold, words
from ...models import TokenImpact
from .. import expansion, statistics
from .. import tokens as stored
from . import scoring
from .candidates import page_titles

# Column weights: title words, title concepts, text concepts, text words, parts
# (measured on search/eval, see search/eval/README.md).
WEIGHTS = {
    "title": 3.0,
    "concepts_title": 3.0,
    "concepts_text": 1.0,
    "text": 1.0,
    "parts": 0.5,
}


def _title_first(rows, q, languages):
    """Practices whose titles hold every word of the query as written (accents
    and case aside; function words out) before the rest (a practice searched
    by its own title comes first), each group by score. Written words, not
    stems: "Ausbildung Handwerk" is no search for the practice titled
    "Ausbilder im Handwerk", though the German stemmer makes Ausbilder and
    Ausbildung one word (the rows Elasticsearch, which has no such rule, ranks
    too)."""
    wanted = {fold(word) for word in expansion.unit_words(q, languages, False)}
    if not wanted or not rows:
        return rows
    titles = page_titles([page_id for page_id, _score in rows[:TITLE_CANDIDATES]])
    covering = {
        page_id
        for page_id, title in titles.items()
        if wanted <= {fold(word) for word, _start, _end in words(title)}
    }
    return sorted(rows, key=lambda row: row[0] not in covering)


# How many of the best-scored practices are checked for a title match.
TITLE_CANDIDATES = 100


def scoring_query(q, use_thesaurus=True):
    """The query as :mod:`.scoring` reads it: its concepts and those their links
    reach, weighted (services/expansion.py)."""
    concepts = thesaurus.concepts_in(q) if use_thesaurus else ()
    expanded = expansion.expand(concepts)
    return scoring.Query(
        q,
        tuple((stored.concept_token(c), w, kind) for c, w, kind in expanded),
        (),  # no part tokens (search/thesaurus.py)
    )


def query_tokens(q, languages, use_thesaurus=True):
    """Every token the stored practices may hold for ``q``."""
    words_, concepts, parts = scoring_query(q, use_thesaurus).tokens(languages)
    return sorted(words_ | set(concepts) | set(parts))


def word_units(q, languages, skip_known=False):
    """Per word of ``q`` (function words out), the terms it gives under each
    language's chain; ``skip_known``: only the words no thesaurus term holds."""
    units = []
    for word in expansion.unit_words(q, languages, skip_known):
        analysed = {term for code in languages for term in analyze(word, code)}
        if analysed:
            units.append(analysed)
    return units


def query_units(q, languages, use_thesaurus=True):
    """The query's units: token sets, enough of which a practice must hold (a
    concept, or one its narrower or related concepts, counts as itself)."""
    concepts = thesaurus.concepts_in(q) if use_thesaurus else ()
    return [
        {stored.concept_token(other) for other in standing}
        for _concept, standing in expansion.concept_units(concepts)
    ] + word_units(q, languages, skip_known=use_thesaurus)


def _sqlite_ids(tokens):
    match = " OR ".join('"' + token.replace('"', '""') + '"' for token in tokens)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM search_practice_fts WHERE search_practice_fts MATCH %s",
            [match],
        )
        return {row[0] for row in cursor.fetchall()}


def _units_held(units, rows):
    """{page id: how many of ``units`` its tokens hold} of loaded ``rows``."""
    held = {}
    for page_id, row in rows.items():
        tokens = set().union(*(row[field].counts for field in statistics.SCORED))
        held[page_id] = sum(1 for unit in units if unit & tokens)
    return held


def _sqlite(tokens, limit):
    match = " OR ".join('"' + token.replace('"', '""') + '"' for token in tokens)
    weights = ", ".join(str(w) for w in WEIGHTS.values())
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, -bm25(search_practice_fts, {weights}) AS score"
            " FROM search_practice_fts WHERE search_practice_fts MATCH %s"
            " ORDER BY score DESC LIMIT %s",
            [match, limit],
        )
        return cursor.fetchall()


def _postgresql(query, tokens, limit):
    """PostgreSQL ranks from its inverted index (``TokenImpact``): the best
    ``limit`` practices of each token by its BM25 term part, read through the
    (token, impact) index, summed with each token's weight (IDF from the stored
    statistics, times the concept's weight for concepts and parts): no
    practice's tsvector is read, however many practices hold a token."""
    weights = _token_weights(query, tokens)
    if not weights:
        return []
    names, values = zip(*sorted(weights.items()), strict=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.page_id, sum(t.w * i.impact) AS score"
            " FROM unnest(%s::text[], %s::float8[]) AS t(token, w)"
            " CROSS JOIN LATERAL (SELECT page_id, impact"
            f" FROM {TokenImpact._meta.db_table} WHERE token = t.token"
            " ORDER BY impact DESC LIMIT %s) i"
            " GROUP BY i.page_id ORDER BY score DESC, i.page_id LIMIT %s",
            [list(names), list(values), limit, limit],
        )
        return cursor.fetchall()


def _token_weights(query, tokens):
    """{token: weight} of the query's tokens the collection holds: IDF (stored
    document frequencies, the token's most frequent field), times the
    concept's weight (and the parts' boost) for concept tokens."""
    words_, concepts, parts = tokens
    pairs = [(field, t) for t in words_ for field in ("title", "text")] + [
        (field, t)
        for t in (*concepts, *parts)
        for field in ("concepts_title", "concepts_text")
    ]
    known = statistics.frequencies(pairs)
    practices = max(
        (held for held, _average in scoring.collection_stats()[None].values()),
        default=0,
    )
    documents = {}
    for (_field, token), count in known.items():
        documents[token] = max(documents.get(token, 0), count)
    factor = dict.fromkeys(words_, 1.0)
    for token, weight, _kind in query.concepts:
        factor[token] = max(factor.get(token, 0.0), weight * scoring.CONCEPT_BOOST)
    for token, weight in query.parts:
        factor[token] = max(factor.get(token, 0.0), weight * scoring.PART_BOOST)
    return {
        token: scoring.idf(documents[token], practices) * factor[token]
        for token in factor
        if documents.get(token)
    }


def _postgresql_held(units, page_ids):
    """{page id: units held} among ``page_ids``, from the inverted index."""
    unit_of = {}
    for position, unit in enumerate(units):
        for token in unit:
            unit_of.setdefault(token, set()).add(position)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT page_id, token FROM {TokenImpact._meta.db_table}"
            " WHERE page_id = ANY(%s) AND token = ANY(%s)",
            [list(page_ids), sorted(unit_of)],
        )
        rows = cursor.fetchall()
    held = {}
    for page_id, token in rows:
        held.setdefault(page_id, set()).update(unit_of[token])
    return {page_id: len(positions) for page_id, positions in held.items()}


ENGINES = ("sqlite", "postgresql")


def engine_name():
    return connection.vendor if connection.vendor in ENGINES else ""


def ranked(q, limit, use_thesaurus=True):
    """[(page id, score)] best first, of the practices matching the query's
    meaning (:func:`units_needed`); None when this database has no full-text
    engine of ours."""
    if connection.vendor not in ENGINES:
        return None
    languages = stored.languages()
    query = scoring_query(q, use_thesaurus)
    words_, concepts, parts = query.tokens(languages)
    tokens = sorted(words_ | set(concepts) | set(parts))
    if not tokens:
        return []
    units = query_units(q, languages, use_thesaurus)
    if connection.vendor == "postgresql":
        found = _postgresql(query, (words_, concepts, parts), limit)
        # What the rescoring and the units read of the candidates, at once.
        loaded = statistics.held_rows(
            [page_id for page_id, _score in found],
            sorted(set(tokens).union(*units)),
        )
        rows = scoring.rescore(
            query,
            found,
            statistics.frequencies,
            lambda head: [loaded[page_id] for page_id in head if page_id in loaded],
        )
        held = _units_held(units, loaded)
    else:
        rows = scoring.rescore(query, _sqlite(tokens, limit), statistics.frequencies)
        held = {}
        for unit in units:
            for page_id in _sqlite_ids(sorted(unit)):
                held[page_id] = held.get(page_id, 0) + 1
    rows = _title_first(rows, q, languages)
    if not units:
        return rows
    needed = expansion.units_needed(len(units))
    return [
        (page_id, score) for page_id, score in rows if held.get(page_id, 0) >= needed
    ]
