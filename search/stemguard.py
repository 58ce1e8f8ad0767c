"""Which thesaurus terms a query word may name through a language's stemmer.

A query is analysed with every thesaurus language's chain (thesaurus.py:
:func:`~search.thesaurus.concepts_in`), because nobody says which language it
is in. A stemmer applied to a word of another language, or a stemmer that cuts
deep, makes unrelated words meet (the audit ``manage.py
thesaurus_collisions``; search/eval/README.md):

* English and Dutch "of" through the Catalan chain is the stem of "ofici"
  (craft); German "die", Dutch "door", Italian "come" are content words
  elsewhere;
* the Dutch chain strips "ge-" and undoubles vowels: "geslaagd" (passed) is
  "slaag" like "slagerij" (butcher's), "begeleiding" is "beleid" (policy);
* the Catalan chain cuts "formador" (trainer) and "formació" (training) to
  "form", "mobiliari" (furniture) and "mobilitat" to "mobil", and English
  "competitions" to "compet" like "competències"; the German one "Ausbilder"
  (trainer) and "Ausbildung" (apprenticeship) to "ausbild".

Three rules, for every language, at query time:

* **function words**: a word that is a function word in any thesaurus
  language is left out of language L's chain (as L's own function words
  are) unless L's terms hold it written exactly so ("of" is no Catalan word;
  "per" stays one);
* **starts** (one-word terms: a multi-word term needs all its words, so a
  chance meeting of one is harmless): a word names a one-word term only
  where it starts as one of the concept's one-word terms is written in some
  language, on its first :data:`START` letters (a shorter word as far as it
  goes); a prefix the stemmer cut off the word is skipped where the term's
  word starts with the stem (its first :data:`LONG_STEM` letters: "gebouwen"
  names construction through "bouw", "gesimuleerde" simulation through
  "simulatie"; "geslaagd", stem "slaag", is not "slagerij");
* **nearest spelling** (one-word terms again): a word written as a word of
  another concept's terms, in any language, but for its last :data:`ENDING`
  letters, and not so as any of the named concept's one-word terms, names
  that concept through no stem (a concept linked with it, broader, narrower
  or related, is no other concept here): "formació" is written as the
  "formació" of thirty terms (dual system, e-learning...), not as "formador";
  "mobiliari" as the Spanish "mobiliario" (furniture making), "competitions"
  as "skills competitions". "formadors", "mobilitats" and "competències"
  still name their concepts, and Italian "formatori" VET trainer with no
  Italian term known (it is written as no other concept's word either).

Not caught: "Ausbilder" naming apprenticeship (in-company tutor, whose word
it is, is linked with apprenticeship; a stem override was measured and left
out, search/eval/README.md, fifteenth session); "mental" and "mentor": no
term holds the one, and a word of up to START + ENDING letters always agrees
with the term it starts like. Words that differ from a term's word by an
inflection-like ending ("donar" and "dona", "Lehrer" and "Lehre", "employer"
and "employment") are kept apart before these rules, by the stem overrides of
synonyms/stems.txt, in texts as well as queries.
"""

from bisect import bisect_left

from .analysis import fold, words

START = 3
LONG_STEM = 5
# Letters an inflection may change at a word's end ("formació", "formacions";
# "εκπαιδευτικός", "εκπαιδευτικών"): a word written as a term's word up to
# them is that word.
ENDING = 2
# Stem + 2 letters for stems under 5 letters, which kept "formació" from VET
# trainer, was measured and dropped: it blocked as many cognates ("joves" /
# "joven"; "formatori" / "formador" with Italian held out) as false friends
# (search/eval/README.md, tenth session).


def guards(concepts, term_forms, function_words, links=None):
    """language -> its :class:`Guard`, from the thesaurus's ``concepts`` (id ->
    {language: [terms]}), ``term_forms(term, language)``, the analysed forms
    of a term, and ``links``, id -> the ids it is linked with (either way)."""
    triples, spelt, labels = {}, {}, {}
    for concept_id, terms in concepts.items():
        for language, values in terms.items():
            for term in values:
                for form in term_forms(term, language):
                    triples.setdefault(language, []).append((term, form, concept_id))
                written = [fold(word) for word, _s, _e in words(term)]
                if len(written) == 1:
                    spelt.setdefault(concept_id, {})[(language, written[0])] = None
                for word in written:
                    labels[(word, language, concept_id)] = None
    spelt = {value: tuple(pairs) for value, pairs in spelt.items()}
    nearest = Nearest(labels, links or {})
    return {
        language: Guard(found, function_words, spelt, nearest)
        for language, found in triples.items()
    }


def _common(a, b):
    """The length of the common start of ``a`` and ``b``."""
    size = min(len(a), len(b))
    for i in range(size):
        if a[i] != b[i]:
            return i
    return size


class Nearest:
    """Every word of every thesaurus term, folded and sorted, with its language
    and concept: which concepts' terms a word is written as. A concept linked
    with another (broader, narrower, related) shares words with it by rights
    ("qualificazione" of the EQF's terms is a qualification)."""

    def __init__(self, labels, links):
        self.links = links
        self.labels = sorted(labels)
        self.keys = [word for word, _language, _value in self.labels]
        self.found = {}

    def other_starts(self, start, value, skip=""):
        """Whether a word of a term of a concept other than ``value`` and
        those linked with it (in a language other than ``skip``) starts with
        ``start``."""
        key = (start, value, skip)
        found = self.found.get(key)
        if found is None:
            if len(self.found) > 100_000:  # query words are many; keep it bounded
                self.found.clear()
            found = self.found[key] = self._other_starts(start, value, skip)
        return found

    def _other_starts(self, start, value, skip):
        labels = self.labels
        linked = self.links.get(value, ())
        for at in range(bisect_left(self.keys, start), len(labels)):
            word, language, other = labels[at]
            if not word.startswith(start):
                return False
            if other != value and language != skip and other not in linked:
                return True
        return False


def _agrees(start, known):
    # A shorter word (or term word) agrees as far as it goes ("drone", "drones").
    return known.startswith(start) or start.startswith(known)


class Guard:
    """The rules for one language's one-word terms: built from ``terms``,
    (written term, analysed form, value) triples of that language's index, and
    ``spelt``, value -> ((language, folded word), ...) of the one-word terms of
    every language."""

    def __init__(self, terms, function_words, spelt, nearest):
        self.nearest = nearest
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
        written in some language (but ``skip``, a language held out), and is
        not written as another concept's word instead (nearest spelling)."""
        if (stem, value) not in self.guarded:
            return True
        size = START
        folded = fold(word)
        start = folded[:size]
        # A prefix the stemmer cut ("gebouwen" -> "bouw") is no disagreement
        # where the term's word starts with the stem written out.
        cut = folded.find(stem[:LONG_STEM])
        past = folded[cut : cut + size] if cut > 0 else None
        spellings = [
            known for language, known in self.spelt.get(value, ()) if language != skip
        ]
        if not any(_agrees(start, known[:size]) for known in spellings):
            return any(
                past
                and known.startswith(stem[:LONG_STEM])
                and _agrees(past, known[:size])
                for known in spellings
            )
        # Nearest spelling: written as another concept's word ("formació" of
        # thirty terms) and not as this one's ("formador").
        near = len(folded) - ENDING
        if any(_common(folded, known) >= near for known in spellings):
            return True
        return not self.nearest.other_starts(folded[:near], value, skip)

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
        return [
            value
            for _tokens, values in self.spans(index, pairs, skip)
            for value in values
        ]

    def spans(self, index, pairs, skip=""):
        """(the tokens of the mention, its values) for each term :meth:`matches`
        finds."""
        pairs = [
            (word, token)
            for word, token in pairs
            if word is None or not self.names_nothing(word)
        ]
        tokens = [token for _word, token in pairs]
        return [
            (tokens[start:end], values)
            for (start, end), values in index.longest_spans(
                tokens, self.single(pairs, skip)
            )
        ]
