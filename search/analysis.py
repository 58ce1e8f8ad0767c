"""Per-language text analysis, done in Python and shared by index and query.

Why in Python: the Elasticsearch our services run (the integ-test distribution of
8.19, the one Maven Central publishes) has no ``analysis-common`` module, so none
of the built-in language analyzers, stemmers, ``synonym_graph``, ``asciifolding``
or ``elision`` exist on it: only the ``standard`` tokenizer and analyzer,
``lowercase``, ``stop``, ``shingle`` and ``hunspell``. Rather than depend on a
server build nobody can install here, the language chain runs client-side with the
same Snowball stemmers Lucene's language analyzers use (PyStemmer, the C build of
snowballstem.org) and Lucene's own stop-word lists (``search/stopwords/``, copied
from lucene-analysis-common 9.12, BSD/Apache licensed):

    words (Unicode \\w+, elided articles split off) -> lowercase -> stop words
    -> Snowball stemmer of the text's language -> fold (casefold, no accents)

Index: each practice fills only the fields of its own language with these terms
(a pre-analysed field, ``whitespace`` analyzer). Query: the query is analysed once
per language, and the VET thesaurus (``search/thesaurus.py``) adds, per language,
the analysed terms of every concept the query names — search-time expansion, so
the index stays language-clean and a thesaurus edit needs no re-indexing.

EU languages without a Snowball stemmer (Bulgarian, Croatian, Latvian, Maltese,
Slovak, Slovenian) get lowercase, stop words where Lucene has a list, and folding:
the equivalent of the ``standard`` analyzer plus folding.
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
        self._cache = {}

    def term(self, word):
        """The indexed term of one word, or '' for a stop word or a stray letter."""
        cached = self._cache.get(word)
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
        if len(self._cache) < 200_000:
            self._cache[word] = term
        return term


@cache
def analyzer(language):
    return _Analyzer(language if language in LANGUAGES else "")


def analyze(text, language):
    """Indexed terms of ``text`` written in ``language`` (in order, stop words out)."""
    chain = analyzer(language)
    terms = []
    for word, _start, _end in words(text):
        term = chain.term(word)
        if term:
            terms.append(term)
    return terms


def analyzed_text(text, language):
    """The pre-analysed form stored in a language field (space-separated terms)."""
    return " ".join(analyze(text, language))


def folded_text(text):
    """Language-neutral form: words folded, nothing removed (exact-word field)."""
    return " ".join(fold(word) for word, _s, _e in words(text))
