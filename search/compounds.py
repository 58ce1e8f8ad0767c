"""Decompounding for the thesaurus (German and Dutch), driven by its own vocabulary.

German and Dutch write compounds as one word: "Lehrlingsausbildung" is
"Lehrling" + linking "s" + "Ausbildung", "praktijkopleider" is "praktijk" +
"opleider". A thesaurus cannot list every compound, so a word the thesaurus does
not know is split into pieces it does know, each analysed (stemmed and folded) by
the language's chain: the compound then names the concepts of its parts, and a
concept term is found inside compounds ("Ausbildung" in
"Berufsausbildungsvertrag").

The split is dictionary-based (:class:`Splitter`): the word must be a
concatenation of pieces, each but the last optionally followed by one of the
language's linking morphemes (:data:`LINKS`). A piece is known when it is a word
of a thesaurus term of that language, folded: the last piece (the compound's
head, which carries the inflection) by its analysed form ("ausbild" for
"Ausbildungen"), the others as written or as a known stem ("schul" for "Schule",
"lehrkrafte"), never stemmed themselves, so that a piece cannot take the next
one's first letters. A piece of fewer than :data:`LONG_PIECE` letters must be a
word the thesaurus writes whole ("zorg", "taal"), not just a stem. One piece may
be unknown ("Vertrag" in "Ausbildungsvertrag"), if it has at least
:data:`LONG_PIECE` letters and another piece is a long known word
(:data:`ANCHOR` letters). Derivational suffixes are no pieces ("-lijk",
"-heit", "-ung": "tijdelijk" is no compound). The split with the fewest letters
in an unknown piece wins, then the one with the fewest pieces (the longest known
parts). A word the thesaurus knows whole is never split: "Berufsausbildung"
stays one concept rather than two.

The same splitter runs at index time (a practice's concept tags, stored for every
engine and sent to Elasticsearch as pre-analysed tokens) and at query time (the
concepts a query names), so both sides split alike.
"""

from functools import lru_cache

from .analysis import fold

# Linking morphemes (Fugenelemente / tussenklanken) that may follow a piece.
LINKS = {
    "de": ("", "s", "es", "n", "en", "e", "er", "ens", "nen"),
    "nl": ("", "s", "en", "e", "er"),
}
# Suffixes that make a word of another (derivation), not the head of a compound.
SUFFIXES = {
    "de": ("ung", "ungen", "heit", "keit", "lich", "isch", "schaft", "bar", "nden"),
    "nl": ("lijk", "lijke", "heid", "heden", "baar", "isch", "ing", "schap"),
}
# Half-suffixes (Halbsuffixe, Duden Grammatik; ANS 19.3): a compound's last
# part that says what kind of whole the first names rather than what it is:
# "Schulwesen", "onderwijswezen" (the school system, education as a sector;
# "Wesen", "wezen" alone is a being, a creature). A dictionary's translation
# of the part translates the wrong word: the compound is read as its first
# part (search/translation.py).
HALF_SUFFIXES = {"de": ("wesen",), "nl": ("wezen",)}
COMPOUNDING = frozenset(LINKS)
MIN_PIECE = 4  # letters of the shortest piece
LONG_PIECE = 5  # a shorter piece must be a word the thesaurus writes whole
ANCHOR = 6  # letters of the known piece that lets another be unknown
MIN_WORD = 2 * MIN_PIECE  # letters of the shortest word worth splitting
MAX_PIECES = 4


class Splitter:
    """Splits words of one language: ``known`` holds the analysed forms of the
    thesaurus's words in it, ``written`` the words as written (folded);
    ``analyse(piece)`` gives a piece's analysed form ('' for a stop word)."""

    def __init__(self, language, known, written, analyse):
        self.links = LINKS.get(language, ())
        self.suffixes = frozenset(SUFFIXES.get(language, ()))
        self.known = known
        self.written = written
        self.stems = known | written
        self.analyse = analyse
        self._split = lru_cache(maxsize=100_000)(self._compute)

    def split(self, word):
        """The analysed pieces of ``word`` (lowercase) as a tuple, or None when it
        is no compound of known pieces (or one the thesaurus knows whole)."""
        found = self._found(word)
        return found[1] if found else None

    def fully_known(self, word):
        """Whether ``word`` splits into known pieces only."""
        found = self._found(word)
        return bool(found) and found[0] == 0

    def _found(self, word):
        if not self.links or len(word) < MIN_WORD or not word.isalpha():
            return None
        return self._split(word)

    def _piece(self, word, start, end):
        """(analysed form, known?) of word[start:end] as a piece, or None when
        it cannot be one."""
        text = word[start:end]
        folded = fold(text)
        if folded in self.suffixes:
            return None
        piece = self.analyse(text)
        if not piece:
            return None
        if end == len(word):
            known = piece in self.known
        else:
            known = folded in self.stems
        if end - start < LONG_PIECE and folded not in self.written:
            known = False
        if not known and (end - start < LONG_PIECE or len(piece) < MIN_PIECE):
            return None
        return piece, known

    def _compute(self, word):
        if self.analyse(word) in self.known:
            return None
        size = len(word)
        # best[i]: ((letters in the unknown piece, pieces), unknown pieces,
        # longest known piece, pieces) of the best split of word[:i]: the least
        # unknown, then the fewest pieces.
        best = [None] * (size + 1)
        best[0] = ((0, 0), 0, 0, ())
        for start in range(size):
            if best[start] is None or len(best[start][3]) >= MAX_PIECES:
                continue
            (letters, count), unknown, anchor, pieces = best[start]
            for end in range(start + MIN_PIECE, size + 1 - (start == 0)):
                found = self._piece(word, start, end)
                if found is None or (unknown and not found[1]):
                    continue  # one unknown piece at most
                piece, known = found
                for link in self.links if end < size else ("",):
                    stop = end + len(link)
                    if stop >= size and link or not word.startswith(link, end):
                        continue  # an ending is the stemmer's business
                    candidate = (
                        (letters + (0 if known else end - start), count + 1),
                        unknown + (not known),
                        max(anchor, end - start if known else 0),
                        (*pieces, piece),
                    )
                    if best[stop] is None or candidate[0] < best[stop][0]:
                        best[stop] = candidate
        found = best[size]
        if found is None or found[1] == len(found[3]):
            return None
        (letters, _count), unknown, anchor, pieces = found
        if unknown and anchor < ANCHOR:
            return None
        return letters, pieces


# --- compounds of words the thesaurus does not know (query time) -----------------
#
# A Dutch or German word no term of any (other) language holds is often a
# compound whose head is a one-word term of another language: "loopbaancoaches"
# ends in the English "coaches", "Lernmobilität" in the Catalan "mobilitat". thesaurus.cognate_concepts reads such a
# word as its two parts, compared by their first letters as other unknown words
# are. (A modifier needs no rule of its own: a word's first letters are already
# compared.)

# letters of the shortest head, as many as the cognate rule compares: a shorter
# end is too often an ending ("-ertes", "-sales") or another word's tail
# ("transport")
HEAD = 6
REST = 4  # letters of the shortest remaining part


def foreign_parts(word, vocabulary):
    """``word`` (folded) as (modifier, head) when its end, of at least
    :data:`HEAD` letters, is written like a word of ``vocabulary`` (folded) and
    the rest has at least :data:`REST` letters (the longest such head); None
    otherwise."""
    if len(word) < HEAD + REST or not word.isalpha():
        return None
    for start in range(REST, len(word) - HEAD + 1):
        if word[start:] in vocabulary:
            return word[:start], word[start:]
    return None
