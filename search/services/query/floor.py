"""What a matching practice must score to count: one floor for every engine.

A practice holding enough of the query's units (services/expansion.py) may
still hold them only through a weak link (a related concept at 0.3 of a
common concept's weight, once, in a long text). Such a practice is ranked
last and says little about the query, yet it was counted in "N practices
found" and in every facet. The floor leaves it out of the results, the count,
the facets, the pages and the saved searches alike.

The floor is absolute, known before the engine is asked: :data:`SHARE` of
what one mention of a token only one practice holds earns in a text of
average length (its IDF in the collection: the most any single mention
earns). So Elasticsearch applies it as ``min_score`` in the same request (no
second round trip), and the database engines to the scores they compute the
way Elasticsearch does (scoring.py). A floor relative to the best hit would
need the best hit first; one relative to the query's own rarest token
(measured, as good) needs the query's token statistics, a database statement
per query the process has not seen, on the Elasticsearch path too.

Measured on both development sets (search/eval/README.md, "Result counts"):
0.04 leaves every judged-relevant practice counted and the first ten of every
query as they were, and takes the count from 55 % to 53 % of the collection
(development) and from 51 % to 48 % (development-2); 0.05 loses two relevant
practices beyond a first page, 0.07 one from a first page.
"""

from . import scoring

SHARE = 0.04
# Elasticsearch's scores are the database scorer's times 1 + k1 (BM25's
# numerator constant, which scoring._bm25s leaves out): measured on the
# development sets, median ratio 2.2000.
ELASTICSEARCH_SCALE = 1 + scoring.K1


def database_floor(q):
    """The floor of ``q`` in the database scorer's units (0: none): none for
    an empty query (the newest practices) or an empty collection."""
    if not q:
        return 0.0
    stats = scoring.collection_stats().get(None, {})
    practices = max((held for held, _average in stats.values()), default=0)
    if not practices:
        return 0.0
    # One mention at the average length: bm25 = 1 / (1 + k1).
    return SHARE * scoring.idf(1, practices) / (1 + scoring.K1)


def elasticsearch_floor(q):
    """The same floor as Elasticsearch's ``min_score`` (0: none)."""
    return database_floor(q) * ELASTICSEARCH_SCALE


def cut(rows, floor, tail):
    """``rows`` [(page id, score)] best first (their last ``tail`` rows in
    the engine's rough order, unscored: beyond scoring.RESCORED) without
    those scoring under ``floor``; the unscored tail goes too once any scored
    row fell under the floor (it ranked below them)."""
    if floor <= 0:
        return rows
    scored = rows[: len(rows) - tail] if tail else rows
    kept = [row for row in scored if row[1] >= floor]
    if len(kept) < len(scored) or not tail:
        return kept
    return kept + rows[len(scored) :]
