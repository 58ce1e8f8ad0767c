"""Which thesaurus terms a query word may name through a language's stemmer.

A query is analysed with every thesaurus language's chain (thesaurus.py:
:func:`~search.thesaurus.concepts_in`), because nobody says which language it
is in. A stemmer applied to a word of another language, or a stemmer that cuts
deep, makes unrelated words meet (the tenth session's audit,
``manage.py thesaurus_collisions``; search/eval/README.md):

* English and Dutch "of" through the Catalan chain is the stem of "ofici"
  (craft); German "die", Dutch "door", Italian "come" are content words
  elsewhere;
* the Dutch chain strips "ge-" and undoubles vowels: "geslaagd" (passed) is
  "slaag" like "slagerij" (butcher's), "begeleiding" is "beleid" (policy);
* the Catalan chain cuts "formador" (trainer) and "formació" (training) to
  "form", "donar" (to give) and "dona" (woman) to "don" (not caught, below).

Two rules, for every language, at query time:

* **function words**: a word that is a function word in any thesaurus
  language is left out of language L's chain (as L's own function words
  are) unless L's terms hold it written exactly so ("of" is no Catalan word;
  "per" stays one);
* **starts** (one-word terms: a multi-word term needs all its words, so a
  chance meeting of one is harmless): a word names a one-word term only
  where it starts as one of the concept's one-word terms is written in some
  language, on its first :data:`START` letters (a shorter word as far as it goes); a prefix the
  stemmer cut off the word is skipped where the term's word starts with the
  stem (its first :data:`LONG_STEM` letters: "gebouwen" names construction
  through "bouw", "gesimuleerde" simulation through "simulatie"; "geslaagd",
  stem "slaag", is not "slagerij").

Not caught: a stemmer cutting two words of one language to one short stem
("formador" / "formació", "donar" / "dona"): see :data:`START`.
"""

from .analysis import fold, words

START = 3
LONG_STEM = 5
# Stem + 2 letters for stems under 5 letters, which kept "formació" from VET
# trainer, was measured and dropped: it blocked as many cognates ("joves" /
# "joven"; "formatori" / "formador" with Italian held out) as false friends
# (search/eval/README.md, tenth session).


def guards(concepts, term_forms, function_words):
    """language -> its :class:`Guard`, from the thesaurus's ``concepts`` (id ->
    {language: [terms]}) and ``term_forms(term, language)``, the analysed forms
    of a term."""
    triples, spelt = {}, {}
    for concept_id, terms in concepts.items():
        for language, values in terms.items():
            for term in values:
                for form in term_forms(term, language):
                    triples.setdefault(language, []).append((term, form, concept_id))
                written = [fold(word) for word, _s, _e in words(term)]
                if len(written) == 1:
                    spelt.setdefault(concept_id, {})[(language, written[0])] = None
    spelt = {value: tuple(pairs) for value, pairs in spelt.items()}
    return {
        language: Guard(found, function_words, spelt)
        for language, found in triples.items()
    }


def _agrees(start, known):
    # A shorter word (or term word) agrees as far as it goes ("drone", "drones").
    return known.startswith(start) or start.startswith(known)


class Guard:
    """The rules for one language's one-word terms: built from ``terms``,
    (written term, analysed form, value) triples of that language's index, and
    ``spelt``, value -> ((language, folded word), ...) of the one-word terms of
    every language."""

    def __init__(self, terms, function_words, spelt):
        self.written = set()
        self.guarded = set()
        for term, form, value in terms:
            written = [fold(word) for word, _s, _e in words(term)]
            self.written.update(written)
            if len(form) == 1 and len(written) == 1:
                self.guarded.add((form[0], value))
        self.function_words = function_words
        self.spelt = spelt

    def names_nothing(self, word):
        """Whether ``word`` (as written) is another language's function word
        this language's terms do not hold."""
        folded = fold(word)
        return folded in self.function_words and folded not in self.written

    def may_name(self, word, stem, value, skip=""):
        """Whether ``word``, analysed to ``stem``, may name the one-word term
        ``value`` is found by: it starts as a one-word term of ``value`` is
        written in some language (but ``skip``, a language held out)."""
        if (stem, value) not in self.guarded:
            return True
        size = START
        folded = fold(word)
        start = folded[:size]
        # A prefix the stemmer cut ("gebouwen" -> "bouw") is no disagreement
        # where the term's word starts with the stem written out.
        cut = folded.find(stem[:LONG_STEM])
        past = folded[cut : cut + size] if cut > 0 else None
        return any(
            _agrees(start, known[:size])
            or (
                past
                and known.startswith(stem[:LONG_STEM])
                and _agrees(past, known[:size])
            )
            for language, known in self.spelt.get(value, ())
            if language != skip
        )

    def single(self, pairs, skip=""):
        """The ``single`` filter of TermIndex.longest_matches for ``pairs``
        ((written word or None for a compound's piece, token) per position)."""

        def keep(position, values):
            word, stem = pairs[position]
            if word is None:
                return values
            return [v for v in values if self.may_name(word, stem, v, skip)]

        return keep

    def matches(self, index, pairs, skip=""):
        """The values ``index`` (the language's TermIndex) finds for ``pairs``
        (thesaurus.analysed_pairs of a query), by these rules."""
        pairs = [
            (word, token)
            for word, token in pairs
            if word is None or not self.names_nothing(word)
        ]
        tokens = [token for _word, token in pairs]
        return index.longest_matches(tokens, self.single(pairs, skip))
