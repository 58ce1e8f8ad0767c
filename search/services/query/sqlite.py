"""SQLite's side of fulltext.ranked: FTS5 finds and orders the candidates
(bm25() over the pre-analysed tokens), the best of them are rescored from
their stored tokens (scoring.score), and each candidate's units held come
from the practices each unit's tokens match.

The stored tokens a search rescores and the practices each token matches
change only when practices are indexed: each process keeps those it read for
one generation of the caller's (fulltext.generation: the content version and
the statistics' generation, as PostgreSQL's rows, services/postings.py), so
that a search runs its ranking statement and reads only what no search of the
generation read before (it read the rows of its head and ran one statement per
unit each time: three to four statements of a demo search's five).
"""

from django.db import connection

from ...models import PracticeTokens
from ..tokens import concept_token
from . import scoring

# Column weights, in the FTS5 table's order: title words, title concepts, text
# concepts, text words (measured on search/eval, see search/eval/README.md);
# the text's main concepts are only filtered on (floor.Partial), never scored.
WEIGHTS = {
    "title": 3.0,
    "concepts_title": 3.0,
    "concepts_text": 1.0,
    "text": 1.0,
    "concepts_main": 0.0,
}


# Practices whose stored tokens, and tokens whose matches, a process keeps at
# most.
KEPT_ROWS = 20_000
KEPT_TOKENS = 20_000
# SQLite's limit on the SELECTs of one compound statement is 500.
COMPOUND = 200


# The columns floor.Partial asks a concept in: the title's concepts, the text's
# main ones.
HELD_COLUMNS = ("concepts_title", "concepts_main")


def _match(tokens):
    """An FTS5 query for any of ``tokens``; a token written
    ``column:token`` is matched in that column only."""
    return " OR ".join(_phrase(token) for token in tokens)


def _phrase(token):
    column, colon, rest = token.partition(":")
    if column not in HELD_COLUMNS or not colon:
        column, rest = "", token
    phrase = '"' + rest.replace('"', '""') + '"'
    return f"{column} : {phrase}" if column else phrase


def _ranking(tokens, limit):
    """[(page id, -bm25)] best first: FTS5's ranking of any of ``tokens``, the
    columns weighted as :data:`WEIGHTS`."""
    weights = ", ".join(str(weight) for weight in WEIGHTS.values())
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, -bm25(search_practice_fts, {weights}) AS score"
            " FROM search_practice_fts WHERE search_practice_fts MATCH %s"
            " ORDER BY score DESC LIMIT %s",
            [_match(tokens), limit],
        )
        return cursor.fetchall()


KEPT = "search.sqlite.kept"


class _Kept:
    __slots__ = ("rows", "tokens")

    def __init__(self):
        self.rows, self.tokens = {}, {}


def _current(generation):
    """This process's kept rows and token matches of ``generation``."""
    from vetnet.cache import forget_memo, memo_per_version

    kept = memo_per_version(KEPT, _Kept, version=generation)
    if len(kept.rows) > KEPT_ROWS or len(kept.tokens) > KEPT_TOKENS:
        forget_memo(KEPT)
        kept = memo_per_version(KEPT, _Kept, version=generation)
    return kept


def _matching(tokens, kept):
    """{token: frozenset of the page ids whose FTS5 row matches it} (an OR
    of tokens matches the union of theirs), reading the tokens not kept in
    one compound statement per :data:`COMPOUND` of them."""
    known = kept.tokens
    missing = [token for token in dict.fromkeys(tokens) if token not in known]
    for start in range(0, len(missing), COMPOUND):
        chunk = missing[start : start + COMPOUND]
        found = {token: set() for token in chunk}
        sql = (
            "SELECT %s, rowid FROM search_practice_fts"
            " WHERE search_practice_fts MATCH %s"
        )
        params = [value for token in chunk for value in (token, _match([token]))]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join([sql] * len(chunk)), params)
            for token, page_id in cursor.fetchall():
                found[token].add(page_id)
        known.update((token, frozenset(ids)) for token, ids in found.items())
    return {token: known[token] for token in tokens}


def _rows(page_ids, kept):
    """The PracticeTokens rows of ``page_ids`` as scoring.rows_head reads
    them."""
    known = kept.rows
    missing = [page_id for page_id in page_ids if page_id not in known]
    if missing:
        for row in PracticeTokens.objects.filter(page_id__in=missing).values(
            "page_id", "language", *scoring.FIELDS
        ):
            known[row["page_id"]] = row
        for page_id in missing:
            known.setdefault(page_id, None)
    return [known[page_id] for page_id in page_ids if known[page_id] is not None]


def ranked(found, query, units, limit, generation):
    """(candidates [(page id, engine score)] best first, {page id: units
    held}, the candidates rescored, the page ids floor.Partial keeps or
    None) of the :class:`fulltext.Plan` ``found``."""
    kept = _current(generation)
    candidates = _ranking(found.all_tokens, limit)
    rows = scoring.rescore(
        query,
        candidates,
        found.frequency,
        lambda ids: scoring.rows_head(_rows(ids, kept)),
    )
    matching = _matching([token for unit in units for token in sorted(unit)], kept)
    held = {}
    for unit in units:
        for page_id in frozenset().union(*(matching[token] for token in unit)):
            held[page_id] = held.get(page_id, 0) + 1
    return candidates, held, rows, _partial_kept(found.partial, matching, kept)


def _partial_kept(partial, matching, kept):
    """The page ids holding what a partial match must (floor.Partial): one
    of its named concepts' tokens in any column (``matching``: the units'
    tokens' matches), or one of its held ones in the title's or the text's
    main concepts (FTS5's column filters); None without a rule."""
    if partial is None:
        return None
    named, held = partial.tokens(concept_token)
    filtered = [f"{column}:{token}" for column in HELD_COLUMNS for token in held]
    return frozenset().union(
        *(matching.get(token, ()) for token in named),
        *_matching(filtered, kept).values(),
    )
