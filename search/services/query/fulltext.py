"""Ranked practice ids from the database's own full-text search over the
pre-analysed tokens (services/tokens.py): SQLite's FTS5 with bm25(), or
PostgreSQL's tsvector with ts_rank; the engine is the connection's.

The query is analysed as Elasticsearch analyses it: through every stored
language's chain (a query's language is not known), plus the thesaurus concepts
it names, whole and as parts. Both engines weigh title > concepts > text >
parts, as the Elasticsearch query does, and both weigh a rare token more than a
common one (bm25's IDF; PostgreSQL: an IDF factor per token).
"""

import math

from django.db import connection

from ... import thesaurus
from ...analysis import analyze
from .. import expansion
from .. import tokens as stored
from . import scoring
from .candidates import token_titles

# Column weights: title words, title concepts, text concepts, text words, parts
# (measured on search/eval, see search/eval/README.md).
WEIGHTS = {
    "title": 3.0,
    "concepts_title": 3.0,
    "concepts_text": 1.0,
    "text": 1.0,
    "parts": 0.5,
}


def _title_first(rows, units):
    """Practices whose titles hold every word of the query (``units``: from
    :func:`word_units`) before the rest (a practice searched by its own title
    comes first), each group by score."""
    if not units or not rows:
        return rows
    titles = token_titles([page_id for page_id, _score in rows[:TITLE_CANDIDATES]])
    covering = set()
    for page_id, title in titles.items():
        held = set(title.split())
        if all(unit & held for unit in units):
            covering.add(page_id)
    return sorted(rows, key=lambda row: row[0] not in covering)


# How many of the best-scored practices are checked for a title match.
TITLE_CANDIDATES = 100


def scoring_query(q, use_thesaurus=True):
    """The query as :mod:`.scoring` reads it: its concepts and those their links
    reach, weighted (services/expansion.py), and the parts of its own."""
    concepts = thesaurus.concepts_in(q) if use_thesaurus else ()
    expanded = expansion.expand(concepts)
    return scoring.Query(
        q,
        tuple((stored.concept_token(c), w, kind) for c, w, kind in expanded),
        tuple((stored.part_token(c), w) for c, w, kind in expanded if kind == "query"),
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


def _postgresql_ids(tokens):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT page_id FROM search_practicetokens"
            " WHERE document @@ to_tsquery('simple', %s)",
            [" | ".join(f"'{token}'" for token in tokens)],
        )
        return {row[0] for row in cursor.fetchall()}


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


# ts_rank's weights for the tsvector's classes {D, C, B, A}: parts, text words,
# text concepts, title words and concepts (migration 0003).
PG_CLASS_WEIGHTS = (
    "{"
    + ",".join(
        str(WEIGHTS[name] / WEIGHTS["title"])
        for name in ("parts", "text", "concepts_text", "title")
    )
    + "}"
)


# ts_rank's length normalisation: 1 divides by 1 + log(document length).
PG_NORMALIZATION = 1


def _postgresql(tokens, limit):
    any_token = " | ".join(f"'{token}'" for token in tokens)
    with connection.cursor() as cursor:
        counts = ", ".join(
            "count(*) FILTER (WHERE document @@ to_tsquery('simple', %s))"
            for _token in tokens
        )
        cursor.execute(
            f"SELECT count(*), {counts} FROM search_practicetokens"
            " WHERE document @@ to_tsquery('simple', %s)",
            [*tokens, any_token],
        )
        matched, *frequencies = cursor.fetchone()
        if not matched:
            return []
        cursor.execute("SELECT count(*) FROM search_practicetokens")
        total = cursor.fetchone()[0]
        present = [
            (token, math.log(1 + (total - df + 0.5) / (df + 0.5)))
            for token, df in zip(tokens, frequencies, strict=True)
            if df
        ]
        score = " + ".join(
            f"{idf:.6f} * ts_rank(%s, document, to_tsquery('simple', %s), {PG_NORMALIZATION})"
            for _token, idf in present
        )
        params = [p for token, _idf in present for p in (PG_CLASS_WEIGHTS, token)]
        cursor.execute(
            f"SELECT page_id, {score} AS score FROM search_practicetokens"
            " WHERE document @@ to_tsquery('simple', %s)"
            " ORDER BY score DESC, page_id LIMIT %s",
            [*params, any_token, limit],
        )
        return cursor.fetchall()


def _sqlite_frequencies(pairs):
    """{(column, token): practices whose column holds it} (FTS5 column filters)."""
    pairs = list(dict.fromkeys(pairs))
    if not pairs:
        return {}
    select = " UNION ALL ".join(
        "SELECT count(*) FROM search_practice_fts WHERE search_practice_fts MATCH %s"
        for _pair in pairs
    )
    with connection.cursor() as cursor:
        cursor.execute(
            select,
            [f'{field} : "{token.replace(chr(34), "")}"' for field, token in pairs],
        )
        return dict(zip(pairs, (row[0] for row in cursor.fetchall()), strict=True))


# The tsvector's weight class of each column (migration 0003).
PG_CLASSES = {
    "title": "A",
    "concepts_title": "A",
    "concepts_text": "B",
    "text": "C",
    "parts": "D",
}


def _postgresql_frequencies(pairs):
    """The same from the tsvector's weight classes, one GIN index lookup each."""
    pairs = list(dict.fromkeys(pairs))
    if not pairs:
        return {}
    select = " UNION ALL ".join(
        f"(SELECT {position}, count(*) FROM search_practicetokens"
        " WHERE document @@ to_tsquery('simple', %s))"
        for position, _pair in enumerate(pairs)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            select, [f"'{token}':{PG_CLASSES[field]}" for field, token in pairs]
        )
        counts = dict(cursor.fetchall())
    return {pair: counts[position] for position, pair in enumerate(pairs)}


ENGINES = {
    "sqlite": (_sqlite, _sqlite_ids, _sqlite_frequencies),
    "postgresql": (_postgresql, _postgresql_ids, _postgresql_frequencies),
}


def engine_name():
    return connection.vendor if connection.vendor in ENGINES else ""


def ranked(q, limit, use_thesaurus=True):
    """[(page id, score)] best first, of the practices matching the query's
    meaning (:func:`units_needed`); None when this database has no full-text
    engine of ours."""
    if connection.vendor not in ENGINES:
        return None
    rank, ids_with, frequencies = ENGINES[connection.vendor]
    languages = stored.languages()
    query = scoring_query(q, use_thesaurus)
    words_, concepts, parts = query.tokens(languages)
    tokens = sorted(words_ | set(concepts) | set(parts))
    if not tokens:
        return []
    rows = scoring.rescore(query, rank(tokens, limit), frequencies)
    rows = _title_first(rows, word_units(q, languages))
    units = query_units(q, languages, use_thesaurus)
    if not units:
        return rows
    held = {}
    for unit in units:
        for page_id in ids_with(sorted(unit)):
            held[page_id] = held.get(page_id, 0) + 1
    needed = expansion.units_needed(len(units))
    return [
        (page_id, score) for page_id, score in rows if held.get(page_id, 0) >= needed
    ]
