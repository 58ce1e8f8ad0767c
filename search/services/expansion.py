"""The thesaurus concepts a query stands for, with a weight each: one service for
every engine (the Elasticsearch query and the database engines' full-text path).

* **Links** (SKOS-like, ``search/synonyms/concepts/*.json``): each concept names
  its ``broader`` and ``related`` concepts; ``narrower`` is the inverse of
  broader, and related goes both ways. A query concept brings its narrower
  concepts ("construction" finds bricklaying and roofing practices) and its
  related ones ("coaching" finds mentoring) at lower weights
  (:data:`LINK_WEIGHTS`); its broader concept, a generalisation the user did not
  ask for, not at all (measured in search/eval/README.md).
* **Weights in the collection**: a concept that most practices name (vocational
  education and training, competence) says little about a practice, so it
  weighs little; one few practices name weighs fully (:func:`idf_weight`,
  computed from the documents' concept tags at each rebuild and stored in
  ``ConceptWeight``, so every engine and process reads the same figures).
"""

import math
import time
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from django.db import transaction

from .. import thesaurus
from ..analysis import LANGUAGES, analyze, fold, stopwords, words
from ..models import ConceptWeight

# Weight of a concept reached through a link, relative to one the query names.
LINK_WEIGHTS = {"narrower": 0.5, "related": 0.3, "broader": 0.0}
# Weight of a concept that a word the thesaurus does not know names by its
# first letters (thesaurus.cognate_concepts), relative to one a term names
# (measured with the query's language out of the thesaurus, search/eval/README.md:
# 0.3, 0.5 and 1.0 within 0.006 nDCG@10; a guess weighs less than a term).
COGNATE_WEIGHT = 0.5
# A cognate concept's narrower concepts (kinds of it) weigh the narrower
# link's weight times the cognate's, a weight falling with each step from what
# the user typed; its related ones, neighbours of a guess, not at all (measured
# with the query's language held out of the thesaurus, search/eval/README.md,
# fifteenth session: narrower ones development-2 0.503 -> 0.517 nDCG@10 on
# Elasticsearch, development 0.891 -> 0.885; related ones too, at half that
# weight, development 0.879).
COGNATE_LINKS = ("narrower",)
# Stored weights are read again after this many seconds (another process may
# have rebuilt); a rebuild in this process forgets them at once.
WEIGHTS_TTL = 60


@lru_cache(maxsize=4)
def links(path=thesaurus.THESAURUS_PATH):
    """Concept id -> {"broader", "narrower", "related": (concept ids)}."""
    entries = thesaurus.entries(path)
    found = {
        cid: {"broader": set(), "narrower": set(), "related": set()} for cid in entries
    }
    for cid, entry in entries.items():
        for other in entry["broader"]:
            if other in found and other != cid:
                found[cid]["broader"].add(other)
                found[other]["narrower"].add(cid)
        for other in entry["related"]:
            if other in found and other != cid:
                found[cid]["related"].add(other)
                found[other]["related"].add(cid)
    return {
        cid: {kind: tuple(sorted(ids)) for kind, ids in kinds.items()}
        for cid, kinds in found.items()
    }


def idf_weight(documents, total):
    """1 for a concept no practice (or one practice) names, falling towards
    sqrt(log(2) / log(1 + total)) for one every practice names: the square root
    of a normalised IDF, as both engines' BM25 already weigh a rare concept
    token more (measured on search/eval: the plain normalised IDF, 0.937 nDCG@10
    on Elasticsearch, its square root 0.944, no weights 0.942)."""
    if not documents or total <= 1:
        return 1.0
    return math.sqrt(min(1.0, math.log(1 + total / documents) / math.log(1 + total)))


def compute_weights(concepts_per_document):
    """(number of documents, {concept id: (documents naming it, weight)}) from
    one iterable of concept ids per document."""
    counts, total = Counter(), 0
    for concepts in concepts_per_document:
        total += 1
        counts.update(set(concepts))
    return total, {
        cid: (documents, idf_weight(documents, total))
        for cid, documents in counts.items()
    }


def store_weights(concepts_per_document):
    """Replace the stored weights by those of these documents; returns them."""
    _total, computed = compute_weights(concepts_per_document)
    rows = [
        ConceptWeight(concept=cid, documents=documents, weight=weight)
        for cid, (documents, weight) in computed.items()
    ]
    with transaction.atomic():
        ConceptWeight.objects.all().delete()
        ConceptWeight.objects.bulk_create(rows, batch_size=500)
    forget_weights()
    return computed


_weights = {"until": 0.0, "values": {}, "documents": {}, "total": 0}


def forget_weights():
    _weights["until"] = 0.0


def _weights_now():
    now = time.monotonic()
    if _weights["until"] < now:
        from ..models import PracticeTokens

        rows = list(ConceptWeight.objects.values_list("concept", "weight", "documents"))
        _weights["values"] = {cid: weight for cid, weight, _n in rows}
        _weights["documents"] = {cid: documents for cid, _w, documents in rows}
        _weights["total"] = PracticeTokens.objects.count() if rows else 0
        _weights["until"] = now + WEIGHTS_TTL


def generation():
    """Changes whenever the stored weights are read again (what a memoised
    query analysis depends on: query/fulltext.py)."""
    _weights_now()
    return _weights["until"]


def weights():
    """Concept id -> stored weight (a concept absent from the table weighs 1)."""
    _weights_now()
    return _weights["values"]


def expand(concepts, link_weights=None, cognates=(), feedback=None):
    """((concept id, weight, how it was reached), ...) for the concepts a query
    names: themselves ("query", link weight 1), then their narrower, related and
    broader concepts at :data:`LINK_WEIGHTS`, the ``cognates`` its unknown
    words name by their first letters at :data:`COGNATE_WEIGHT` and their
    narrower concepts (:data:`COGNATE_LINKS`) at their link's weight times
    :data:`COGNATE_WEIGHT`, and the concepts of a :class:`Feedback` at its
    weight; each times its collection weight."""
    link_weights = LINK_WEIGHTS if link_weights is None else link_weights
    graph = links()
    reached = dict.fromkeys(concepts, (1.0, "query"))
    for cid in concepts:
        for kind in ("narrower", "related", "broader"):
            weight = link_weights.get(kind, 0.0)
            if weight <= 0:
                continue
            for other in graph.get(cid, {}).get(kind, ()):
                if reached.get(other, (0.0, ""))[0] < weight:
                    reached[other] = (weight, kind)
    for cid in cognates:
        if cid not in reached:
            reached[cid] = (COGNATE_WEIGHT, "cognate")
    for cid in cognates:
        for kind in COGNATE_LINKS:
            weight = COGNATE_WEIGHT * link_weights.get(kind, 0.0)
            for other in graph.get(cid, {}).get(kind, ()) if weight > 0 else ():
                if reached.get(other, (0.0, ""))[0] < weight:
                    reached[other] = (weight, kind)
    for cid in feedback.concepts if feedback else ():
        if cid not in reached:
            reached[cid] = (feedback.weight, "feedback")
    stored = weights()
    return tuple(
        (cid, weight * stored.get(cid, 1.0), kind)
        for cid, (weight, kind) in reached.items()
    )


# --- what a practice must hold to count as a match ---------------------------------
#
# A practice matches the query's meaning when it holds enough of the query's
# units, whole: each concept the query names (or one of its narrower or related
# concepts), each word of it no concept covers. Words of multi-word terms alone
# (parts) only add to the score: without this rule a query naming "green skills"
# counted every practice with the word "skills". Half the units of a long query,
# at least one (measured on search/eval: requiring both of two units, or three
# quarters of more, dropped nDCG@10 from 0.79 to 0.69).


def units_needed(count):
    return max(1, count // 2)


# A concept that at least this share of the practices name is generic
# ("vocational training", "competence"): next to a more specific concept of the
# query it does not count as a unit (it still adds to the score, at its low
# weight), so that "N practices found" counts what the query is about.
# (measured on search/eval's development set: 0.6 left nDCG@10 and recall as
# they were; 0.5 cost 0.003 nDCG@10; a third 0.004 nDCG@10 and 0.028 recall@10.)
GENERIC_SHARE = 0.6


def document_shares():
    """{concept id: the share of the practices naming it} (stored weights'
    document counts; a concept no practice names is absent)."""
    _weights_now()
    total = _weights["total"]
    if not total:
        return {}
    return {cid: documents / total for cid, documents in _weights["documents"].items()}


def generic_concepts():
    """Ids of the concepts at least :data:`GENERIC_SHARE` of the practices name."""
    return frozenset(
        cid for cid, share in document_shares().items() if share >= GENERIC_SHARE
    )


def concept_units(concepts):
    """Per concept of the query: the concepts that stand for it in a practice
    (itself and its narrower and related ones); a generic concept is no unit
    next to a specific one."""
    graph = links()
    generic = generic_concepts()
    specific = [cid for cid in concepts if cid not in generic]
    return [
        (
            cid,
            (
                cid,
                *graph.get(cid, {}).get("narrower", ()),
                *graph.get(cid, {}).get("related", ()),
            ),
        )
        for cid in (specific or concepts)
    ]


# --- a query of several concepts: one unit's links do not add up ---------------
#
# Each concept a query names brings its narrower and related concepts. Summed,
# a practice naming many neighbours of one of the query's concepts (renovation,
# bricklaying, roofing and energy efficiency for "construction") outscored one
# naming both concepts the query asks for ("sicurezza cantiere": safety on a
# building site). So for a query naming two or more concepts, the concepts
# standing for one of them count as Elasticsearch's ``dis_max``: the best of
# them, plus :data:`UNIT_TIE` of the others. A query of one concept keeps the
# sum (its neighbours are all it has to tell practices apart). Measured on both
# development sets (search/eval/README.md, "ranking rules (tenth session)").
UNIT_TIE = 0.5


def unit_groups(concepts):
    """{concept id: the query concept it stands for} for a query naming the
    ``concepts``: each of them itself, then their narrower and related ones
    (the first query concept's, where two reach one); empty for fewer than two
    concepts (every concept then counts on its own)."""
    if len(concepts) < 2:
        return {}
    graph = links()
    found = {cid: cid for cid in concepts}
    for cid in concepts:
        for kind in ("narrower", "related"):
            for other in graph.get(cid, {}).get(kind, ()):
                found.setdefault(other, cid)
    return found


def word_concepts(word):
    """The concepts a word the thesaurus does not know stands for in a practice
    (thesaurus.cognate_concepts): its unit is held by a practice that names one
    of them, as by one holding the word. Kept per process (the thesaurus is
    read once): the Elasticsearch query asks for it at every search."""
    return _word_concepts(word, thesaurus.held_out())


@lru_cache(maxsize=4096)
def _word_concepts(word, _held_out):
    return tuple(thesaurus.cognate_concepts(word))


# unit_words' ``skip_known`` for the dictionary: skip a word of a thesaurus
# term only where a term the query names holds it (translated_words).
NAMED = "named"


def unit_words(q, languages, skip_known=True):
    """The words of ``q`` that are units of their own: not a function word in
    any of ``languages``, and (``skip_known``) not a word of a thesaurus term.
    Kept per process and query (they follow from the text, the languages and
    the thesaurus, read once): a search asks for them three to five times (its
    units, the words alone, the feedback, the title-first order)."""
    return _unit_words(q, tuple(languages), skip_known, thesaurus.held_out())


@lru_cache(maxsize=4096)
def _unit_words(q, languages, skip_known, _held_out):
    named = thesaurus.named_words(q) if skip_known == NAMED else ()
    found = []
    for word, _start, _end in words(q):
        if any(fold(word) in stopwords(code) for code in languages):
            continue
        if skip_known and thesaurus.is_known_word(word):
            if skip_known != NAMED or fold(word) in named:
                continue
        found.append(word)
    return tuple(found)


def translated_words(q, languages):
    """The words of ``q`` the dictionary translates (search/translation.py):
    its :func:`unit_words`, and the words of thesaurus terms that no term the
    query names holds ("secco", a word of the laundry term "lavaggio a secco",
    in "muretti a secco", dry-stone walls): the thesaurus says nothing of
    them here."""
    return _unit_words(q, tuple(languages), NAMED, thesaurus.held_out())


# --- concept feedback: words the thesaurus does not know -----------------------
#
# A word no term holds matches only texts of its own language (or, by its first
# letters, a concept: thesaurus.cognate_concepts), so practices in other
# languages about the same thing are never found. But the practices it does
# find carry language-neutral concept tags: the concepts the best of them share
# are likely what the word is about. So a query with such words is ranked
# twice, on every engine: the first ranking's best :attr:`FeedbackRule.practices`
# give their shared concepts (each practice's vote falling with its rank, as
# nDCG's discount, and with how strongly it holds the concept (:class:`_Held`),
# times the concept's collection weight, as :func:`expand` weighs concepts;
# concepts the query reaches already and generic ones out;
# shared by at least two practices), and the strongest
# :attr:`FeedbackRule.concepts` of them, with the title concepts of a
# first-ranked practice whose title holds every unknown word, join the query
# at a low weight and stand for its unknown words in a practice (the units
# rule), for the second ranking. A query whose words the thesaurus all knows is ranked once.
# (measured on both development sets with the query's language held out:
# search/eval/README.md.)


@dataclass(frozen=True)
class FeedbackRule:
    practices: int = 10  # how many of the first ranking's best vote
    # How many concepts join the query, at most: as many as keep the count of
    # a query in a language the thesaurus lacks at what the same query counts
    # when it knows the words (search/eval/README.md, twelfth session).
    concepts: int = 5
    weight: float = 0.3  # their weight, relative to a concept the query names


FEEDBACK = FeedbackRule()


@dataclass(frozen=True)
class Feedback:
    """What the first ranking gave a query: concept ids, their weight."""

    concepts: tuple = ()
    weight: float = 0.0

    def __bool__(self):
        return bool(self.concepts)


def wants_feedback(q, languages):
    """Whether ``q`` holds a word the thesaurus does not know (not a function
    word in any of ``languages``) that names no concept by its first letters
    either: only then is it ranked twice."""
    return any(
        not word_concepts(word) for word in unit_words(q, languages, skip_known=True)
    )


@dataclass(frozen=True)
class _Held:
    """What a first-ranked practice holds, from its stored tokens
    (services/tokens.py): ``tags``, {concept id: how strongly it holds it},
    its mentions, a title's counting :data:`query.scoring.TITLE_BOOST` times,
    saturated as the ranking's BM25 saturates a token's count
    (``n / (n + k1)``: a concept named in the title or again and again says
    what the practice is about, one mentioned once in passing little); its
    title's concepts, its language and its title's analysed words."""

    tags: dict
    title_concepts: frozenset
    language: str
    title_words: frozenset

    def title_holds(self, word):
        """Whether the title holds ``word`` (analysed with the practice's
        language chain, as its stored title is)."""
        chain = self.language if self.language in LANGUAGES else "en"
        tokens = analyze(word, chain)
        return bool(tokens) and all(token in self.title_words for token in tokens)


def _held(page_ids):
    """Page id -> :class:`_Held`, from the practices' stored tokens."""
    from ..models import PracticeTokens
    from .query.scoring import K1, TITLE_BOOST
    from .tokens import concept_of_token

    rows = PracticeTokens.objects.filter(page_id__in=page_ids).values_list(
        "page_id", "concepts_title", "concepts_text", "language", "title"
    )
    found = {}
    for page_id, title, text, language, title_words in rows:
        held = Counter()
        for boost, tokens in ((TITLE_BOOST, title), (1.0, text)):
            for cid in map(concept_of_token, tokens.split()):
                if cid is not None:
                    held[cid] += boost
        found[page_id] = _Held(
            {cid: count / (count + K1) for cid, count in held.items()},
            frozenset(filter(None, map(concept_of_token, title.split()))),
            language,
            frozenset(title_words.split()),
        )
    return found


def second_round(first_ranking, named, rule, retry, unknown=()):
    """The :class:`Feedback` an engine's ``first_ranking(strict)`` (page ids,
    best first) gives, or None: the strict ranking's, or with ``retry``
    (request.any_word_retry) the any-word ranking's when that found nothing.
    Engines call it only for a query :func:`wants_feedback`, with its words
    the thesaurus does not know, ``unknown`` (:func:`unit_words`), which only
    the strict ranking's titles are checked for."""
    if not rule:
        return None
    ranked = first_ranking(True)
    if not ranked and retry:
        # Practices holding only some of the query's words: their titles
        # are not about the query (the title rule reads the strict ranking).
        return feedback(first_ranking(False), named, rule) or None
    return feedback(ranked, named, rule, unknown) or None


def feedback(ranked_ids, named, rule=FEEDBACK, unknown=()):
    """The :class:`Feedback` of a first ranking (page ids, best first) for a
    query naming the concepts ``named`` (those of its terms and its cognates)
    whose words ``unknown`` the thesaurus does not know.

    A first-ranked practice whose title holds every one of them is about
    them: the concepts its title names join too, past the rule's count and
    with no second holder (a title says what a practice is about; a concept
    one practice names in its text still needs two)."""
    if not rule or not ranked_ids:
        return Feedback()
    best = list(ranked_ids[: rule.practices])
    held = _held(best)
    graph = links()
    reached = set(named)
    for cid in named:
        reached.update(graph.get(cid, {}).get("narrower", ()))
        reached.update(graph.get(cid, {}).get("related", ()))
    reached |= generic_concepts()
    votes, holders = Counter(), Counter()
    titled = set()
    for rank, page_id in enumerate(best):
        found = held.get(page_id)
        if found is None:
            continue
        if unknown and all(map(found.title_holds, unknown)):
            titled |= found.title_concepts - reached
        for cid, strength in found.tags.items():
            if cid not in reached:
                votes[cid] += strength / math.log2(rank + 2)
                holders[cid] += 1
    stored = weights()
    strongest = sorted(
        (cid for cid in votes if holders[cid] >= min(2, len(best))),
        key=lambda cid: (-votes[cid] * stored.get(cid, 1.0), cid),
    )[: rule.concepts]
    extra = sorted(titled - set(strongest), key=lambda cid: (-votes[cid], cid))
    return Feedback(tuple(strongest + extra), rule.weight)
