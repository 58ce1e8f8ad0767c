"""The snippet under each search result, one code path for every engine: the
passage of the practice's summary (or of its body, when the summary holds
fewer of the query's words) that holds the most of them, those words marked
(``<mark>``), in the practice's language.

The words marked are the query's own and the thesaurus terms of the concepts
it names in the practice's language and English (what made a practice in
another language match), each analysed by the chain of the practice's language
(search/analysis.py: the stemmers and stop words Elasticsearch's language
analyzers use), so "μαθητεία" marks "μαθητείας" and, through the concept,
"apprendisti" in an Italian text.

Elasticsearch's highlighter did this inside the search before (1.3-2.5 ms of
its CPU per search, search/eval/README.md); here it is ~0.6 ms of Python for
a page of hits, and the database engines, which showed the summary unmarked,
show the same snippets.
"""

import re
import threading
from bisect import bisect_right
from collections import OrderedDict
from functools import cache, lru_cache
from hashlib import blake2b
from html import escape as _escape  # as Django's escape, without its wrappers

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .. import thesaurus
from ..analysis import LANGUAGES, analyzer, words

SNIPPET_WIDTH = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_WORD_START = re.compile(r"\b\w")  # \b sees the character before pos
# A sentence ends at . ! ? followed by a blank, or at a line break (no
# look-behind: Python's re tries one at every character, 5x slower).
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def _fields_language(language):
    """The language whose analysis a practice's text gets (its own, or English's
    for a language without fields of its own: practice_documents.py)."""
    return language if language in LANGUAGES else "en"


def marked_terms(q, language, use_thesaurus=True):
    """The analysed terms a snippet of a text in ``language`` marks for ``q``."""
    # The language an evaluation holds out of the thesaurus is part of the key.
    return _marked_terms(q, language, use_thesaurus, thesaurus.held_out())


@lru_cache(maxsize=4096)
def _marked_terms(q, language, use_thesaurus, _held_out):
    code = _fields_language(language)
    texts = [q]
    if use_thesaurus:
        texts += thesaurus.terms_for(thesaurus.concepts_in(q), code)
    chain = analyzer(code)
    found = {chain.term(word) for text in texts for word, _s, _e in words(text)}
    found.discard("")
    return frozenset(found)


def _passage(text, spans, width):
    """(start, end) of the sentences around the best one: the sentence holding
    the most different marked words (then the most marks, then the first),
    with the sentences after it while they fit in ``width``; and how many
    different words that sentence marks."""
    sentences, start = [], 0
    for gap in _SENTENCE_END.finditer(text):
        end = gap.start() + (text[gap.start()] != "\n")  # the stop kept
        sentences.append((start, end))
        start = gap.end()
    sentences.append((start, len(text)))
    ends = [end for _start, end in sentences]
    found = {}
    for s, e in spans:
        marks = found.setdefault(bisect_right(ends, s), [])
        marks.append(text[s:e].lower())
    best = max(found, key=lambda n: (len(set(found[n])), len(found[n]), -n))
    begin, end = sentences[best]
    different = len(set(found[best]))
    for following in sentences[best + 1 :]:
        if following[1] - begin > width:
            break
        end = following[1]
    return begin, end, different


def _cut(text, begin, end, spans, width):
    """``begin``-``end`` cut to ``width`` characters at word boundaries, from
    shortly before its first mark."""
    if end - begin <= width:
        return begin, end
    first = next(s for s, _e in spans if begin <= s < end)
    start = max(begin, first - width // 5)
    if start > begin:  # from the start of a word
        match = _WORD_START.search(text, start)
        start = match.start() if match and match.start() <= first else first
    stop = min(end, start + width)
    if stop < end:  # to the end of a word
        space = text.rfind(" ", start, stop + 1)
        stop = space if space > first else stop
    return start, stop


class _Surfaces:
    """The words met in texts of one language, by their analysed term: the
    words of a text that a query marks are then one set intersection (in C)
    with the words of the query's terms, not a dictionary lookup per word."""

    LIMIT = 200_000  # words kept, as the analysis chain's own cache

    def __init__(self, language):
        self.chain = analyzer(language)
        self.seen = {}  # word -> term
        self.by_term = {}  # term -> {word}

    def words_of(self, terms):
        """The words met so far whose term is in ``terms``."""
        by_term = self.by_term
        return set().union(*[by_term[t] for t in terms if t in by_term])

    def learn(self, present):
        """Analyse the words of ``present`` not met before."""
        new = present.difference(self.seen)  # in C: a set less a dict's keys
        if not new:
            return
        if len(self.seen) + len(new) > self.LIMIT:  # an odd vocabulary: afresh
            self.seen.clear()
            self.by_term.clear()
            new = present
        term, seen, by_term = self.chain.term, self.seen, self.by_term
        for word in new:
            analysed = term(word)
            seen[word] = analysed
            by_term.setdefault(analysed, set()).add(word)


@cache
def _surfaces(language):
    return _Surfaces(language)


def _marked_words(text, language, terms):
    """The words of ``text`` (as written) whose analysed term is in ``terms``:
    each different word analysed once per process."""
    surfaces = _surfaces(_fields_language(language))
    present = set(_WORD.findall(text))
    surfaces.learn(present)
    return present & surfaces.words_of(terms)


@lru_cache(maxsize=4096)
def _finder(found):
    """One pattern for the marked words, longest first (as whole words)."""
    ordered = sorted(found, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b")


def _snippet(text, language, q, use_thesaurus, width):
    """(how many different words it marks, safe HTML): the passage of ``text``
    (written in ``language``) holding the query's words, marked; None when the
    text holds none of them."""
    if not text or not q:
        return None
    terms = marked_terms(q, language, use_thesaurus)
    if not terms:
        return None
    return _marked_passage(text, language, terms, width)


# A hit's text comes back with every search that finds it: the same query
# narrowed by a facet or paged, other queries naming the same words. Its
# snippet for the same marked terms is kept, at most this many, the least
# recently used going first. The key holds a digest of the text, not the text:
# an edited practice still gets a new snippet, and a worker keeps the snippets
# (~1 KB each) without the whole texts (10-KB bodies made ~20 MB of keys).
PASSAGES_KEPT = 2048

_passages = OrderedDict()
_passages_lock = threading.Lock()


def forget_passages():
    """Drop the snippets kept (the benchmark's clients: what their parent
    searched must not answer for them)."""
    with _passages_lock:
        _passages.clear()


def _marked_passage(text, language, terms, width):
    """(how many different words it marks, safe HTML) of ``text``'s passage
    holding ``terms``, None when it holds none; kept (see PASSAGES_KEPT)."""
    digest = blake2b(text.encode(), digest_size=16).digest()
    key = (digest, language, terms, width)
    with _passages_lock:
        if key in _passages:
            _passages.move_to_end(key)
            return _passages[key]
    found = _mark_passage(text, language, terms, width)
    with _passages_lock:
        _passages[key] = found
        if len(_passages) > PASSAGES_KEPT:
            _passages.popitem(last=False)
    return found


def _mark_passage(text, language, terms, width):
    found = _marked_words(text, language, terms)
    if not found:
        return None
    spans = [m.span() for m in _finder(frozenset(found)).finditer(text)]
    begin, end, different = _passage(text, spans, width)
    begin, end = _cut(text, begin, end, spans, width)
    parts, at = [], begin
    for s, e in spans:
        if begin <= s and e <= end:
            parts += [_escape(text[at:s]), "<mark>", _escape(text[s:e]), "</mark>"]
            at = e
    parts.append(_escape(text[at:end]))
    html = "".join(parts).strip()
    if begin > 0:
        html = "… " + html
    if end < len(text.rstrip()):
        html += " …"
    return different, mark_safe(html)  # noqa: S308 - every piece escaped


@lru_cache(maxsize=1024)
def _word_count(q):
    return len(words(q))


def result_snippet(summary, body, language, q, use_thesaurus=True):
    """A hit's snippet: the marked passage of its summary, or of its body when
    that marks more different words and the summary marks fewer than two (or
    than the query has words); else the summary's first ``SNIPPET_WIDTH``
    characters. ``body`` may be a function giving it: called only then.

    The summary first: it is the practice's own abstract, a fifth of its text
    or less, and most pages of hits are made from it alone (whole texts: 1.35
    ms of Python per search on the benchmark, more than Elasticsearch's
    highlighter saved; search/eval/README.md)."""
    found = _snippet(summary, language, q, use_thesaurus, SNIPPET_WIDTH)
    if q and (found is None or found[0] < min(2, _word_count(q))):
        text = body() if callable(body) else body
        other = _snippet(text, language, q, use_thesaurus, SNIPPET_WIDTH)
        if other is not None and (found is None or other[0] > found[0]):
            found = other
    if found is not None:
        return found[1]
    return escape(Truncator(summary or "").chars(SNIPPET_WIDTH))
