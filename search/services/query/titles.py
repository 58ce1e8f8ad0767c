"""A practice searched by its own title comes first, on every engine: the
hits whose titles hold every word of the query as written (folded: accents and
case aside; function words out) before the rest, each group in the engine's
order. Written words, not stems: "Ausbildung Handwerk" is no search for the
practice titled "Ausbilder im Handwerk", though the German stemmer makes
Ausbilder and Ausbildung one word.

fulltext.py orders the database engines' ranked ids by it (their titles' words
kept per process and content version), elasticsearch.py its page of hits.
"""

from ...analysis import fold, words
from .. import expansion


def wanted_words(q, languages):
    """The query's words as written (folded; function words in any of
    ``languages`` out), which a title must all hold to come first."""
    return frozenset(fold(word) for word in expansion.unit_words(q, languages, False))


def title_words(title):
    """A title's words as written, folded."""
    return frozenset(fold(word) for word, _start, _end in words(title))


def title_first(items, wanted, words_of):
    """``items`` with those whose title words (``words_of(item)``: a
    frozenset, or None when not known) hold all of ``wanted`` first; each
    group keeps its order. Nothing wanted: ``items`` as they are."""
    if not wanted or not items:
        return items
    return sorted(items, key=lambda item: not wanted <= (words_of(item) or frozenset()))
