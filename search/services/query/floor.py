"""What a matching practice must score to count: one floor for every engine.

A practice holding enough of the query's units (services/expansion.py) may
still hold them only through a weak link (a related concept at 0.3 of a
common concept's weight, once, in a long text). Such a practice is ranked
last and says little about the query, yet it was counted in "N practices
found" and in every facet. The floor leaves it out of the results, the count,
the facets, the pages and the saved searches alike.

The floor is absolute, known before the engine is asked: :data:`SHARE` of
what one mention of the query's most telling token earns (its IDF in the
collection times its weight: a word of the query, or a concept it names, not
a linked one), in a text of average length. So Elasticsearch applies it as
``min_score`` in the same request (no second round trip), and the database
engines to the scores they compute the way Elasticsearch does (scoring.py).
A floor relative to the best hit would need the best hit first.

Measured on both development sets (search/eval/README.md, "Result counts"):
0.05 leaves every judged-relevant practice counted and the first ten of every
query as they were, and takes the count from 55 % to 52 % of the collection
(development) and from 51 % to 47 % (development-2); 0.06 loses two relevant
practices beyond the first page, 0.07 one from a first page.
"""

from . import scoring

SHARE = 0.05
# Elasticsearch's scores are the database scorer's times 1 + k1 (BM25's
# numerator constant, which scoring.bm25 leaves out): measured on the
# development sets, median ratio 2.2000.
ELASTICSEARCH_SCALE = 1 + scoring.K1


def reference(found):
    """What one mention of the query's most telling token earns, in the
    database scorer's units, from a :class:`fulltext.Plan` ``found``: the
    highest weight (IDF times the concept's weight) among the query's own
    words and the concepts it names, or among all its tokens when the
    collection holds none of those; 0 for a query holding nothing."""
    from .fulltext import _token_weights

    if found.weights is None:
        found.weights = _token_weights(found.query, found.tokens, found.known)
    weights = found.weights
    words_, _concepts = found.tokens
    direct = set(words_) | {
        token for token, _weight, kind in found.query.concepts if kind == "query"
    }
    values = [weights[token] for token in direct if token in weights]
    best = max(values or weights.values(), default=0.0)
    # One mention at the average length: bm25 = 1 / (1 + k1).
    return best / (1 + scoring.K1)


def database_floor(q, use_thesaurus=True):
    """The floor of ``q`` in the database scorer's units (0: none)."""
    from .fulltext import plan

    if not q:
        return 0.0
    return SHARE * reference(plan(q, use_thesaurus))


def elasticsearch_floor(q, use_thesaurus=True):
    """The same floor as Elasticsearch's ``min_score`` (0: none)."""
    return database_floor(q, use_thesaurus) * ELASTICSEARCH_SCALE


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
