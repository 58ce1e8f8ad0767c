"""Dictionary translation of the words no thesaurus concept names, from the
multilingual lexicon (search/synonyms/lexicon/omw.tsv.gz, Open Multilingual
Wordnet; built by search/lexicon_build.py).

A word of the query is looked up by its stem in a language's chain: the
synsets holding a one-word lemma of that stem give the lemmas of the other
languages, each analysed with its own language's chain. All translations of
one source word form one group (a structured query, Pirkola 1998): a practice
holding any of them matches the word once, so a word with many senses costs
little. Polysemy is capped (:data:`MAX_SYNSETS` senses a word, the first
:data:`MAX_LEMMAS` lemmas of each per language) and a group weighs less the
more senses it has (:func:`Translation.weight`). A translation most of its
language's practices hold is dropped (:data:`COMMON`): the engines read each
term's share from the statistics kept at index time (services/query/scoring.py,
term_shares), so all three drop the same ones.

A German or Dutch word the lexicon lacks is often a compound of words it has
("Korbflechterausbildung", "glazenmakersopleiding"): it is split into lemmas
of its language (:func:`compound_parts`), and each part the thesaurus does not
know is translated as a word of its own, the head (the last part, which names
what the compound is) at full weight, the others at :data:`MODIFIER_SHARE` of
it. A compound whose last part is a half-suffix ("Ausbildungswesen",
"onderwijswezen": compounds.HALF_SUFFIXES) is its first part, not a being.

A translated lemma's plural is matched too on the database engines
(:func:`_forms`, search/inflection.py): Elasticsearch's stemmers join
"liutaio" and "liutai", our chains do not. An Italian, Spanish or Catalan
word the lexicon lacks, whole and by its stem, that is a diminutive,
augmentative or pejorative of a lemma it has ("muretti" of "muro") is
translated as that lemma (:func:`_altered_senses`).
"""

import gzip
from array import array
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from . import inflection, thesaurus
from .analysis import _fold, analyze, fold
from .compounds import HALF_SUFFIXES, SUFFIXES
from .lexicon_build import LANGUAGES, LEXICON_PATH, MARK

# Senses of a word looked at: beyond a few, a word is too ambiguous to
# translate at all (measured on the development sets, search/eval/README.md).
MAX_SYNSETS = 4
# Lemmas of one sense and language kept (the lexicon lists the commonest first
# for PWN; the others in their sources' order).
MAX_LEMMAS = 3


@cache
def lexicon(path=LEXICON_PATH):
    """The synsets' lines as the file holds them (id, then the seven
    languages' cells: lemmas joined by "|"), read once per process (~0.4 s);
    split only for the synsets a query meets."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return tuple(line.rstrip("\n") for line in handle if not line.startswith("#"))


def synset_lemmas(index, path=LEXICON_PATH):
    """{language: (lemma, ...)} of the ``index``-th synset. A synset of the
    base lexicon gives its base lemmas only, one the widening sources alone
    keep gives theirs (lexicon_build.EXTRA): their synonyms in the base's
    synsets were measured as targets and dropped, a wrong sense of a known
    word then reaching more practices ("πρόσφυγες" -> "recurso"; "-kräfte"
    -> "unidad"; search/eval/README.md, twentieth session)."""
    cells = lexicon(path)[index].split("\t")[1:]
    base = any(cell and cell[0] != MARK for cell in cells)
    return {
        code: kept
        for code, cell in zip(LANGUAGES, cells, strict=True)
        if cell
        and (
            kept := tuple(
                lemma.removeprefix(MARK)
                for lemma in cell.split("|")
                if not (base and lemma[0] == MARK)
            )
        )
    }


class _Table:
    """One language's one-word lemmas, folded and sorted, in one string
    ("folded\tlemma as written\tsynset indices\tmarked synset indices" a
    line) with the lines' offsets: the word as a lemma and the lemmas of a
    prefix by bisection. As dictionaries, the seven languages' ~470,000
    lemmas held ~100 MB a process; so, a few MB.

    A lemma's synsets are two lists: those of the base lexicon, and those
    where it is marked (a widening source's: lexicon_build.EXTRA)."""

    def __init__(self, rows):
        lines = [
            f"{folded}\t{lemma}\t{_joined(base)}\t{_joined(marked)}\n"
            for folded, (lemma, base, marked) in sorted(rows.items())
        ]
        self.text = "".join(lines)
        self.offsets = array("L")
        position = 0
        for line in lines:
            self.offsets.append(position)
            position += len(line)

    def _key(self, offset):
        return self.text[offset : self.text.index("\t", offset)]

    def _row(self, offset):
        folded, lemma, base, marked = self.text[
            offset : self.text.index("\n", offset)
        ].split("\t")
        return folded, lemma, _split(base), _split(marked)

    def get(self, folded):
        """(base synset indices, marked ones) of the lemma ``folded``, or
        None."""
        at = bisect_left(self.offsets, folded, key=self._key)
        if at < len(self.offsets) and self._key(self.offsets[at]) == folded:
            return self._row(self.offsets[at])[2:]
        return None

    def prefixed(self, prefix):
        """(folded, lemma as written, base synset indices, marked ones) of
        the lemmas beginning with ``prefix``."""
        at = bisect_left(self.offsets, prefix, key=self._key)
        while at < len(self.offsets):
            row = self._row(self.offsets[at])
            if not row[0].startswith(prefix):
                break
            yield row
            at += 1


def _joined(indices):
    return ",".join(map(str, indices))


def _split(found):
    return [int(index) for index in found.split(",")] if found else []


def _known(found):
    """A lemma's synsets from :meth:`_Table.get`: the base lexicon's when it
    has any, else the widening sources' (None for no lemma)."""
    if found is None:
        return None
    return found[0] or found[1]


@cache
def lookup(language, path=LEXICON_PATH):
    """The :class:`_Table` of ``language``'s one-word lemmas."""
    column = LANGUAGES.index(language) + 1
    rows = {}
    for index, line in enumerate(lexicon(path)):
        cell = line.split("\t")[column]
        if not cell:
            continue
        for lemma in cell.split("|"):
            if " " in lemma or "-" in lemma:
                continue
            marked = lemma[0] == MARK
            if marked:
                lemma = lemma[1:]
            folded = _fold_lemma(lemma)
            found = rows.get(folded)
            if found is None:
                found = rows[folded] = (lemma, [], [])
            indices = found[2 if marked else 1]
            # the lines come in index order: a repeat is the last one
            if not indices or indices[-1] != index:
                indices.append(index)
    return _Table(rows)


def warm(path=LEXICON_PATH):
    """Read the lexicon and build the seven languages' tables now, not at a
    visitor's first translated word (about a second of CPU and ~50 MB): the
    servers' application modules have it done as they load
    (search/warming.py); gunicorn loads its module once before it forks its
    workers (deploy/gunicorn.conf.py, preload_app), so every worker starts
    with them."""
    for language in LANGUAGES:
        lookup(language, path)


def _fold_lemma(lemma):
    """analysis.fold, without its cache (the lexicon's ~470,000 lemmas would
    push the words searches and indexing fold out of it)."""
    return lemma.lower() if lemma.isascii() else _fold(lemma)


# Lemmas sharing a word's first letters are those whose stems are compared
# with the word's.
PREFIX = 3


def _senses(word, stem, language, path):
    """(base, marked) synset indices of the lemmas sharing the word's stem:
    a stem is shared by other words ("carrozziere", a body repairer, and
    "carrozza", a carriage), so the word as written is looked up first (by
    the callers)."""
    folded = fold(word)
    base, marked = [], []
    for key, lemma, *found in lookup(language, path).prefixed(folded[:PREFIX]):
        if _shared(folded, key) >= len(folded) - STEM_ENDING and analyze(
            lemma, language
        ) == [stem]:
            for into, indices in zip((base, marked), found, strict=True):
                into.extend(index for index in indices if index not in into)
    return base, marked


# A lemma sharing a word's stem is taken for the word only when they differ in
# no more than this many last letters of the word: an inflection ("turbines",
# "turbina"), not another word an aggressive stemmer cut down to the same stem
# (Catalan "turbot" and "turba", crowd, also stem to "turb").
STEM_ENDING = 2


def _shared(one, other):
    """How many first letters ``one`` and ``other`` share."""
    count = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        count += 1
    return count


# A translation group's weight relative to the user's own words (before the
# ambiguity damping, Translation.weight); 0 turns translation off.
WEIGHT = 0.5


@dataclass(frozen=True)
class Translation:
    """One source word's translations: per target language, its one-word
    lemmas as written (``lemmas``, for Elasticsearch's analyzers) and, for
    each lemma, its terms under our chain (``forms``, for the database
    engines): the lemma's own term first, then its plurals' where the chain
    keeps them apart (search/inflection.py)."""

    word: str
    senses: int
    lemmas: dict
    forms: dict
    # the part of the word's weight it carries (a compound's part, below)
    share: float = 1.0

    @property
    def weight(self):
        """WEIGHT for a word of one sense, WEIGHT/sqrt(n) for n senses (times
        the share of a compound's part)."""
        return self.share * WEIGHT / self.senses**0.5

    @cached_property
    def terms(self):
        """{language: the terms of its lemmas and their plurals}."""
        return {
            code: tuple(dict.fromkeys(term for terms in found for term in terms))
            for code, found in self.forms.items()
        }

    def without(self, dropped):
        """The same translation without the terms whose (language, term) is
        in ``dropped`` (a lemma goes with its own term), or None when no
        lemma is left."""
        lemmas, forms = {}, {}
        for code, found in self.forms.items():
            kept = [
                (lemma, tuple(t for t in terms if (code, t) not in dropped))
                for lemma, terms in zip(self.lemmas[code], found, strict=True)
                if (code, terms[0]) not in dropped
            ]
            if kept:
                lemmas[code] = tuple(lemma for lemma, _terms in kept)
                forms[code] = tuple(terms for _lemma, terms in kept)
        if not forms:
            return None
        return replace(self, lemmas=lemmas, forms=forms)

    @property
    def all_terms(self):
        return {term for found in self.terms.values() for term in found}


def _source_senses(word, path):
    """{language: synset indices} of ``word``: the languages that have it as a
    lemma, else those where it shares a lemma's stem (a query's language is
    not known). The base lexicon first, as a lemma or by its stem; the
    widening sources' (marked) lemmas only for a word the base lacks both
    ways: a richer wordnet lists more senses of a common word, and past
    MAX_SYNSETS a word known before would no longer be translated
    (lexicon_build.EXTRA)."""
    # exact base, stemmed base, exact marked, stemmed marked
    levels = ({}, {}, {}, {})
    folded = fold(word)
    for code in LANGUAGES:
        terms = analyze(word, code)
        if len(terms) != 1:
            continue
        base, marked = lookup(code, path).get(folded) or ((), ())
        if base:
            levels[0][code] = base
            continue
        if marked:
            levels[2][code] = marked
        if len(folded) >= MIN_STEMMED:
            base, marked = _senses(word, terms[0], code, path)
            if base:
                levels[1][code] = base
            elif marked and code not in levels[2]:
                levels[3][code] = marked
    return next((found for found in levels if found), None) or _altered_senses(
        folded, path
    )


def _altered_senses(folded, path):
    """{language: synset indices} of the base of an altered word the lexicon
    lacks (search/inflection.py, alterations: Italian "muretti" is "muro",
    Spanish "mesita" "mesa"): the base's first that the lexicon has as a
    lemma of a noun or adjective. Only for a word the lexicon lacks whole and
    by its stem: "mattone", a brick, is no big "matto"."""
    found = {}
    for code in inflection.ALTERING:
        for base in inflection.alteration_bases(folded, code):
            indices = _known(lookup(code, path).get(base))
            if indices and any(_inflected(index, path) for index in indices):
                found[code] = [i for i in indices if _inflected(i, path)]
                break
    return found


# A word shorter than this is translated only when it is a lemma as written:
# short stems match other languages' words by accident.
MIN_STEMMED = 5


def translate(word, path=LEXICON_PATH):
    """The translation of ``word`` into the languages that do not have it, or
    None when the lexicon has no lemma of it (or of its stem), or it has more
    than MAX_SYNSETS senses in all."""
    return _translate(word, parameters(path))


@lru_cache(maxsize=4096)
def _translate(word, params):
    """:func:`translate` under ``params`` (:func:`parameters`: the key)."""
    path = params.path
    return _translation(word, _source_senses(word, path), path)


def _translation(word, sources, path, share=1.0):
    """The :class:`Translation` of ``word`` from its ``sources`` ({language:
    synset indices}), into the other languages."""
    senses = sorted({index for found in sources.values() for index in found})
    if not senses or len(senses) > MAX_SYNSETS:
        return None
    written, analysed = {}, {}
    for index in senses:
        inflected = _inflected(index, path)
        for code, names in synset_lemmas(index, path).items():
            if code in sources:
                continue
            for lemma in names[:MAX_LEMMAS]:
                terms = analyze(lemma, code)
                if len(terms) != 1 or terms[0] in analysed.get(code, ()):
                    continue  # multi-word lemmas: one group term each, no phrases
                written.setdefault(code, []).append(lemma)
                analysed.setdefault(code, {})[terms[0]] = (
                    _forms(lemma, terms[0], code, path) if inflected else (terms[0],)
                )
    if not written:
        return None
    return Translation(
        word,
        len(senses),
        {code: tuple(found) for code, found in written.items()},
        {code: tuple(found.values()) for code, found in analysed.items()},
        share,
    )


def _inflected(index, path):
    """Whether the ``index``-th synset's lemmas inflect for number: a noun's
    or an adjective's (the lexicon's ids end in their part of speech, "-n",
    "-a"), not a verb's ("seminare", to sow, is no singular of "seminari")."""
    line = lexicon(path)[index]
    return line[line.index("\t") - 1] in "na"


# A plural's term shorter than this is left out: the chain cut the plural down
# to a root other words share (Italian "reparti" to "rep", Greek "παιδιά" to
# "πα").
MIN_FORM_TERM = 4


def _forms(lemma, term, language, path):
    """``lemma``'s term under ``language``'s chain, then its plurals' terms
    that differ from it (search/inflection.py): Elasticsearch's analyzers join
    most of them with the lemma, our chains keep some apart ("liutaio" and
    "liutai", "mujer" and "mujeres"). A plural is left out when the lexicon
    holds it as a lemma of other senses (Spanish "ingle", groin, and
    "ingles", English), or when the chain cuts it to the term of such a
    lemma (Italian "materassi" to "mater", the term of "materie"; Dutch
    "paarden" to "paar", a pair): a Snowball stemmer reads some plural
    endings as a verb's ("-assi", "-ete") and cuts too much."""
    found = [term]
    table = lookup(language, path)
    own = None
    for form in inflection.plurals(lemma, language):
        terms = analyze(form, language)
        if len(terms) != 1 or len(terms[0]) < MIN_FORM_TERM or terms[0] in found:
            continue
        if own is None:
            own = set(_known(table.get(_fold_lemma(lemma))) or ())
        other = _known(table.get(_fold_lemma(form)))
        if other is not None and own.isdisjoint(other):
            continue
        if _other_lemma(terms[0], _fold_lemma(lemma), own, table, language):
            continue
        found.append(terms[0])
    return tuple(found)


def _other_lemma(term, folded, own, table, language):
    """Whether a lemma of senses other than ``own`` (those of the lemma
    ``folded``) has the term ``term`` (lemmas beginning with the term and at
    most STEM_ENDING + 2 letters longer: a stem's inflections and
    derivations). The lemma's other gender, its last letter changed
    ("cameriera" of "cameriere"), is the same word."""
    for key, lemma, base, marked in table.prefixed(term):
        indices = base or marked
        if len(key) > len(term) + STEM_ENDING + 2:
            continue
        if len(key) == len(folded) and key[:-1] == folded[:-1]:
            continue
        if own.isdisjoint(indices) and analyze(lemma, language) == [term]:
            return True
    return False


# --- compounds (German, Dutch) ---------------------------------------------------
#
# A compound is its parts, each a one-word lemma of the language, each part but
# the last followed by a linking element (Fugenelement, tussenklank); a German
# modifier may also drop its lemma's final "e" ("Schul-" of "Schule"). The last
# part (the head) may be inflected ("-anlagen"): it is looked up as a word is
# (:func:`_senses`). A part has at least MIN_PART letters and is no
# derivational suffix ("-schaft", "-heid"); a half-suffix as the last part
# ("-wesen") makes the part before it the head; the split with the fewest parts
# wins (the longest lemmas: "Windkraft" whole if the lexicon has it), then the
# one with the longest head.

LINKS = {
    "de": ("", "s", "es", "n", "en", "e"),
    "nl": ("", "s", "e", "en"),
}
DROPPED_E = {"de"}
MIN_PART = 4
MAX_PARTS = 3
# A modifier's translation weighs this much of the head's: the head names what
# the compound is, a modifier narrows it.
MODIFIER_SHARE = 0.5


def compound_parts(word, language, path=LEXICON_PATH):
    """``word``'s parts as (part as found in the word, synset indices), head
    last, when it is a compound of ``language``'s lemmas the lexicon lacks
    whole; else None."""
    if language not in LINKS:
        return None
    return _compound_parts(fold(word), language, parameters(path))


@lru_cache(maxsize=4096)
def _compound_parts(folded, language, params):
    path = params.path
    size = len(folded)
    if size < 2 * MIN_PART or not folded.isalpha():
        return None
    table = lookup(language, path)
    suffixes = SUFFIXES.get(language, ())
    # best[i]: (parts, their synset indices) of the split of folded[:i] into
    # modifiers, each with its linking element, with the fewest parts
    best = {0: ()}
    for start in range(size):
        if start not in best or len(best[start]) >= MAX_PARTS - 1:
            continue
        for end in range(start + MIN_PART, size - MIN_PART + 1):
            piece = folded[start:end]
            if piece in suffixes:
                continue
            found = _known(table.get(piece))
            if found is None and language in DROPPED_E:
                found = _known(table.get(piece + "e"))
            if found is None:
                continue
            for link in LINKS[language]:
                stop = end + len(link)
                if size - stop < MIN_PART or not folded.startswith(link, end):
                    continue
                parts = (*best[start], (piece, found))
                if stop not in best or len(parts) < len(best[stop]):
                    best[stop] = parts
    chosen = None
    for stop, modifiers in best.items():
        if not modifiers:
            continue
        head = folded[stop:]
        if any(head.startswith(end) and len(head) - len(end) <= 2 for end in suffixes):
            continue  # a suffix with its inflection ("-schaften")
        if any(
            head.startswith(end) and len(head) - len(end) <= 2
            for end in HALF_SUFFIXES.get(language, ())
        ):
            # "Ausbildungswesen" is "Ausbildung" as a sector: the last
            # modifier is the head
            if chosen is None or (len(modifiers), -len(modifiers[-1][0])) < (
                len(chosen),
                -len(chosen[-1][0]),
            ):
                chosen = modifiers
            continue
        found = _head_senses(head, language, path)
        if found and (
            chosen is None
            or (len(modifiers), -len(head)) < (len(chosen) - 1, -len(chosen[-1][0]))
        ):
            chosen = (*modifiers, (head, found))
    return chosen


def _head_senses(head, language, path):
    found = _known(lookup(language, path).get(head))
    if found is not None:
        return found
    terms = analyze(head, language)
    if len(terms) != 1:
        return []
    base, marked = _senses(head, terms[0], language, path)
    return base or marked


@lru_cache(maxsize=4096)
def _compound_translations(word, params):
    """The translations of a compound's parts the thesaurus does not know
    (it names the others' concepts itself), the head's first; () when the
    word is no compound or the lexicon has it whole (so per language held out
    of the thesaurus: :func:`parameters`)."""
    path = params.path
    if _source_senses(word, path):
        return ()
    candidates = [
        (code, parts)
        for code in LINKS
        if (parts := compound_parts(word, code, path)) is not None
    ]
    if not candidates:
        return ()
    # the split with the fewest parts, then the longest head, of either language
    # (the first language's on a tie)
    code, parts = min(
        candidates, key=lambda found: (len(found[1]), -len(found[1][-1][0]))
    )
    # a half-suffix's compound names the domain of its head ("the school
    # system"), not the head itself: the head weighs as a modifier
    folded = fold(word)
    half = any(
        folded[: len(folded) - cut].endswith(end)
        for end in HALF_SUFFIXES.get(code, ())
        for cut in range(3)
    )
    found = []
    for position, (piece, indices) in enumerate(reversed(parts)):
        if thesaurus.is_known_word(piece):
            continue
        share = 1.0 if position == 0 and not half else MODIFIER_SHARE
        group = _translation(word, {code: indices}, path, share)
        if group is not None:
            found.append(group)
    return tuple(found)


# A translated term held by more than this share of its language's practices
# is dropped (:func:`translations`' ``share``): past half, its Robertson /
# Sparck Jones weight log((N - n + 0.5) / (n + 0.5)) is below 0, a practice
# holding it no likelier to be about the word than one without it. Measured
# on the four development sets held out (search/eval/README.md, nineteenth
# session): 0.5 the best of 1 (off), 0.5, 0.4, 0.3, 0.2, 0.1 on both engines.
COMMON = 0.5


def translations(unit_words, share=None, path=LEXICON_PATH):
    """The translations of a query's ``unit_words`` (expansion.unit_words: the
    content words no thesaurus term holds), those the lexicon has: one group a
    word, or one a part of a compound the lexicon lacks whole (each with the
    compound as its word, the head's first; where an engine keeps one group
    a word, as the units' filter does, it keeps the last, a modifier: the
    part that narrows what the compound names). With ``share`` ({(language,
    term): share of that language's practices holding it} of the translations'
    terms, from the collection's statistics), without the terms held by more
    than :data:`COMMON` of their language's practices."""
    if not WEIGHT:
        return ()
    found = []
    for word in unit_words:
        group = translate(word, path)
        if group is not None:
            found.append(group)
        else:
            found.extend(_compound_translations(word, parameters(path)))
    if share is None or not found:
        return tuple(found)
    terms = [
        (code, term) for group in found for code, t in group.terms.items() for term in t
    ]
    shares = share(terms)
    dropped = {pair for pair in terms if shares.get(pair, 0.0) > COMMON}
    return tuple(
        kept for group in found if (kept := group.without(dropped)) is not None
    )


class Parameters(NamedTuple):
    """What a word's translations depend on besides the word (:func:`parameters`)."""

    path: Path  # the lexicon (read once per process and path)
    weight: float
    common: float
    max_synsets: int
    max_lemmas: int
    min_stemmed: int
    stem_ending: int
    prefix: int
    links: tuple
    dropped_e: frozenset
    min_part: int
    max_parts: int
    modifier_share: float
    # the language held out of the thesaurus (evaluation only): a compound's
    # parts the thesaurus knows are not translated
    held_out: str


def parameters(path=LEXICON_PATH):
    """Everything the translations of a word depend on besides the word, now:
    the key of every cache of translations (here, and the engines' kept
    translations, plans and query bodies in services/query/), so that a value
    changed (a language held out, a cap swept by an evaluation or a test) is
    never answered with a translation made under the old one. A new parameter
    goes here, and only here."""
    return Parameters(
        path,
        WEIGHT,
        COMMON,
        MAX_SYNSETS,
        MAX_LEMMAS,
        MIN_STEMMED,
        STEM_ENDING,
        PREFIX,
        tuple(LINKS.items()),
        frozenset(DROPPED_E),
        MIN_PART,
        MAX_PARTS,
        MODIFIER_SHARE,
        thesaurus.held_out(),
    )
