"""Per-language text analysis in Python, for the thesaurus.

Elasticsearch analyses the practices' own words with its built-in language
analyzers (``search/documents.py``). The thesaurus is matched in Python on both
paths, in practices' texts (index time) and in queries, so that an inflected
word still names its concept ("δεξιότητες" and "δεξιότητα" share the Greek
stem). :mod:`search.thesaurus` analyses texts, queries and thesaurus terms here,
with the Snowball stemmers Lucene's language analyzers use (PyStemmer) and
Lucene's stop-word lists (``search/stopwords/``, copied from
lucene-analysis-common 9.12, BSD/Apache licensed):

    words (Unicode \\w+, elided articles split off) -> lowercase -> stop words
    -> Snowball stemmer of the text's language -> fold (casefold, no accents)

EU languages without a Snowball stemmer get lowercase, stop words where Lucene
has a list, and folding.

One known difference: PyStemmer 3's "dutch" is Snowball's newer Dutch
algorithm, while Lucene 9.12's Dutch analyzer (ES's ``text_nl``) runs the older
one. They agree on "beroepsgerichte"/"praktische", but ES joins "kleine",
"grote", "europese" to their bases and ours does not, and the older one keeps
a "ge-" prefix ours strips ("gesimuleerde" names simulation here). Switching
ours to "dutch_porter" was measured and lowered held-out figures (search/eval
README, twenty-first session), so the difference stays, written down.
"""

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import Stemmer

STOPWORDS_DIR = Path(__file__).resolve().parent / "stopwords"

# ISO 639-1 -> Snowball algorithm (PyStemmer 3.1).
SNOWBALL = {
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hu": "hungarian",
    "it": "italian",
    "lt": "lithuanian",
    "nl": "dutch",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "sv": "swedish",
}
# Every language a practice may be written in gets its own fields.
LANGUAGES = (
    "bg",
    "ca",
    "cs",
    "da",
    "de",
    "el",
    "en",
    "es",
    "et",
    "eu",
    "fi",
    "fr",
    "ga",
    "gl",
    "hr",
    "hu",
    "it",
    "lt",
    "lv",
    "mt",
    "nl",
    "pl",
    "pt",
    "ro",
    "sk",
    "sl",
    "sv",
)

_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text):
    """Casefold and strip diacritics (Latin and Greek): "Μαθητεία" -> "μαθητεια"."""
    if len(text) < 40:
        return _fold_word(text)
    return _fold(text)


@lru_cache(maxsize=200_000)
def _fold_word(text):
    return _fold(text)


def _fold(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text):
    """(word, start, end) for each word; apostrophes split elided articles off
    ("l'apprendistato" -> "l", "apprendistato")."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text or "")]


@cache
def stopwords(language):
    path = STOPWORDS_DIR / f"{language}.txt"
    if not path.exists():
        return frozenset()
    found = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("|", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        for word in line.split():
            found.add(word.lower())
            found.add(fold(word))
    return frozenset(found)


class _Analyzer:
    def __init__(self, language):
        self.language = language
        self.stop = stopwords(language)
        algorithm = SNOWBALL.get(language)
        self.stemmer = Stemmer.Stemmer(algorithm) if algorithm else None
        if self.stemmer:
            self.stemmer.maxCacheSize = 50000
        # word -> term, read directly by hot loops (services/snippets.py).
        self.cache = {}

    def term(self, word):
        """The indexed term of one word, or '' for a stop word or a stray letter."""
        cached = self.cache.get(word)
        if cached is not None:
            return cached
        lowered = word.lower()
        if (len(lowered) < 2 and not lowered.isdigit()) or lowered in self.stop:
            term = ""
        elif fold(lowered) in self.stop:
            term = ""
        else:
            stem = self.stemmer.stemWord(lowered) if self.stemmer else lowered
            term = fold(stem)
        if len(self.cache) < 200_000:
            self.cache[word] = term
        return term


@cache
def analyzer(language):
    return _Analyzer(language if language in LANGUAGES else "")


# A letter hyphenated to a word is a prefix of it ("e-learning", "i-vet"), not
# a stray letter: without it, every "learning" would name e-learning.
_LETTER_PREFIX = re.compile(r"\b(\w)-(?=\w)")


def analyze(text, language):
    """Indexed terms of ``text`` written in ``language`` (in order, stop words
    out; "e-learning" -> "elearning")."""
    return [term for _word, term in analyze_words(text, language)]


def analyze_words(text, language, keep_stop=False):
    """(word as written, its indexed term) for each word of ``text`` that is no
    stop word: what :func:`analyze` gives, with the words it came from (the
    thesaurus splits compounds from the written word). With ``keep_stop``, the
    stop words and stray letters too, with the term '' (the thesaurus reads
    the function words between a term's words)."""
    chain = analyzer(language)
    pairs = []
    for word, _start, _end in words(_LETTER_PREFIX.sub(r"\1", text or "")):
        term = chain.term(word)
        if term or keep_stop:
            pairs.append((word, term))
    return pairs
