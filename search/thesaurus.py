"""The multilingual VET thesaurus: concepts with their terms in each language.

Source: ``search/synonyms/concepts/*.json`` (read by :mod:`search.thesaurus_files`; see
``search/synonyms/README.md``: terms and official translations carried over from
Cedefop's terminology, ESCO and EuroVoc, with inflections and everyday words).
The concepts' SKOS-like links (broader, narrower, related) and their weights in
the collection are used at query time by :mod:`search.services.expansion`.
Terms are matched in Python, analysed with each language's chain
(``search/analysis.py``: Lucene's stop words and Snowball stemmers), so an
inflected word still names its concept ("δεξιότητες" and "δεξιότητα" share the
Greek stem):

* :func:`concept_tags` (Elasticsearch path, index time) lists the concepts a
  practice's title or text names, in the practice's language and in English
  (English VET vocabulary, "e-leadership", "blended learning", "NEET", is common
  inside texts of every language); they are indexed as tokens.
* :func:`concepts_in` (both paths, query time) finds the concepts a query names,
  whatever its language: it is analysed with each thesaurus language's chain and
  compared with that language's analysed terms, longest match first.
* :func:`terms_for` gives the raw terms of concepts a text in one language may
  hold (what a snippet highlights).

A thesaurus edit takes effect at the next ``search_index rebuild`` (the index's
schema fingerprint includes the file, so ``search_index status`` asks for it).
"""

from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from . import derivation
from .analysis import analyze_words, analyzer, fold, stopwords, words
from .compounds import COMPOUNDING, HEAD, MIN_PIECE, Splitter, foreign_parts
from .matching import TermIndex
from .stemguard import guards
from .thesaurus_files import LINKS, THESAURUS_PATH, load, stem_overrides
from .thesaurus_files import entries as entries
from .thesaurus_files import fingerprint as fingerprint

# Terms of these languages are also looked for inside texts of every language.
LINGUA_FRANCA = ("en",)


def _words(text, language, keep_stop=False):
    """(word as written, token) for each word of ``text`` that is no stop
    word: ``language``'s chain (analysis.analyze_words), but a word
    synonyms/stems.txt lists gets its token there instead of its stem
    ("Lehrer" is "lehrer", not "lehr" as "Lehre" is). With ``keep_stop``,
    the function words too, with the token ''."""
    overrides = stem_overrides()
    pairs = analyze_words(text, language, keep_stop)
    if language == "el":
        pairs = [(word, _greek(word, term)) for word, term in pairs]
    if not overrides:
        return pairs
    return [
        (word, overrides.get(fold(word), term) if term else term)
        for word, term in pairs
    ]


# Greek nouns in -ία/-ια (feminine, and the masculine ones in -ίας): the
# Snowball stemmer cuts the nominative singular to the consonant ("γεωργία"
# "γεωργ", "ανεμογεννήτρια" "ανεμογεννητρ") but keeps the -ι- of the genitive
# and of the plural ("γεωργίας", "ανεμογεννήτριες": "γεωργι",
# "ανεμογεννητρι"), so a term written in one case did not find the other.
# Those endings lose the -ι- after a consonant, as the form in -ία/-ια does
# (the feminine nominative, the masculine genitive "επαγγελματία"): the token
# is then that form's, so the rule joins no word that form did not already
# meet.
_GREEK_IA_ENDINGS = ("ιασ", "ιεσ", "ιων")  # folded: final ς is σ
_GREEK_CONSONANTS = frozenset("βγδζθκλμνξπρστφχψ")


def _greek(word, term):
    """The Greek token of ``word`` with the rule above."""
    folded = fold(word)
    if (
        len(term) >= 4
        and term[-1] == "ι"
        and term[-2] in _GREEK_CONSONANTS
        and folded.endswith(_GREEK_IA_ENDINGS)
    ):
        return term[:-1]
    return term


def _analyse(text, language):
    """The tokens of ``text`` as the thesaurus reads them (:func:`_words`)."""
    return [term for _word, term in _words(text, language)]


def _word_token(language):
    """One word's token in ``language``'s chain, overrides included ('' for a
    stop word): what the compound splitter analyses a piece with."""
    chain = analyzer(language).term
    overrides = stem_overrides()

    def token(word):
        term = chain(word)
        return overrides.get(fold(word), term) if term else term

    return token


def _term_forms(term, language):
    """The analysed forms of a thesaurus term in ``language``'s chain: as
    written, and with its accents off (a query or text typed without them:
    Catalan "formacio" does not stem like "formació")."""
    forms = {tuple(_analyse(term, language))}
    folded = fold(term)
    if folded != term.casefold():
        forms.add(tuple(_analyse(folded, language)))
    return [form for form in forms if form]


def term_forms(term, language):
    """The analysed forms of ``term`` in ``language``'s chain, as the thesaurus
    matches them."""
    return _term_forms(term, language)


@lru_cache(maxsize=4)
def _index(path=THESAURUS_PATH):
    """language -> TermIndex (search/matching.py) of its analysed terms, whose
    values are concept ids; language "" holds the folded, unstemmed forms of
    every term."""
    pairs = {"": []}
    for concept_id, terms in load(path).items():
        for language, values in terms.items():
            for term in values:
                for form in _term_forms(term, language):
                    pairs.setdefault(language, []).append((form, concept_id))
                plain = tuple(fold(w) for w, _s, _e in words(term))
                pairs[""].append((plain, concept_id))
    for language, head, concept_id in clipped_terms(path):
        for form in _term_forms(head, language):
            pairs[language].append((form, concept_id))
    return {language: TermIndex(found) for language, found in pairs.items()}


# --- clipped terms (query time) -------------------------------------------------
#
# An official term often has a complement people leave out when they type it:
# "πρόωρη εγκατάλειψη [του σχολείου]", "abandono temprano [de la educación y la
# formación]", "menores extranjeros [no acompañados]", "diseño asistido [por
# ordenador]" (English has "early leaving" beside "early leaving from education
# and training" as a term of its own). A multi-word term's words before its
# first function word (a preposition or an article; not a conjunction, which
# joins two heads) are also a term of its concept at query time, when there
# are at least two of them and one of them is a word of that concept's terms
# alone in the language (so "servicio público [de empleo]", "primer ciclo [de
# secundaria]", whose words other concepts' terms hold, stay whole). Not at
# index time: a text writing the whole term would name the concept twice.

# Conjunctions, per language ("of" is Dutch "or", English "of" a preposition).
CONJUNCTIONS = {
    "en": ("and", "or"),
    "it": ("e", "ed", "o", "od"),
    "es": ("y", "e", "o", "u"),
    "ca": ("i", "o"),
    "el": ("και", "ή"),
    "de": ("und", "oder"),
    "nl": ("en", "of"),
}


@lru_cache(maxsize=4)
def clipped_terms(path=THESAURUS_PATH):
    """(language, head, concept id) for each clipped term (see above)."""
    concepts = load(path)
    owners = {}
    for concept_id, terms in concepts.items():
        for language, values in terms.items():
            for term in values:
                for form in _term_forms(term, language):
                    for token in form:
                        owners.setdefault((language, token), set()).add(concept_id)
    found = {}
    for concept_id, terms in concepts.items():
        for language, values in terms.items():
            stop = stopwords(language)
            joins = frozenset(CONJUNCTIONS.get(language, ()))
            for term in values:
                head = _clipped(term, stop, joins)
                if head is None:
                    continue
                forms = _term_forms(head, language)
                if forms and all(
                    any(owners.get((language, t)) == {concept_id} for t in form)
                    for form in forms
                ):
                    found[(language, head, concept_id)] = None
    return tuple(found)


def _clipped(term, stop, joins):
    """``term``'s words before its first function word (``stop``), when there
    are two or more and the function word is no conjunction (``joins``);
    None otherwise."""
    found = words(term)
    for at, (word, _start, _end) in enumerate(found):
        folded = fold(word)
        if folded not in stop and word.lower() not in stop:
            continue
        if at < 2 or folded in joins:
            return None
        head_end = found[at - 1][2]
        if term[head_end : head_end + 1] != " ":
            return None  # a hyphenated word ("phase-out", "meld- en ...")
        return term[:head_end]
    return None


@lru_cache(maxsize=64)
def _splitter(language, path=THESAURUS_PATH):
    """The compound splitter of ``language`` (search/compounds.py), knowing the
    analysed words of the language's terms; None for a language that does not
    write compounds as one word."""
    if language not in COMPOUNDING:
        return None
    terms = [term for terms in load(path).values() for term in terms.get(language, ())]
    known = {word for term in terms for word in _analyse(term, language)}
    written = {fold(word) for term in terms for word, _s, _e in words(term)}
    return Splitter(
        language, frozenset(known), frozenset(written), _word_token(language)
    )


def analysed(text, language, path=THESAURUS_PATH, whole=frozenset()):
    """``text`` analysed with ``language``'s chain as the thesaurus reads it:
    compounds the thesaurus does not know split into the pieces it knows
    ("Lehrlingsausbildung" -> "lehrling", "ausbild"); words in ``whole``
    (folded) are not split."""
    return [token for _word, token in analysed_pairs(text, language, path, whole)]


def analysed_pairs(
    text, language, path=THESAURUS_PATH, whole=frozenset(), keep_stop=False
):
    """(written word, token) for each token :func:`analysed` gives; the word is
    None for a piece of a split compound. A word that names nothing but is
    derived from a word of the terms stands for it (search/derivation.py:
    "crear" for "creación", "dropped out" for "dropout"). With ``keep_stop``,
    the function words too, with the token ''."""
    splitter = _splitter(language, path)
    read, join = _derived(language, path)
    text = join(text)
    if splitter is None:
        return read(_words(text, language, keep_stop))
    pairs = []
    for word, term in read(_words(text, language, keep_stop)):
        pieces = None
        if term and term not in splitter.known and fold(word) not in whole:
            pieces = splitter.split(word.lower())
        if pieces:
            pairs.extend((None, piece) for piece in pieces)
        else:
            pairs.append((word, term))
    return pairs


@lru_cache(maxsize=64)
def _derived(language, path=THESAURUS_PATH):
    """A function that reads (written word, token) pairs of ``language`` with
    search/derivation.py's rules, and one that joins a phrasal verb's words:
    a word that names nothing, derived into a word of the terms of the
    language (or of the lingua franca, as a text is matched), stands for
    that word."""
    # The words of the language's terms and of the lingua franca's, as a text
    # in the language is matched with.
    indexes = [_text_index(language, path)]
    if language in _index(path):
        indexes.append(_index(path)[language])
    known = frozenset(word for index in indexes for key in index.exact for word in key)
    chain = _word_token(language)
    greek = language == "el"

    @lru_cache(maxsize=65536)
    def token(word):
        found = chain(word)
        return _greek(word, found) if greek and found else found

    def read(pairs):
        return derivation.read(pairs, language, known, token)

    def join(text):
        return derivation.join_particles(text, language, known, token)

    return read, join


@lru_cache(maxsize=4)
def _guards(path=THESAURUS_PATH):
    """language -> its :class:`~search.stemguard.Guard` (query time)."""
    links = {}
    for concept_id, entry in entries(path).items():
        for link in LINKS:
            for other in entry[link]:
                links.setdefault(concept_id, set()).add(other)
                links.setdefault(other, set()).add(concept_id)
    return guards(load(path), _term_forms, _function_words(path), links)


@lru_cache(maxsize=4)
def languages(path=THESAURUS_PATH):
    """The languages the thesaurus has terms in (asked per query and per word)."""
    found = set()
    for terms in load(path).values():
        found.update(terms)
    return tuple(sorted(found))


# --- a language held out (evaluation only) ---------------------------------------
#
# To measure how search does on words the thesaurus does not know, an evaluation
# reads each query with the terms of the query's own language taken out of the
# query-time lookups (and the accentless index of every language's terms, which
# would find them again), the practices' concept tags unchanged
# (``manage.py eval_search --holdout-language``, search/eval/README.md). Nothing
# else sets it: searches see the whole thesaurus.

_held_out = ContextVar("thesaurus_held_out", default="")


@contextmanager
def holding_out(language):
    """Within this block, query-time lookups ignore ``language``'s terms."""
    token = _held_out.set(language or "")
    try:
        yield
    finally:
        _held_out.reset(token)


def held_out():
    """The language held out of query-time lookups ("" normally): part of the
    key of whatever memoises a query's analysis."""
    return _held_out.get()


def query_languages(path=THESAURUS_PATH):
    """The languages whose terms query-time lookups read."""
    out = held_out()
    return tuple(code for code in languages(path) if code != out)


def warm(path=THESAURUS_PATH):
    """Build the term indexes and guards of every language now (about a second
    of CPU), not at a process's first search: the servers' application
    modules have it done as they load (search/warming.py)."""
    concepts_in("formazione", path)


def concepts_in(query, path=THESAURUS_PATH):
    """Concept ids named in ``query``, whatever its language."""
    return list(_matched(query, path, held_out()).concepts)


def named_words(query, path=THESAURUS_PATH):
    """The words of ``query`` (folded) that a term it names holds: "lavaggio"
    and "secco" in "lavaggio a secco" (laundry), not "secco" in "muretti a
    secco", which names nothing though a word of the laundry term."""
    return _matched(query, path, held_out()).words


@dataclass(frozen=True)
class _Match:
    concepts: tuple
    words: frozenset


@lru_cache(maxsize=2048)
def _matched(query, path, _held_out):
    """The concepts ``query`` names and its words their terms hold, worked out
    once per process, query and held-out language (a search asks for them
    several times)."""
    index = _index(path)
    written = [w for w, _s, _e in words(query)]
    folded = [fold(w) for w in written]
    found, held = [], set()
    if not held_out():
        for (start, end), values in index[""].longest_spans(folded):
            found.extend(values)
            held.update(("", word) for word in folded[start:end])
    # A word some language's terms hold is that language's word: it is not
    # split as a compound of another ("Handwerk" is no Dutch "hand" + "werk").
    whole = frozenset(word for word in folded if _known_anywhere(word, path))
    guards = _guards(path)
    languages_ = query_languages(path)
    for language in languages_:
        pairs = analysed_pairs(query, language, path, whole)
        for tokens, values in guards[language].spans(index[language], pairs, _held_out):
            found.extend(values)
            held.update((language, token) for token in tokens)
    # A word is held when it is, or (a compound) one of its pieces is, a token
    # of a mention: read alone as in the query.
    named = (
        frozenset(
            key
            for word, key in zip(written, folded, strict=True)
            if ("", key) in held
            or any(
                (language, token) in held
                for language in languages_
                for token in analysed(word, language, path, whole)
            )
        )
        if held
        else frozenset()
    )
    return _Match(tuple(dict.fromkeys(found)), named)


# --- words the thesaurus does not know ------------------------------------------
#
# A query word no term of any language holds finds, by itself, only practices
# written in the query's language. Words of the Romance and Germanic languages
# (and the international ones: acronyms, programme names) are often written
# alike across languages, at least in their first letters ("digitalització",
# "digitalizzazione", "Digitalisierung"; "orientamento", "orientación";
# "pesticide", "pesticidi"): such a word is compared with the words of every
# language's terms by its first :data:`COGNATE` letters (folded; a shorter word
# as a whole), and names the concept of a term whose every word agrees so, at a
# lower weight than a term it matches (services/expansion.py). Measured on
# both development sets with the query's own language taken out of the
# thesaurus (search/eval/README.md): 5-8 letters, 6 the best balance.

COGNATE = 6


def _cognate(word):
    return fold(word)[:COGNATE]


@lru_cache(maxsize=4)
def _function_words(path=THESAURUS_PATH):
    return frozenset(w for language in languages(path) for w in stopwords(language))


def _content_words(text, path=THESAURUS_PATH):
    """``text``'s words, function words of any language out."""
    stop = _function_words(path)
    return [
        word for word, _s, _e in words(text) if len(word) > 1 and fold(word) not in stop
    ]


@lru_cache(maxsize=16)
def _cognate_index(path, known):
    """TermIndex of the cognate forms of the terms in the ``known`` languages."""
    return TermIndex(
        (tuple(map(_cognate, _content_words(term, path))), concept_id)
        for concept_id, terms in load(path).items()
        for language in known
        for term in terms.get(language, ())
    )


@lru_cache(maxsize=16)
def _written_words(path, known):
    """The one-word terms of the ``known`` languages of compounds.HEAD letters or
    more whose stems keep compounds.MIN_PIECE letters, folded: what an unknown
    compound's head may be written like."""
    return frozenset(
        fold(term)
        for terms in load(path).values()
        for language in known
        for term in terms.get(language, ())
        if len(term) >= HEAD
        and term.isalpha()
        and all(len(stem) >= MIN_PIECE for stem in _analyse(term, language))
    )


def cognate_concepts(query, named=(), path=THESAURUS_PATH):
    """Concepts (other than ``named``) whose terms the words of ``query`` that
    the thesaurus does not know match by their first letters (:data:`COGNATE`,
    or :data:`LOOSE` for one word completing a term of several)."""
    content = _content_words(query, path)
    unknown = [not is_known_word(word, path) for word in content]
    if not any(unknown):
        return []
    known = query_languages(path)
    index = _cognate_index(path, known)
    # An unknown compound is read as its parts when one is written like a word
    # of the terms (search/compounds.py: "loopbaancoaches" as "loopbaan" +
    # "coaches").
    parts, unknown_keys = [], []
    for word, new in zip(content, unknown, strict=True):
        pieces = new and foreign_parts(fold(word), _written_words(path, known))
        for part in pieces or (word,):
            parts.append(part)
            unknown_keys.append(new)
    keys = list(map(_cognate, parts))
    # A known word may complete a term with an unknown one ("formació dual" is
    # the Spanish "formación dual"); known words alone are concepts_in's.
    found = [
        cid
        for (start, end), values in index.longest_spans(keys)
        if any(unknown_keys[start:end])
        for cid in values
    ]
    found += _completed_terms(parts, keys, unknown_keys, path, known)
    return [cid for cid in dict.fromkeys(found) if cid not in named]


# A term of several words is also named when every word of it but one agrees
# with a query word by the first COGNATE letters and the last one, a word the
# thesaurus does not know, only by its first LOOSE letters: the Italian
# "economia circolare" is the Spanish "economía circular" ("circol-" and
# "circul-" part at the fifth letter). The agreeing words keep the guess from
# false friends that a one-word term's first four letters would let in; a
# known word has its own terms and is never loosened ("apprentice mobility"
# is no "apprendimento mobile"). Measured with the query's language held out
# (search/eval/README.md, sixteenth session).
LOOSE = 4


def _loose(word):
    return fold(word)[:LOOSE]


@lru_cache(maxsize=16)
def _loose_index(path, known):
    """TermIndex of the terms of two words or more of the ``known`` languages
    by their words' first :data:`LOOSE` letters; values (concept id, the
    term's cognate keys)."""
    entries = []
    for concept_id, terms in load(path).items():
        for language in known:
            for term in terms.get(language, ()):
                content = _content_words(term, path)
                if len(content) > 1:
                    value = (concept_id, tuple(map(_cognate, content)))
                    entries.append((tuple(map(_loose, content)), value))
    return TermIndex(entries)


def _completed_terms(parts, keys, unknown_keys, path, known):
    """Concepts of the terms of several words the query's ``parts`` (cognate
    ``keys``; ``unknown_keys``: whether each is a word the thesaurus does not
    know) name with one unknown word agreeing by :data:`LOOSE` letters only."""
    found = []
    spans = _loose_index(path, known).longest_spans(list(map(_loose, parts)))
    for (start, end), values in spans:
        for concept_id, term_keys in values:
            left, loose = Counter(term_keys), []
            for position in range(start, end):
                if left[keys[position]] > 0:
                    left[keys[position]] -= 1
                else:
                    loose.append(position)
            if len(loose) == 1 and unknown_keys[loose[0]]:
                found.append(concept_id)
    return found


def _known_anywhere(word, path):
    known = _known_words(path)
    return (not held_out() and ("", word) in known) or any(
        (language, term) in known
        for language in query_languages(path)
        for term in _analyse(word, language)
    )


@lru_cache(maxsize=4)
def _known_words(path=THESAURUS_PATH):
    return frozenset(
        (language, word)
        for language, index in _index(path).items()
        for key in index.exact
        for word in key
    )


def is_known_word(word, path=THESAURUS_PATH):
    """Whether ``word`` (any inflection) is a word of a thesaurus term, or a
    compound of such words: a word of the VET vocabulary, never a typo, even
    where no practice holds it yet."""
    if _known_anywhere(fold(word), path):
        return True
    for language in query_languages(path):
        splitter = _splitter(language, path)
        if splitter is not None and splitter.fully_known(word.lower()):
            return True
    return False


# --- concept tags (the Elasticsearch path) ----------------------------------------
#
# Each indexed practice carries the concepts its title and text name, as tokens of
# two fields of their own (``concepts_title``, ``concepts_text``): one token per
# mention, so BM25 weighs a concept named often more, and a rare concept more than
# a common one, whatever the language. A query names concepts too
# (:func:`concepts_in`); matching the two token lists is a single cheap clause,
# where expanding the query into every language's terms at search time cost
# three quarters of Elasticsearch's time per search.
#
# Only whole terms are tags. A word of a multi-word term used to count on its
# own too, as a "part" token (``dual_system~``: "formazione" alone partly named
# "training of trainers"). A word such as "training" or "formazione" belongs to
# thirty terms, so parts were most of a practice's concept tokens (a 220-word
# Italian text: 59 concepts, 806 parts; a German one of the same length: 150
# parts), and BM25's length normalisation of the concept fields ranked
# practices by how many such words their language's terms share rather than
# by the concepts they name (search/eval/README.md: development set nDCG@10
# 0.948 -> 0.939 on Elasticsearch, second development set 0.721 -> 0.749).


def concept_token(concept_id):
    """The indexed token of a concept ("dual system" -> "dual_system")."""
    return "_".join(concept_id.split())


@lru_cache(maxsize=64)
def _text_index(target, path=THESAURUS_PATH):
    """For texts written in ``target``: a TermIndex of concept tokens (the terms
    of ``target`` and of the lingua franca, each analysed with ``target``'s
    chain, as the text is), with the function words between a term's words
    (:func:`relation`)."""
    full = []
    for concept_id, terms in load(path).items():
        token = concept_token(concept_id)
        for language in dict.fromkeys((target, *LINGUA_FRANCA)):
            for term in terms.get(language, []):
                for form, between in _related_forms(term, target):
                    full.append((form, token, between))
    return TermIndex(full)


def concept_tags(text, language, path=THESAURUS_PATH, title=False):
    """Concept tokens of ``text`` written in ``language``, one per mention of a
    term (every term found, overlapping ones too: "apprendistato duale" names the
    dual system and apprenticeship; the words of a multi-word term in the
    term's order, function words between them; terms inside compounds). In a
    ``title``, the function words between a term's words must be the term's
    own (:func:`relation`): a title's tag weighs three times a text's, and
    the same rule on texts moved rankings through the concept fields'
    lengths without mending any (search/eval/README.md, twentieth session).
    search/stemguard.py's rules are for queries only: on texts they cost both
    development sets (search/eval/README.md, tenth session)."""
    if not title:
        return _text_index(language, path).every_match(analysed(text, language, path))
    tokens, between = _tokens_between(
        analysed_pairs(text, language, path, keep_stop=True), language
    )
    return _text_index(language, path).every_match(tokens, between)


# --- the function words between a term's words (titles) --------------------------
#
# In a title, the words of a multi-word term are found in the term's order with
# function words between them, as the term writes them: "formación del
# personal" in "formación de personal", but not "formación en trabajos
# forestales" as "formación de los trabajadores", nor "formació per a persones"
# as "formació del personal", whose content words merely share a stem with the
# term's. What a reader calls the term is its words with its prepositions (or
# conjunctions) between them; the article beside a preposition follows the
# noun's gender and number ("de los", "del", "de la"), so articles are left
# out of the comparison and a preposition written with its article as one
# word is read as the preposition (Italian "dei" is "di", Greek "στην" "σε").
# The plain link between two nouns, the genitive preposition ("of", "di",
# "de", "von", "van"), is left out too: a term often drops it ("lavorazione
# legno" for "lavorazione del legno"), and a verb the text writes for the
# term's noun takes its object without it ("certifica le competenze" for
# "certificazione delle competenze", search/derivation.py). A conjunction
# of the term may stand as a comma in the text ("Lesen, Schreiben, Rechnen"
# for "Lesen und Schreiben").

ARTICLES = {
    "en": ("a", "an", "the"),
    "it": ("il", "lo", "la", "i", "gli", "le", "l", "un", "uno", "una"),
    "es": ("el", "la", "los", "las", "lo", "un", "una", "unos", "unas"),
    "ca": ("el", "la", "els", "les", "l", "un", "una", "uns", "unes"),
    "el": (
        "ο",
        "η",
        "το",
        "οι",
        "τα",
        "του",
        "τησ",
        "των",
        "τον",
        "την",
        "τουσ",
        "τισ",
        "ενα",
        "ενασ",
        "μια",
        "ενοσ",
        "μιασ",
    ),
    "de": (
        "der",
        "die",
        "das",
        "des",
        "dem",
        "den",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "einen",
    ),
    "nl": ("de", "het", "een", "t"),
}

# A preposition and its article written as one word -> the preposition.
_CONTRACTED = {
    "it": {
        **dict.fromkeys(
            ("del", "dello", "della", "dei", "degli", "delle", "dell", "degl", "d"),
            "di",
        ),
        **dict.fromkeys(
            ("al", "allo", "alla", "ai", "agli", "alle", "all", "agl", "ad"), "a"
        ),
        **dict.fromkeys(
            ("dal", "dallo", "dalla", "dai", "dagli", "dalle", "dall", "dagl"), "da"
        ),
        **dict.fromkeys(
            ("nel", "nello", "nella", "nei", "negli", "nelle", "nell", "negl"), "in"
        ),
        **dict.fromkeys(
            ("sul", "sullo", "sulla", "sui", "sugli", "sulle", "sull", "sugl"), "su"
        ),
        **dict.fromkeys(("col", "coi"), "con"),
    },
    "es": {"del": "de", "al": "a"},
    "ca": {
        "del": "de",
        "dels": "de",
        "d": "de",
        "al": "a",
        "als": "a",
        "pel": "per",
        "pels": "per",
    },
    "el": dict.fromkeys(
        ("στο", "στον", "στη", "στην", "στα", "στουσ", "στισ", "στων"), "σε"
    ),
    "de": {
        "im": "in",
        "ins": "in",
        "am": "an",
        "ans": "an",
        "zum": "zu",
        "zur": "zu",
        "vom": "von",
        "beim": "bei",
    },
    "nl": {"ten": "te", "ter": "te"},
}


GENITIVE = {"en": "of", "it": "di", "es": "de", "ca": "de", "de": "von", "nl": "van"}


def relation(between, language):
    """The function words ``between`` (folded) two words of a term as they are
    compared: articles out, a contracted preposition as the preposition, the
    genitive preposition out."""
    articles = _ARTICLE_SETS.get(language, frozenset())
    contracted = _CONTRACTED.get(language, {})
    genitive = GENITIVE.get(language)
    found = (contracted.get(word, word) for word in between if word not in articles)
    return tuple(word for word in found if word != genitive)


_ARTICLE_SETS = {language: frozenset(found) for language, found in ARTICLES.items()}


def _tokens_between(pairs, language):
    """The tokens of ``pairs`` (analysed_pairs with ``keep_stop``), and for
    each the :func:`relation` of the function words before it."""
    tokens, between, before = [], [], []
    for word, token in pairs:
        if not token:
            if word is not None:
                before.append(fold(word))
            continue
        tokens.append(token)
        between.append(relation(before, language) if before else ())
        before = []
    return tokens, between


def _related_forms(term, language):
    """(analysed form, the relation between each two of its words) for each
    form of ``term`` in ``language``'s chain (:func:`_term_forms`)."""
    found = {}
    joins = frozenset(CONJUNCTIONS.get(language, ()))
    for written in dict.fromkeys((term, fold(term))):
        tokens, between = _tokens_between(_words(written, language, True), language)
        if tokens:
            found[(tuple(tokens), tuple(between[1:]))] = None
            listed = tuple(
                tuple(word for word in words if word not in joins)
                for words in between[1:]
            )
            found[(tuple(tokens), listed)] = None
    return list(found)


@lru_cache(maxsize=4096)
def _terms_for(concept_ids, language, path):
    concepts = load(path)
    return tuple(
        dict.fromkeys(
            term
            for concept_id in concept_ids
            for source in dict.fromkeys((language, *LINGUA_FRANCA))
            for term in concepts.get(concept_id, {}).get(source, [])
        )
    )


def terms_for(concept_ids, language, path=THESAURUS_PATH):
    """Raw terms of ``concept_ids`` that a text in ``language`` may hold: the
    language's own and the lingua franca's."""
    return _terms_for(tuple(concept_ids), language, path)
