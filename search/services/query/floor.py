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
earns). So Elasticsearch applies it in the query itself
(query/elasticsearch.floored) in the same request (no second round trip),
and the database engines to the scores they compute the way Elasticsearch
does (scoring.py). A floor relative to the best hit would
need the best hit first; one relative to the query's own rarest token
(measured, as good) needs the query's token statistics, a database statement
per query the process has not seen, on the Elasticsearch path too.

Measured on both development sets (search/eval/README.md, "Result counts"):
0.04 leaves every judged-relevant practice counted and the first ten of every
query as they were, and takes the count from 55 % to 53 % of the collection
(development) and from 51 % to 48 % (development-2); 0.05 loses two relevant
practices beyond a first page, 0.07 one from a first page.

**A practice holding only some of the query's concepts** (one of "career
guidance" and "young people": a practice needs one of two units) counts only
when it holds one of them, or a concept standing for one of them (a narrower
or related one), as something it is about: in its title, or among its text's
main concepts (services/tokens.py, ``main_tags``: mentioned at least twice
and in at least 8 % of the text's concept mentions), or when it names a
*specific* query concept itself anywhere (one that fewer than
:data:`SPECIFIC_SHARE` of the practices name) (:func:`partial_rule`).
Otherwise it shares the query only through a passing mention: of a
neighbouring concept (trades' practices whose learners, a concept related to
young people, train on site), or once of a concept many practices name (a
bakery that also welcomes young people). It is still found by a search for
that concept, not counted for this one. A rule on which concept tokens a
practice holds in which field, known from the query alone: a terms filter on
Elasticsearch (nothing scored twice), the postings or FTS5 matches the
database engines read for the units anyway. The main concepts are written at
index time (the ``concepts_main`` field of every engine; PostgreSQL reads the
same counts from its postings). Only for a query whose units are all concepts
(two or more): a word the thesaurus does not know reaches few practices
already. When it leaves nothing (no practice, in the facets chosen, names the
query's concepts), the engines ask again without it. Measured on both
development sets (search/eval/README.md, "Result counts (thirteenth
session)"): against the twelfth session's rule (a concept's own token
anywhere, or any standing one in the title), counts 46.2 % -> 45.8 % and
43.4 % -> 40.8 % of the collection, judged-relevant practices outside the
count 8 -> 7 and 16 -> 14, nDCG@10 unchanged.
"""

from dataclasses import dataclass

from .. import expansion
from ..tokens import concept_token as stored_token
from . import scoring

SHARE = 0.04
# Elasticsearch's scores are the database scorer's times 1 + k1 (BM25's
# numerator constant, which scoring._bm25_parts leaves out): measured on the
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


# A concept fewer than this share of the practices name is specific: one
# mention of it in a partial match counts ("refugee", "blended learning"); a
# more common one ("young people", "apprenticeship") needs the title or a
# main mention.
SPECIFIC_SHARE = 1 / 3


@dataclass(frozen=True)
class Partial:
    """What a practice holding fewer than all of a query's units must hold:
    one of ``named`` (the query's specific concepts) in its title or text, or
    one of ``held`` (every query concept and the concepts standing for them)
    in its title or among its text's main concepts."""

    named: tuple
    held: tuple

    def tokens(self, spelt):
        """(named, held) as an engine spells concept tokens (``spelt``)."""
        return [spelt(c) for c in self.named], [spelt(c) for c in self.held]

    def elasticsearch_filter(self, units):
        """Elasticsearch's filter: every one of the ``units`` (their clauses),
        or this rule's concept tokens, as terms (nothing scored)."""
        from ... import thesaurus

        named, held = self.tokens(thesaurus.concept_token)
        either = [
            {"bool": {"filter": units}},
            {"terms": {"concepts_title": held}},
            {"terms": {"concepts_main": held}},
        ]
        if named:
            either.append({"terms": {"concepts_text": named}})
        return {"bool": {"should": either}}

    def keeps(self, every, titles, main):
        """Whether a practice holding the concept tokens ``every`` (any
        field), ``titles`` (its title's) and ``main`` (its text's main ones),
        spelt as services/tokens.py spells them, counts as a partial match."""
        named, held = self.tokens(stored_token)
        return bool(every.intersection(named) or (titles | main).intersection(held))


def partial_rule(concepts, units):
    """The :class:`Partial` of a query naming ``concepts``
    (thesaurus.concepts_in) with ``units`` units in all (concept and word
    units), or None: only when they are two or more, all concepts."""
    named = expansion.concept_units(concepts)
    if len(named) < 2 or len(named) < units:
        return None
    shares = expansion.document_shares()
    held = dict.fromkeys(c for _concept, standing in named for c in standing)
    specific = tuple(
        cid for cid, _standing in named if shares.get(cid, 0.0) < SPECIFIC_SHARE
    )
    return Partial(specific, tuple(held))
