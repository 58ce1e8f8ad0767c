"""Derived words read as the thesaurus term words they come from.

A Snowball stemmer joins the inflections of a word, and some derivations
("Ausbildung" and "ausbilden", "valutazione" and "valutare" share a stem),
but not the others: the Italian action noun "formazione" stems to
"formazion", its verb "formare" to "form"; German "Qualifizierung" to
"qualifizier", "qualifizieren" to "qualifizi"; Spanish "digitalización" to
"digitaliz", its adjective "digital" to "digital". So a text that writes the
verb does not name a concept whose terms write the noun.

Each language has a small table of suffix pairs from its morphology (a verb
and the action noun made from it, a noun in -isation and the adjective it is
made from). A word of a text or a query whose own token is
no word of the language's terms (it names nothing) and that ends in one side
of a pair is rewritten with the other; if the rewritten word's token is
a word of the language's terms, the word stands for it. A word that names
something keeps its own token, and the terms are not rewritten, so the rule
only lets a word name what its derivation's terms name.

English also writes a phrasal verb's noun as one word ("drop out" and
"dropout", "start up" and "startup"): a word followed by a particle stands,
with the particle, for the one word their tokens make when that is a word of
the terms.
"""

import re

from .analysis import fold

# (ending of the word in a text or query, ending of the word it is derived
# from or into), on the folded written word (accents off); the longest ending
# that fits is tried first. One way only: a verb's forms stand for its action
# noun (the thesaurus's terms are noun phrases), a noun in -isation for its
# adjective. The other way (a noun for its verb's stem) mostly reached a
# short root another word of the terms shares (Greek "κράτηση", a booking,
# as "κρατ-", "πληροφόρηση", information, as "πληροφορ-ική").
_PAIRS = {
    "it": (
        # verb (infinitive, participles, gerund) -> action noun
        ("are", "azione"),
        ("ato", "azione"),
        ("ata", "azione"),
        ("ati", "azione"),
        ("ate", "azione"),
        ("ando", "azione"),
        ("ire", "izione"),
        # noun in -izzazione -> the adjective it is made from
        ("izzazione", "e"),
        ("izzazioni", "i"),
    ),
    "es": (
        ("ar", "acion"),
        ("ado", "acion"),
        ("ada", "acion"),
        ("ados", "acion"),
        ("adas", "acion"),
        ("ando", "acion"),
        ("ir", "icion"),
        ("izacion", ""),
        ("izaciones", "es"),
    ),
    "ca": (
        ("ar", "acio"),
        ("at", "acio"),
        ("ada", "acio"),
        ("ats", "acio"),
        ("ades", "acio"),
        ("ant", "acio"),
        ("ir", "icio"),
    ),
    "de": (
        # -ieren -> -ierung: Snowball keeps them apart ("-en" and "-ung"
        # share their stem elsewhere: "ausbilden", "Ausbildung")
        ("ieren", "ierung"),
        ("iert", "ierung"),
        ("ierte", "ierung"),
        ("ierten", "ierung"),
        ("isierung", ""),
        ("isierungen", ""),
    ),
    "nl": (
        # -eren -> -atie (evalueren, evaluatie); -isering -> its adjective
        ("eren", "atie"),
        ("eert", "atie"),
        ("eerd", "atie"),
        ("eerde", "atie"),
        ("alisering", "aal"),
    ),
    "el": (
        # verb in -ω (present forms) -> action noun in -ση
        ("ω", "ηση"),
        ("ει", "ηση"),
        ("ουν", "ηση"),
        ("ουμε", "ηση"),
        ("ευω", "ευση"),
        ("ευει", "ευση"),
        ("ευουν", "ευση"),
        ("ιζω", "ιση"),
        ("ιζει", "ιση"),
        ("ιζουν", "ιση"),
    ),
    "en": (
        ("ate", "ation"),
        ("ated", "ation"),
        ("ates", "ation"),
        ("ating", "ation"),
        ("ify", "ification"),
        ("ified", "ification"),
        ("ifies", "ification"),
        ("ifying", "ification"),
        ("isation", ""),
        ("ization", ""),
        ("etic", "y"),
    ),
}

# Shortest stem a rewritten word may keep.
MIN_STEM = 3

PARTICLES = {"en": frozenset({"out", "up", "off", "over", "down", "back"})}


RULES = {
    language: sorted(pairs, key=lambda pair: -len(pair[0]))
    for language, pairs in _PAIRS.items()
}


def base_token(word, language, known, token):
    """The token of a word of ``word``'s derivation that is a word of the
    language's terms (``known``), ``token(word)`` giving a word's token; None
    when no rule reaches one."""
    folded = fold(word)
    for ending, other in RULES.get(language, ()):
        if folded.endswith(ending) and len(folded) - len(ending) >= MIN_STEM:
            found = token(folded[: len(folded) - len(ending)] + other)
            if found and found in known:
                return found
    return None


def read(pairs, language, known, token):
    """``pairs`` ((written word, token), the word None for a compound's
    piece) with the rules above applied to the words that name nothing."""
    out = []
    for word, term in pairs:
        if word is None or not term or term in known:
            out.append((word, term))
            continue
        found = base_token(word, language, known, token)
        out.append((word, found or term))
    return out


def join_particles(text, language, known, token):
    """``text`` with each word followed by a particle written as one word,
    where the two words' tokens make a word of the terms ("dropped out" is
    read as "dropout")."""
    particles = PARTICLES.get(language)
    if not particles or not text:
        return text
    pattern = _PARTICLE_PATTERNS[language]

    def joined(match):
        word, particle = match.group(1), match.group(2)
        stem = token(word)
        if stem and token(stem + particle.lower()) in known:
            return stem + particle.lower()
        return match.group(0)

    return pattern.sub(joined, text)


_PARTICLE_PATTERNS = {
    language: re.compile(
        r"\b(\w+)[ -](" + "|".join(sorted(words)) + r")\b", re.IGNORECASE
    )
    for language, words in PARTICLES.items()
}
