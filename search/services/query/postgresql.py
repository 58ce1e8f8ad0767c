"""PostgreSQL's side of fulltext.ranked: the candidates, the units each holds
and the rescored head, all from the rows of the query's tokens in the
inverted index (services/postings.py), read in one statement, or none when
this process read them already for the same generation of the index
(:func:`postings.read_kept`)."""

import numpy as np
from django.db import connection

from ...models import PracticeTokens
from .. import postings, statistics
from ..postings import SCORED
from ..tokens import MAIN_MENTIONS, MAIN_SHARE
from ..tokens import concept_token as stored_token
from . import scoring


def ranked(found, query, units, limit, facts, generation):
    """(candidates [(page id, engine score)] best first, {page id: units
    held}, the candidates rescored, the candidates floor.Partial keeps or
    None) of the :class:`fulltext.Plan` ``found``."""
    if found.weights is None:
        found.weights = token_weights(query, found.tokens, found.known)
    wanted = {*found.all_tokens, *(t for unit in units for t in unit), postings.LENGTHS}
    read = postings.read_kept(sorted(wanted), generation)
    candidates = top(read, found.weights, limit)
    page_ids = [page_id for page_id, _score in candidates]
    lookup = Lookup(read, page_ids)
    held = units_held(lookup, units, page_ids)
    rows = scoring.rescore(
        query, candidates, found.frequency, lambda ids: head(lookup, ids, facts)
    )
    return candidates, held, rows, partial_kept(lookup, found.partial)


class Lookup:
    """Where each of the candidates ``page_ids`` (best first) is in the rows of
    the query's tokens ``found`` ({token: Found}): found once per token for a
    ranking, which the units held, the partial rule and the rescored head
    each read (a token was bisected for each again), and bisected in id
    order, the candidates sorted once (about three times faster than in rank
    order), then put back in rank order."""

    __slots__ = ("_kept", "_order", "_sorted", "found", "ids")

    def __init__(self, found, page_ids):
        self.found = found
        self.ids = np.array(page_ids, dtype=np.int32)
        self._order = np.argsort(self.ids, kind="stable")
        self._sorted = self.ids[self._order]
        self._kept = {}

    def positions(self, token):
        """(where each candidate is among ``token``'s pages, whether it is
        there), as Found.positions gives them, of a token ``found`` holds."""
        kept = self._kept.get(token)
        if kept is None:
            where, there = self.found[token].positions(self._sorted)
            positions, inside = np.empty_like(where), np.empty_like(there)
            positions[self._order], inside[self._order] = where, there
            kept = self._kept[token] = positions, inside
        return kept


TITLE = SCORED.index("concepts_title")
TEXT = SCORED.index("concepts_text")


def partial_kept(lookup, partial):
    """The candidates holding what a partial match must (floor.Partial):
    one of its named concepts' tokens in any field, or one of its held ones
    in the title or among the text's main concepts, from the tokens' postings
    (a :class:`Lookup`); None without a rule. The main concepts are those of the
    ``concepts_main`` field (tokens.main_tags), read from the same counts:
    the token's in the text and the text's concept mentions (its length)."""
    if partial is None:
        return None
    named, held_tokens = partial.tokens(stored_token)
    found, ids = lookup.found, lookup.ids
    inside = np.zeros(len(ids), bool)
    for token in named:
        if token in found:
            inside |= lookup.positions(token)[1]
    mentions = None
    for token in held_tokens:
        held = found.get(token)
        if held is None or not len(held):
            continue
        positions, there = lookup.positions(token)
        counts = np.where(there[:, None], held.table()[positions], 0)
        if mentions is None:
            mentions = _text_mentions(lookup)
        inside |= there & (
            (counts[:, TITLE] > 0) | main_counts(counts[:, TEXT], mentions)
        )
    return set(ids[inside].tolist())


def main_counts(counts, mentions):
    """Whether each text count is one of its text's main concepts
    (tokens.is_main, over arrays)."""
    return counts >= np.maximum(MAIN_MENTIONS, MAIN_SHARE * mentions)


def _text_mentions(lookup):
    """The concept mentions of each candidate's text (a :class:`Lookup`):
    its ``concepts_text`` length, from the row of the fields' lengths."""
    lengths = lookup.found.get(postings.LENGTHS)
    if lengths is None or not len(lengths):
        return np.zeros(len(lookup.ids))
    positions, there = lookup.positions(postings.LENGTHS)
    return np.where(there, lengths.table()[positions, TEXT], 0).astype(np.float64)


def top(found, weights, limit):
    """[(page id, score)] best first (ties by id): the best ``limit``
    practices of each token by its BM25 term part, summed with each token's
    weight (IDF from the stored statistics, times the concept's weight for
    concepts), from the tokens' postings ``found`` ({token: Found}). Each
    practice's parts are added in the tokens' order (bincount adds its
    inputs in turn): the same sums as adding them one by one."""
    ids, parts = [], []
    for token, weight in weights.items():
        held = found.get(token)
        if held is None:
            continue
        positions = held.order[:limit]
        ids.append(held.pages[positions])
        parts.append(weight * held.impacts[positions])
    if not ids:
        return []
    ids = np.concatenate(ids)
    if not len(ids):
        return []
    scores = np.bincount(ids, weights=np.concatenate(parts))
    seen = np.zeros(len(scores), bool)
    seen[ids] = True
    pages = np.flatnonzero(seen)
    scores = scores[pages]
    if len(pages) > limit:
        # Only the practices scoring at least the ``limit``-th best score can
        # be among the best ``limit`` (ties included): sorted alone, in the
        # same order as among all (sorting all of a common word's thousands
        # was most of this function's time).
        least = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = scores >= least
        pages, scores = pages[keep], scores[keep]
    best = np.lexsort((pages, -scores))[:limit]
    return list(zip(pages[best].tolist(), scores[best].tolist(), strict=True))


def units_held(lookup, units, page_ids):
    """{page id: how many of ``units`` (sets of tokens) it holds} of the
    candidates ``page_ids`` (a :class:`Lookup`'s), from the units' whole
    postings."""
    found = lookup.found
    held = np.zeros(len(page_ids), np.int64)
    for unit in units:
        inside = np.zeros(len(page_ids), bool)
        for token in unit:
            if token in found:
                inside |= lookup.positions(token)[1]
        held += inside
    return dict(zip(page_ids, held.tolist(), strict=True))


def _languages(page_ids, facts):
    known = facts[1]
    missing = [page_id for page_id in page_ids if page_id not in known]
    if missing:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id, language FROM {PracticeTokens._meta.db_table}"
                " WHERE page_id = ANY(%s::int[])",
                [statistics.pg_array(missing)],
            )
            known.update(cursor.fetchall())
    return {page_id: known[page_id] for page_id in page_ids if page_id in known}


def head(lookup, ids, facts):
    """The :class:`scoring.Head` of the practices ``ids``, the first of the
    :class:`Lookup`'s candidates (their languages, field lengths and the
    query's tokens' counts), from its postings (each practice found by
    bisection) and the practices' languages."""
    found, size = lookup.found, len(ids)
    lengths = found.get(postings.LENGTHS)
    page_ids = lookup.ids[:size]
    if lengths is None:
        page_ids = page_ids[:0]
        lengths = postings.Found()
        positions, there = lengths.positions(page_ids)
    else:
        positions, there = lookup.positions(postings.LENGTHS)
        positions, there = positions[:size], there[:size]
    page_ids = page_ids[there]
    languages = _languages(ids, facts) if len(page_ids) else {}
    none = np.zeros((len(page_ids), len(SCORED)), np.uint32)

    def counts(token):
        held = found.get(token)
        if held is None or token == postings.LENGTHS or not len(held):
            return none
        positions, inside = lookup.positions(token)
        positions, inside = positions[:size][there], inside[:size][there]
        return np.where(inside[:, None], held.table()[positions], 0)

    ids_list = page_ids.tolist()
    return scoring.Head(
        ids_list,
        [languages.get(page_id, "en") for page_id in ids_list],
        lengths.table()[positions[there]].astype(np.float64),
        counts,
    )


def token_weights(query, tokens, known):
    """{token: weight} of the query's tokens the collection holds: IDF (stored
    document frequencies, the token's most frequent field), times the
    concept's weight for concept tokens."""
    words_, _concepts = tokens
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
    return {
        token: scoring.idf(documents[token], practices) * factor[token]
        for token in factor
        if documents.get(token)
    }
