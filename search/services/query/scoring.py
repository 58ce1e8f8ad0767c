"""The database engines' ranking, computed the way Elasticsearch scores the same
query (services/query/elasticsearch.py), over the same pre-analysed tokens.

SQLite FTS5 and PostgreSQL find the candidates and order them roughly
(fulltext.py); the best :data:`RESCORED` of them are then scored here, with one
formula for both engines, so that they rank like Elasticsearch and like each
other:

* the user's words: BM25 (k1 1.2, b 0.75) in the title (x3) or the text of the
  practice, whichever scores more, the query analysed with the practice's own
  language chain; counted only where the field holds enough of the query's
  words (all of one or two, three quarters of more: Elasticsearch's
  ``minimum_should_match``), or enough of those that may count alone
  (request.words_alone), whichever scores more;
* each concept of the query and of its links (services/expansion.py): BM25 of
  its token in the title's (x3) or the text's concepts, times the concept's
  weight; for a query of several concepts, those standing for one of them
  count as Elasticsearch's ``dis_max`` (expansion.unit_groups: the best, plus
  expansion.UNIT_TIE of the others).

:func:`score` is that formula, once, over a :class:`Head` (the practices'
field lengths and the query's tokens' counts as arrays): PostgreSQL's comes
from its postings rows (postgresql.head), SQLite's and any engine's read whole
from the stored tokens (:func:`rows_head`). Document frequencies come from the
engine (per column), lengths and practice counts per language from the stored
tokens (cached for a minute).
"""

import math
import time
from collections import Counter

import numpy as np

from ... import translation
from ...analysis import LANGUAGES, analyze
from ...models import PracticeTokens
from .. import expansion

K1, B = 1.2, 0.75
TITLE_BOOST = 3.0
# As the Elasticsearch query's (elasticsearch.py).
CONCEPT_BOOST = 1.0
# How the concept clauses (each concept, each unit's dis_max) combine: 1.0
# adds them; below, Elasticsearch's dis_max with this tie-breaker (the best,
# plus this share of the others). Measured leave-one-set-out
# (manage.py eval_loso, search/eval/README.md, seventeenth session).
CONCEPT_TIE = 1.0
# Coordination: a practice holding every unit of a query of two units or more
# (expansion.concept_units, the query's other words) scores this many times
# its score, on every engine (elasticsearch.py's function_score,
# fulltext.ranked).
COORDINATION = 1.5


# The feedback round's first ranking (expansion.second_round, whose best 10
# vote) coordinates only its best this many practices by the query's score
# (Elasticsearch: a rescore), so that Elasticsearch skips the practices that
# cannot reach them (block-max WAND), which the coordination's function_score
# over every match stops. The bench's 30 translated queries at 10,000
# practices (profile API: advance, next_doc, score and match counts summed):
# every match coordinated 870 K, none 268 K (1 first ten of 30 changes), the
# best 30 371 K (none changes), the best 100 654 K.
FIRST_COORDINATED = 30


def coordination(units):
    """The factor of a practice holding all of a query's ``units`` units."""
    return COORDINATION if units >= 2 else 1.0


# How many of the engine's best candidates are scored here.
RESCORED = 300
STATS_TTL = 60

FIELDS = ("title", "text", "concepts_title", "concepts_text")
_stats = {"until": 0.0, "value": None, "read": None, "generation": 0, "moved": True}


def forget_stats():
    """Read the statistics again at the next search and start a generation
    (an indexing in this process: its own stored tokens changed)."""
    _stats["until"] = 0.0
    _stats["moved"] = True


def collection_stats():
    """{language: {field: (practices whose field holds a token, average
    tokens among them)}}, and the same over all practices under the key None:
    what Elasticsearch's BM25 reads per field (its document count and average
    length count only the documents with the field)."""
    now = time.monotonic()
    if _stats["until"] >= now:
        return _stats["value"]
    # Kept at index time (services/statistics.py), not counted per search.
    from ..statistics import collection_stats as stored
    from ..statistics import index_version

    found = stored()
    # What was read: a re-read of a quiet index (once a minute) starts no
    # generation, so the rows and facts kept per generation are kept
    # (postings.read_kept, fulltext.page_facts, the plans and ES bodies).
    read = (found, index_version())
    if _stats["moved"] or read != _stats["read"]:
        _stats["generation"] += 1
        _stats["moved"] = False
    _stats["value"], _stats["read"] = found, read
    _stats["until"] = now + STATS_TTL
    return found


def stats_generation():
    """Changes when :func:`collection_stats` reads statistics that changed, or
    the index's version moved (stored tokens committed by any process), or
    this process indexed (:func:`forget_stats`); not at a re-read of the same
    statistics."""
    collection_stats()
    return _stats["generation"]


def translations(unit_words):
    """search/translation.py's translations of ``unit_words``, with the terms
    too common in their language's practices dropped (:func:`term_shares`):
    the same on every engine. Kept per process and statistics generation, as
    the shares (a search asks two or three times: ~15 us each to select), and
    per the translation's parameters (translation.parameters)."""
    generation = stats_generation()
    kept = _shares["translations"]
    if _shares["generation"] != generation or len(kept) > SHARES_LIMIT:
        _forget_shares(generation)
    key = (tuple(unit_words), translation.parameters())
    found = kept.get(key)
    if found is None:
        found = kept[key] = translation.translations(key[0], share=term_shares)
    return found


_shares = {"generation": None, "value": {}, "translations": {}}
SHARES_LIMIT = 20_000


def term_shares(pairs):
    """{(language, term): the share of ``language``'s practices whose title or
    text holds ``term``} of ``pairs``, from the statistics kept at index time
    (services/statistics.py: practices per token and language, practices per
    language and field); kept per process and statistics generation."""
    generation = stats_generation()
    known = _shares["value"]
    if _shares["generation"] != generation or len(known) > SHARES_LIMIT:
        _forget_shares(generation)
    shares = {pair: known.get(pair) for pair in pairs}
    missing = [pair for pair, share in shares.items() if share is None]
    if missing:
        from ..statistics import frequencies, held_field

        found = frequencies([(held_field(code), term) for code, term in missing])
        stats = collection_stats()
        for code, term in missing:
            fields = stats.get(code, {})
            practices = max(fields.get(f, (0, 0.0))[0] for f in ("title", "text"))
            held = found[held_field(code), term]
            share = min(1.0, held / practices) if practices else 0.0
            shares[code, term] = known[code, term] = share
    return shares


def _forget_shares(generation=None):
    """Drop the shares and selected translations kept (a new statistics
    generation, or the translation's parameters changed)."""
    _shares["value"].clear()
    _shares["translations"].clear()
    _shares["generation"] = generation


def idf(documents, practices):
    return math.log(1 + (practices - documents + 0.5) / (documents + 0.5))


def words_needed(count):
    """Elasticsearch's ``2<75%``: all of one or two words, 75 % (down) of more."""
    return count if count <= 2 else math.floor(count * 0.75)


class Query:
    """What a query asks of one practice's tokens: ``concepts`` is
    ((stored token, weight, kind), ...) from the expansion service."""

    # Whether a field must hold enough of the words (:func:`words_needed`) for
    # them to count, or any one (Elasticsearch's query for any of the words).
    strict = True

    def __init__(self, q, concepts, alone=(), groups=(), translations=()):
        self.q = q
        self.concepts = concepts
        # The translations of its words no thesaurus term holds
        # (search/translation.py): one clause each, as Elasticsearch's.
        self.translations = translations
        # Per concept, the query concept whose dis_max it counts in, or None
        # (expansion.unit_groups); empty: every concept on its own.
        self.groups = tuple(groups) or (None,) * len(concepts)
        # The words that may count in a field without the others
        # (request.words_alone).
        self.alone = " ".join(alone)
        self._terms = {}

    def any_word(self):
        """The same query, a field counting with any one of its words."""
        other = Query(
            self.q, self.concepts, groups=self.groups, translations=self.translations
        )
        other._terms = self._terms
        other.strict = False
        return other

    def terms(self, language, text=None):
        chain = language if language in LANGUAGES else "en"
        text = self.q if text is None else text
        if (chain, text) not in self._terms:
            self._terms[chain, text] = analyze(text, chain)
        return self._terms[chain, text]

    def word_sets(self, language):
        """The word lists a field may hold enough of to count: the query's, and
        (strict) its words that may count alone."""
        found = [self.terms(language)]
        if self.strict and self.alone:
            found.append(self.terms(language, self.alone))
        return found

    def tokens(self, languages):
        words = {term for code in languages for term in self.terms(code)}
        for group in self.translations:
            words.update(t for code in languages for t in group.terms.get(code, ()))
        return words, [t for t, _w, _k in self.concepts]


def _held(value):
    """A field's tokens: counted from the stored text (once per process and
    text: a search rescoring hundreds of rows split and counted each again),
    or as a loader gave them (a :class:`statistics.Held`)."""
    if not isinstance(value, str):
        return value
    found = _parsed.get(value)
    if found is None:
        from ..statistics import Held

        tokens = value.split()
        found = Held(len(tokens))
        found.counts = Counter(tokens)
        if len(_parsed) >= PARSED_LIMIT:
            _parsed.clear()
        _parsed[value] = found
    return found


PARSED_LIMIT = 20_000
_parsed = {}


def rows_head(rows):
    """The :class:`Head` of ``rows`` (PracticeTokens value dicts: SQLite's,
    or any engine's read whole), for :func:`score`."""
    fields = [[_held(row[field]) for field in FIELDS] for row in rows]
    concepts = {token for row in fields for held in row[2:] for token in held.counts}
    lengths = np.array(
        [[len(held) for held in row] for row in fields], dtype=np.float64
    ).reshape(len(fields), len(FIELDS))

    flat = [held.counts for row in fields for held in row]

    def counts(token):
        return np.array(
            [counted.get(token, 0) for counted in flat], dtype=np.int64
        ).reshape(len(fields), len(FIELDS))

    return Head(
        [row["page_id"] for row in rows],
        [row["language"] for row in rows],
        lengths,
        counts,
        concepts,
    )


def _dis_max(values, tie=None):
    """Elasticsearch's dis_max of clause scores (numpy arrays of one score per
    practice): the best, plus ``tie`` (by default expansion.UNIT_TIE) times
    the others (added in clause order)."""
    tie = expansion.UNIT_TIE if tie is None else tie
    best = total = values[0]
    for value in values[1:]:
        best = np.maximum(best, value)
        total = total + value
    return best + tie * (total - best)


def _known(query, languages, frequencies):
    """frequency_of(field, token) of the query's tokens under ``languages``."""
    words, concepts = query.tokens(languages)
    pairs = [(field, token) for token in words for field in ("title", "text")] + [
        (field, token)
        for token in concepts
        for field in ("concepts_title", "concepts_text")
    ]
    known = frequencies(pairs)
    return lambda field, token: known.get((field, token), 0)


def _best_first(head, ranked, ids, scores):
    """``head``'s practices scoring above 0 by score (ties in the engine's
    order), then the rest of ``ranked`` after the head; ``scores`` (an array)
    are those of ``ids``, the head's practices the engine read. Sorted as
    arrays: a sort keyed in Python was ~3 % of a PostgreSQL search's time."""
    order = {page_id: position for position, page_id in enumerate(head)}
    positions = np.fromiter((order[page_id] for page_id in ids), np.int64, len(ids))
    above = scores > 0
    page_ids = np.array(ids, dtype=np.int64)[above]
    kept = scores[above]
    best = np.lexsort((positions[above], -kept))
    return (
        list(zip(page_ids[best].tolist(), kept[best].tolist(), strict=True))
        + ranked[RESCORED:]
    )


def _read_head(page_ids):
    return rows_head(
        list(
            PracticeTokens.objects.filter(page_id__in=page_ids).values(
                "page_id", "language", *FIELDS
            )
        )
    )


def rescore(query, ranked, frequencies, head_of=_read_head):
    """``ranked`` [(page id, engine score)] best first: its first
    :data:`RESCORED` ordered by :func:`score` (those scoring 0 out), the rest
    after them in the engine's order. ``frequencies(pairs)`` gives {(field,
    token): practices} for (field, token) pairs; ``head_of(page ids)`` their
    :class:`Head` (by default from their stored tokens, read whole)."""
    head = [page_id for page_id, _score in ranked[:RESCORED]]
    if not head:
        return ranked
    found = head_of(head)
    frequency_of = _known(query, set(found.languages), frequencies)
    scores = score(query, found, frequency_of)
    return _best_first(head, ranked, found.ids, scores)


def _norm(lengths, average):
    """BM25's length normalisation of a field's ``lengths`` (an array)."""
    return K1 * (1 - B + B * lengths / max(average, 1e-6))


def _bm25_parts(counts, norm, boost):
    """BM25's term part (k1 :data:`K1`, b :data:`B`) of ``counts`` (an
    array, several tokens' stacked a row each: each element as computed
    alone), times ``boost``, with the field's :func:`_norm` given: 0 where the
    count is 0."""
    return np.where(counts > 0, boost * counts / (counts + norm), 0.0)


_WORD_FIELDS = (("title", TITLE_BOOST), ("text", 1.0))
_CONCEPT_FIELDS = ((2, "concepts_title", TITLE_BOOST), (3, "concepts_text", 1.0))


class _Terms:
    """One language's practices (``rows`` of a :class:`Head`) as the word
    clauses read them: each term's counts in the title and text, and its
    weighted BM25 part per field, worked out once per term and field (a
    term of both word lists, or of a translation too, was computed again
    for each), in arrays of all the rows at once."""

    def __init__(self, head, rows, own_stats, frequency_of):
        self.head, self.rows = head, rows
        self.own_stats, self.frequency_of = own_stats, frequency_of
        lengths = head.lengths[rows]
        self.norms = [
            _norm(lengths[:, column], own_stats[field][1])
            for column, (field, _boost) in enumerate(_WORD_FIELDS)
        ]
        self._counts, self._parts = {}, {}

    def counts(self, term):
        """The term's counts in the rows' title and text (rows x 2)."""
        found = self._counts.get(term)
        if found is None:
            found = self._counts[term] = self.head.counts(term)[self.rows, :2]
        return found

    def parts(self, terms, column):
        """Each of ``terms``' IDF times its BM25 term part in field
        ``column`` (title or text), each computed once."""
        missing = [
            term for term in dict.fromkeys(terms) if (term, column) not in self._parts
        ]
        if missing:
            field, boost = _WORD_FIELDS[column]
            practices = self.own_stats[field][0]
            counts = np.stack([self.counts(term)[:, column] for term in missing])
            values = _bm25_parts(counts, self.norms[column], boost)
            for term, value in zip(missing, values, strict=True):
                weight = idf(self.frequency_of(field, term), practices)
                self._parts[term, column] = weight * value
        return [self._parts[term, column] for term in terms]


def score(query, head, frequency_of):
    """The scores (an array, in ``head.ids``' order) of the practices of a
    :class:`Head`; a practice the Elasticsearch query would not match scores
    0. ``frequency_of(field, token)`` gives the number of practices whose
    ``field`` holds ``token``. Each step is done for all the head's practices
    (of a language) at once; a practice's terms and concepts are added in the
    query's order, a term or concept it does not hold adding 0, and the
    concept groups' dis_max after them, in the order of their first concept
    in the query: one order whichever engine read the practices."""
    stats = collection_stats()
    size = len(head.ids)
    own = np.zeros(size)
    languages = np.array(head.languages, dtype=object)
    for language in set(head.languages):
        rows = np.flatnonzero(languages == language)
        own_stats = stats.get(language, stats[None])
        terms_of = _Terms(head, rows, own_stats, frequency_of)
        best = np.zeros(len(rows))
        for terms in query.word_sets(language):
            if not terms:
                continue
            needed = words_needed(len(set(terms))) if query.strict else 1
            for column in range(len(_WORD_FIELDS)):
                matched = sum(
                    terms_of.counts(term)[:, column] > 0 for term in set(terms)
                )
                counted = matched >= needed
                if not counted.any():  # the field counts for none of them
                    continue
                total = np.zeros(len(rows))
                for part in terms_of.parts(terms, column):
                    total += part
                best = np.maximum(best, np.where(counted, total, 0.0))
        own[rows] = best
        own[rows] += _translated(query, rows, terms_of, language)
    concepts = np.zeros(size)
    clauses, grouped = [], {}
    bests = _concept_bests(query, head, stats[None], frequency_of)
    for (token, weight, _kind), group in zip(query.concepts, query.groups, strict=True):
        if group is not None:
            values = grouped.setdefault(group, [])
        best = bests.get(token)
        if best is None:
            # No practice holds it: it would add 0 (and its group keeps its
            # place in the order).
            continue
        if group is None:
            clauses.append(CONCEPT_BOOST * weight * best)
        else:
            values.append(CONCEPT_BOOST * weight * best)
    clauses += [_dis_max(values) for values in grouped.values() if values]
    if CONCEPT_TIE < 1 and clauses:
        concepts = _dis_max(clauses, CONCEPT_TIE)
    else:
        for value in clauses:
            concepts += value
    return own + concepts


def _concept_bests(query, head, stats, frequency_of):
    """{concept token: its best of the title's (x3) and the text's concepts,
    IDF times BM25, per practice} of the query's concept tokens some practice
    of ``head`` may hold (all when the head does not say), every token's
    fields computed in one pass of arrays (element by element as one token's
    alone)."""
    tokens = [
        token
        for token in dict.fromkeys(token for token, _w, _k in query.concepts)
        if head.concepts is None or token in head.concepts
    ]
    if not tokens:
        return {}
    counts = np.stack([head.counts(token) for token in tokens])
    best = np.zeros((len(tokens), len(head.ids)))
    for column, field, field_boost in _CONCEPT_FIELDS:
        practices, average = stats[field]
        held = counts[:, :, column]
        weights = np.array(
            [idf(frequency_of(field, token), practices) for token in tokens]
        )
        value = weights[:, None] * _bm25_parts(
            held, _norm(head.lengths[:, column], average), field_boost
        )
        best = np.where(held > 0, np.maximum(best, value), best)
    return dict(zip(tokens, best, strict=True))


def _translated(query, rows, terms_of, language):
    """The translation clauses' scores of ``rows`` (practices in
    ``language``, a :class:`_Terms`): per translated word, its best term in
    the title (x3) or text (Elasticsearch's dis_max of multi_match), times
    the group's weight."""
    total = np.zeros(len(rows))
    for group in query.translations:
        best = np.zeros(len(rows))
        for term in group.terms.get(language, ()):
            for column in range(len(_WORD_FIELDS)):
                best = np.maximum(best, terms_of.parts([term], column)[0])
        total += group.weight * best
    return total


class Head:
    """The rescored practices as arrays: ``ids``, ``languages``, ``lengths``
    (a row per practice: its FIELDS' lengths, floats) and ``counts(token)``
    (the token's counts in the FIELDS, same shape; zeros if none holds it);
    ``concepts``, when known, the concept tokens some of them hold (the others
    add nothing to a score: :func:`score` passes them by)."""

    def __init__(self, ids, languages, lengths, counts, concepts=None):
        self.ids, self.languages, self.lengths = ids, languages, lengths
        self._counts, self._found = counts, {}
        self.concepts = concepts

    def counts(self, token):
        found = self._found.get(token)
        if found is None:
            found = self._found[token] = self._counts(token)
        return found
