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

Document frequencies come from the engine (per column), lengths and practice
counts per language from the stored tokens (cached for a minute).
"""

import math
import time
from collections import Counter

import numpy as np

from ...analysis import LANGUAGES, analyze
from ...models import PracticeTokens
from ..expansion import UNIT_TIE

K1, B = 1.2, 0.75
TITLE_BOOST = 3.0
# As the Elasticsearch query's (elasticsearch.py).
CONCEPT_BOOST = 1.0
# How many of the engine's best candidates are scored here.
RESCORED = 300
STATS_TTL = 60

FIELDS = ("title", "text", "concepts_title", "concepts_text")
_stats = {"until": 0.0, "value": None, "generation": 0}


def forget_stats():
    _stats["until"] = 0.0


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

    found = stored()
    _stats["value"] = found
    _stats["generation"] += 1
    _stats["until"] = now + STATS_TTL
    return found


def stats_generation():
    """Changes whenever :func:`collection_stats` reads the statistics again."""
    collection_stats()
    return _stats["generation"]


def idf(documents, practices):
    return math.log(1 + (practices - documents + 0.5) / (documents + 0.5))


def bm25(frequency, length, average, weight):
    if not frequency:
        return 0.0
    norm = K1 * (1 - B + B * length / max(average, 1e-6))
    return weight * frequency / (frequency + norm)


def words_needed(count):
    """Elasticsearch's ``2<75%``: all of one or two words, 75 % (down) of more."""
    return count if count <= 2 else math.floor(count * 0.75)


class Query:
    """What a query asks of one practice's tokens: ``concepts`` is
    ((stored token, weight, kind), ...) from the expansion service."""

    # Whether a field must hold enough of the words (:func:`words_needed`) for
    # them to count, or any one (Elasticsearch's query for any of the words).
    strict = True

    def __init__(self, q, concepts, alone=(), groups=()):
        self.q = q
        self.concepts = concepts
        # Per concept, the query concept whose dis_max it counts in, or None
        # (expansion.unit_groups); empty: every concept on its own.
        self.groups = tuple(groups) or (None,) * len(concepts)
        # The words that may count in a field without the others
        # (request.words_alone).
        self.alone = " ".join(alone)
        self._terms = {}

    def any_word(self):
        """The same query, a field counting with any one of its words."""
        other = Query(self.q, self.concepts, groups=self.groups)
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
        return words, [t for t, _w, _k in self.concepts]


def _held(value):
    """A field's tokens: counted from the stored text (once per process and
    text: a search rescoring hundreds of rows split and counted each again),
    or as a loader gave them (anything with ``count``, ``in`` and ``len``:
    services/statistics.py)."""
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


def score_rows(query, rows, frequency_of):
    """{page id: score} of ``rows`` (PracticeTokens value dicts); a practice the
    Elasticsearch query would not match scores 0. ``frequency_of(field, token)``
    gives the number of practices whose ``field`` holds ``token``."""
    stats = collection_stats()
    scores = {}
    # What every row reads alike, worked out once (the same sums, in the same
    # order, as per row: hundreds of rows are scored per search).
    weighted = tuple((t, w, CONCEPT_BOOST) for t, w, _kind in query.concepts)
    positions = {}
    for position, (token, _w, _b) in enumerate(weighted):
        positions.setdefault(token, []).append(position)
    concept_idf = {
        (field, token): idf(frequency_of(field, token), stats[None][field][0])
        for field in ("concepts_title", "concepts_text")
        for token, _w, _b in weighted
    }
    word_idf = {}
    for row in rows:
        own_stats = stats.get(row["language"], stats[None])
        fields = {field: _held(row[field]) for field in FIELDS}
        own = 0.0
        for terms in query.word_sets(row["language"]):
            needed = words_needed(len(set(terms))) if query.strict else 1
            for field, boost in (("title", TITLE_BOOST), ("text", 1.0)):
                held = fields[field]
                counts = held.counts
                matched = {term for term in terms if term in counts}
                if not terms or len(matched) < needed:
                    continue
                practices, average = own_stats[field]
                length = len(held)
                total = 0.0
                for term in terms:
                    if term in matched:
                        key = (field, term, practices)
                        weight = word_idf.get(key)
                        if weight is None:
                            weight = word_idf[key] = idf(
                                frequency_of(field, term), practices
                            )
                        total += weight * bm25(counts[term], length, average, boost)
                own = max(own, total)
        concepts = 0.0
        title, text = fields["concepts_title"], fields["concepts_text"]
        # Only the query's concepts the row holds, in the query's order (the
        # others add 0: the same sum).
        held_here = sorted(
            position
            for token in title.counts.keys() | text.counts.keys()
            for position in positions.get(token, ())
        )
        grouped = {}
        for position in held_here:
            token, weight, boost = weighted[position]
            best = 0.0
            for field, held, field_boost in (
                ("concepts_title", title, TITLE_BOOST),
                ("concepts_text", text, 1.0),
            ):
                count = held.counts.get(token, 0)
                if count:
                    average = stats[None][field][1]
                    best = max(
                        best,
                        concept_idf[field, token]
                        * bm25(count, len(held), average, field_boost),
                    )
            group = query.groups[position]
            if group is None:
                concepts += boost * weight * best
            else:
                grouped.setdefault(group, []).append(boost * weight * best)
        for values in grouped.values():
            concepts += float(_dis_max(values))
        scores[row["page_id"]] = own + concepts
    return scores


def _dis_max(values):
    """Elasticsearch's dis_max of clause scores (numbers, or numpy arrays of one
    score per practice): the best, plus expansion.UNIT_TIE times the others
    (added in clause order)."""
    best = total = values[0]
    for value in values[1:]:
        best = np.maximum(best, value)
        total = total + value
    return best + UNIT_TIE * (total - best)


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


def _best_first(head, ranked, scores):
    """``head``'s practices scoring above 0 by score (ties in the engine's
    order), then the rest of ``ranked`` after the head."""
    order = {page_id: position for position, page_id in enumerate(head)}
    best = sorted(
        (page_id for page_id, score in scores.items() if score > 0),
        key=lambda page_id: (-scores[page_id], order[page_id]),
    )
    return [(page_id, scores[page_id]) for page_id in best] + ranked[RESCORED:]


def rescore(query, ranked, frequencies, rows_of=None):
    """``ranked`` [(page id, engine score)] best first: its first
    :data:`RESCORED` ordered by :func:`score_rows` (those scoring 0 out), the
    rest after them in the engine's order. ``frequencies(pairs)`` gives
    {(field, token): practices} for (field, token) pairs; ``rows_of(page
    ids)``, when given, the rows to score (by default read whole)."""
    head = [page_id for page_id, _score in ranked[:RESCORED]]
    if not head:
        return ranked
    if rows_of is not None:
        rows = rows_of(head)
    else:
        rows = list(
            PracticeTokens.objects.filter(page_id__in=head).values(
                "page_id", "language", *FIELDS
            )
        )
    frequency_of = _known(query, {row["language"] for row in rows}, frequencies)
    return _best_first(head, ranked, score_rows(query, rows, frequency_of))


def _bm25s(counts, lengths, average, boost):
    """:func:`bm25` of arrays (0 where the count is 0): the same operations
    in the same order, element by element."""
    norm = K1 * (1 - B + B * lengths / max(average, 1e-6))
    return np.where(counts > 0, boost * counts / (counts + norm), 0.0)


def score_arrays(query, head, frequency_of):
    """:func:`score_rows` of a :class:`Head` (PostgreSQL's postings): the
    same sums, a practice's terms and concepts added in the same order, each
    step done for all the head's practices of a language at once (a term or
    concept a practice does not hold adds 0, as :func:`score_rows` leaves it
    out)."""
    stats = collection_stats()
    size = len(head.ids)
    own = np.zeros(size)
    languages = np.array(head.languages, dtype=object)
    for language in set(head.languages):
        rows = np.flatnonzero(languages == language)
        own_stats = stats.get(language, stats[None])
        best = np.zeros(len(rows))
        for terms in query.word_sets(language):
            if not terms:
                continue
            needed = words_needed(len(set(terms))) if query.strict else 1
            for column, (field, boost) in enumerate(
                (("title", TITLE_BOOST), ("text", 1.0))
            ):
                practices, average = own_stats[field]
                lengths = head.lengths[rows, column]
                matched = sum(
                    head.counts(term)[rows, column] > 0 for term in set(terms)
                )
                total = np.zeros(len(rows))
                for term in terms:
                    counts = head.counts(term)[rows, column]
                    weight = idf(frequency_of(field, term), practices)
                    total += weight * _bm25s(counts, lengths, average, boost)
                best = np.maximum(best, np.where(matched >= needed, total, 0.0))
        own[rows] = best
    concepts = np.zeros(size)
    grouped = {}
    for (token, weight, _kind), group in zip(query.concepts, query.groups, strict=True):
        best = np.zeros(size)
        for column, field, field_boost in (
            (2, "concepts_title", TITLE_BOOST),
            (3, "concepts_text", 1.0),
        ):
            counts = head.counts(token)[:, column]
            practices, average = stats[None][field]
            value = idf(frequency_of(field, token), practices) * _bm25s(
                counts, head.lengths[:, column], average, field_boost
            )
            best = np.where(counts > 0, np.maximum(best, value), best)
        if group is None:
            concepts += CONCEPT_BOOST * weight * best
        else:
            grouped.setdefault(group, []).append(CONCEPT_BOOST * weight * best)
    for values in grouped.values():
        concepts += _dis_max(values)
    return own + concepts


class Head:
    """The rescored practices as arrays: ``ids``, ``languages``, ``lengths``
    (a row per practice: its FIELDS' lengths, floats) and ``counts(token)``
    (the token's counts in the FIELDS, same shape; zeros if none holds it)."""

    def __init__(self, ids, languages, lengths, counts):
        self.ids, self.languages, self.lengths = ids, languages, lengths
        self._counts, self._found = counts, {}

    def counts(self, token):
        found = self._found.get(token)
        if found is None:
            found = self._found[token] = self._counts(token)
        return found


def rescore_arrays(query, ranked, frequencies, head_of):
    """:func:`rescore` with the head scored by :func:`score_arrays`;
    ``head_of(page ids)`` gives their :class:`Head`."""
    head = [page_id for page_id, _score in ranked[:RESCORED]]
    if not head:
        return ranked
    found = head_of(head)
    frequency_of = _known(query, set(found.languages), frequencies)
    scores = score_arrays(query, found, frequency_of)
    return _best_first(head, ranked, dict(zip(found.ids, scores.tolist(), strict=True)))
