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
from .. import tokens as stored

# Column weights: title words, title concepts, text concepts, text words, parts
# (measured on search/eval, see search/eval/README.md).
WEIGHTS = {
    "title": 3.0,
    "concepts_title": 3.0,
    "concepts_text": 1.0,
    "text": 1.0,
    "parts": 0.5,
}
# A practice is counted (and faceted) when it scores at least this share of the
# best one: what shares one generic concept with the query alone falls below.
SCORE_FLOOR = 0.2


def query_tokens(q, languages):
    """Every token the stored practices may hold for ``q``."""
    words = {term for code in languages for term in analyze(q, code)}
    concepts = thesaurus.concepts_in(q)
    return sorted(
        words
        | {stored.concept_token(c) for c in concepts}
        | {stored.part_token(c) for c in concepts}
    )


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
            f"{idf:.6f} * ts_rank(%s, document, to_tsquery('simple', %s), 1)"
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


ENGINES = {"sqlite": _sqlite, "postgresql": _postgresql}


def engine_name():
    return connection.vendor if connection.vendor in ENGINES else ""


def ranked(q, limit):
    """[(page id, score)] best first, above the score floor; None when this
    database has no full-text engine of ours."""
    engine = ENGINES.get(connection.vendor)
    if engine is None:
        return None
    tokens = query_tokens(q, stored.languages())
    if not tokens:
        return []
    rows = engine(tokens, limit)
    if not rows:
        return []
    floor = rows[0][1] * SCORE_FLOOR
    return [(page_id, score) for page_id, score in rows if score >= floor]
