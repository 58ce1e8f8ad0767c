"""The plural of a dictionary lemma, from each language's noun morphology.

A dictionary gives a translation as its lemma, the singular ("liutaio", a
violin maker); a practice often writes the plural ("liutai"). Elasticsearch's
language analyzers join the two for most nouns (its Italian and Spanish
analyzers use Lucene's light stemmers, which cut a plural to the singular's
stem: "liutaio" and "liutai" are both "liuta"); our Snowball chains, which the
database engines match with (search/analysis.py), keep some apart ("liutaio"
is "liutai", "liutai" is "liuta"; Spanish "luz" and "luces"). So the database
engines look for a translated lemma's plural too (search/translation.py):
:func:`plurals` gives the regular plurals a grammar lists for a singular noun
of the language, and the translation adds each one's term, under the
language's own chain, when it differs from the lemma's.

The rules are the regular plural formations of standard grammars (Italian:
Serianni, *Grammatica italiana* III; Spanish: RAE, *Nueva gramática*, 3;
German: Duden *Grammatik*, the plural classes; Dutch: *Algemene Nederlandse
Spraakkunst*, 3.2). Catalan and Greek have none here: Elasticsearch's
analyzers of the two join no more plurals than our chains do (measured on the
development sets' practices' words, search/eval/README.md), so a plural's
term would only move the engines apart. A noun may follow any of its ending's classes (Italian
masculine "-co": "amici" and "fuochi"), so each is given; a form that is no
word of the language gives a term no practice holds, and a form that is
another word (:func:`search.translation._forms` checks the lexicon) is left
out. Irregular plurals ("uomo", "uomini") are not given.
"""

from functools import lru_cache

from .analysis import fold

# (ending of the singular, endings of its plurals), the first that fits; the
# singular is folded (no accents: the chains fold their terms too, and a
# plural's accent is dropped or moved: Spanish "nación", "naciones"). Where
# the plural depends on the stress, :data:`_STRESSED` comes first: the
# written accent of an Italian or Spanish word ending in a stressed vowel
# ("città", "café") or a stressed syllable closed by "s" ("inglés"), and a
# word of one syllable ("mes").
_RULES = {
    "it": (
        ("cia", ("ce", "cie")),
        ("gia", ("ge", "gie")),
        ("io", ("i",)),  # studio -> studi, liutaio -> liutai
        ("co", ("chi", "ci")),
        ("go", ("ghi", "gi")),
        ("ca", ("che",)),
        ("ga", ("ghe",)),
        ("o", ("i",)),
        ("e", ("i",)),
        ("a", ("e", "i")),  # the masculine nouns in -a (-ista, -ema) take -i
    ),  # a consonant: invariable (film, bar)
    "es": (
        ("z", ("ces",)),
        ("s", ()),  # unstressed -s, -x: invariable (crisis, tórax)
        ("x", ()),
        ("a", ("as",)),
        ("e", ("es",)),
        ("i", ("is",)),
        ("o", ("os",)),
        ("u", ("us",)),
        ("y", ("ys", "yes")),
        ("", ("es",)),  # a consonant
    ),
    "de": (
        ("ismus", ("ismen",)),
        ("um", ("en",)),
        ("in", ("innen",)),
        ("e", ("en",)),
        ("el", ("eln",)),
        ("er", ("ern",)),  # the plural is the singular; the dative adds -n
        ("en", ()),
        # the other classes: -e (with or without umlaut, which the chain
        # folds away: "hauser" stands for "Häuser"), -en, -er, -s
        ("", ("e", "en", "er", "s")),
    ),
    "nl": (
        ("heid", ("heden",)),
        ("ie", ("ies", "ieen")),
        ("je", ("jes",)),
        ("e", ("es", "en")),
        ("el", ("els",)),
        ("em", ("ems",)),
        ("en", ("ens",)),
        ("er", ("ers",)),
        ("", ("s",)),  # and -en with its spelling rules (_dutch_en)
    ),
}
_STRESSED = {
    "it": (("", ()),),  # città, virtù: invariable
    "es": (
        ("s", ("ses",)),  # inglés -> ingleses, mes -> meses
        ("x", ("xes",)),
        ("i", ("is", "ies")),
        ("u", ("us", "ues")),
        ("a", ("as",)),
        ("e", ("es",)),
        ("o", ("os",)),
    ),
}
_VOWELS = "aeiouy"


def plurals(lemma, language):
    """The regular plurals of the singular noun or adjective ``lemma`` in
    ``language`` (folded; may be empty); a lemma of several words or of
    fewer than three letters has none."""
    return _plurals(lemma.lower(), language)


@lru_cache(maxsize=8192)
def _plurals(lowered, language):
    folded = fold(lowered)
    rules = _RULES.get(language)
    if not rules or len(folded) < 3 or not folded.isalpha():
        return ()
    if language in _STRESSED and _stressed(lowered, folded):
        rules = _STRESSED[language] + rules
    found = []
    for ending, replacements in rules:
        if folded.endswith(ending):
            stem = folded[: len(folded) - len(ending)]
            found.extend(stem + replacement for replacement in replacements)
            break
    if language == "nl" and not folded.endswith(("el", "em", "en", "er", "je")):
        found.extend(_dutch_en(folded))  # the unstressed -el, -er take -s
    return tuple(dict.fromkeys(form for form in found if form != folded))


def _stressed(lowered, folded):
    """Whether the last syllable is stressed: written with an accent on its
    vowel ("nació", "inglés"), or the word's only syllable ("mes")."""
    if len(lowered) != len(folded):
        return False
    tail = lowered[-2:] if folded[-1] not in _VOWELS else lowered[-1:]
    if any(ch != fold(ch) for ch in tail):
        return True
    groups = sum(
        1
        for at, ch in enumerate(folded)
        if ch in _VOWELS and (at == 0 or folded[at - 1] not in _VOWELS)
    )
    return groups == 1


def _dutch_en(folded):
    """Dutch -en plurals with the spelling rules (ANS 3.2.2): a long vowel
    written double in the closed syllable is written once in the open one
    (leraar -> leraren), a short vowel's consonant is doubled (bal ->
    ballen), a final f or s becomes v or z (brief -> brieven, huis ->
    huizen)."""
    if len(folded) < 3 or folded[-1] in "aeiouy":
        return ()
    last, vowels = folded[-1], folded[-3:-1]
    found = [folded + "en"]  # sector -> sectoren, dag -> dagen
    voiced = {"f": "v", "s": "z"}.get(last)
    if vowels[0] == vowels[1] and vowels[0] in "aeou":
        stem = folded[:-3] + vowels[0] + last
        found.append(stem + "en")
        if voiced:
            found.append(stem[:-1] + voiced + "en")
    elif folded[-2] in "aeiou" and folded[-3] not in "aeiou":
        found.append(folded + last + "en")
    if voiced and folded[-2] in "aeiouj":
        found.append(folded[:-1] + voiced + "en")
    return found


# --- alterations (Italian, Spanish, Catalan) -------------------------------------
#
# A diminutive, augmentative or pejorative is made from a noun or adjective by
# a suffix that takes the base's gender and number endings (Serianni,
# *Grammatica italiana* XV.71-85: "muro", "muretto", "muretti"; RAE, *Nueva
# gramática*, 9: "mesa", "mesita", "cafecito", "poquito"; IEC, *Gramàtica*,
# 25.4: "cadira", "cadireta", "carretó"). A dictionary lists few of them: an
# altered word it lacks is read as its base. (suffix as the word ends,
# the base's endings that may stand in its place), the longest suffix first;
# Spanish and Catalan respell the base's last consonant before "e" and "i"
# ("poquito" of "poco", "amiguito" of "amigo", "boqueta" of "boca").
_ALTERED = {
    "it": (
        ("ini", "ine", "ino", "ina"),  # diminutive
        ("etti", "ette", "etto", "etta"),
        ("elli", "elle", "ello", "ella"),
        ("ucci", "ucce", "uccio", "uccia"),
        ("oni", "one", "ona"),  # augmentative
        ("otti", "otte", "otto", "otta"),
        ("acci", "acce", "accio", "accia"),  # pejorative
        ("astri", "astre", "astro", "astra"),
    ),
    "es": (
        ("ecitos", "ecitas", "ecito", "ecita", "cito", "cita", "citos", "citas"),
        ("itos", "itas", "ito", "ita"),
        ("illos", "illas", "illo", "illa"),
        ("uelos", "uelas", "uelo", "uela"),
        ("ones", "onas", "on", "ona"),
        ("azos", "azas", "azo", "aza"),
        ("uchos", "uchas", "ucho", "ucha"),
        ("otes", "otas", "ote", "ota"),
    ),
    "ca": (
        ("ets", "etes", "et", "eta"),  # diminutive
        ("ons", "ones", "ona"),  # carretó, carretons (the -ó is folded)
        ("assos", "asses", "assa", "as"),  # augmentative
        ("ots", "otes", "ot", "ota"),
    ),
}
ALTERING = ("it", "es", "ca")
_BASE_ENDINGS = {
    "it": ("o", "a", "e"),
    "es": ("o", "a", "e", ""),
    "ca": ("", "a", "e", "o"),
}
_RESPELT = {"es": (("qu", "c"), ("gu", "g")), "ca": (("qu", "c"), ("gu", "g"))}
MIN_BASE_STEM = 3


def alteration_bases(word, language):
    """The words ``word`` may be an alteration of in ``language`` (folded),
    the longest suffix's first: "muretti" -> "muro", "mura", "mure"."""
    return _alteration_bases(fold(word), language)


@lru_cache(maxsize=8192)
def _alteration_bases(folded, language):
    found = []
    for group in _ALTERED.get(language, ()):
        for suffix in sorted(group, key=len, reverse=True):
            stem = folded[: len(folded) - len(suffix)]
            if not folded.endswith(suffix) or len(stem) < MIN_BASE_STEM:
                continue
            stems = [stem]
            for respelt, plain in _RESPELT.get(language, ()):
                if stem.endswith(respelt):
                    stems.append(stem[: -len(respelt)] + plain)
            found.extend(s + end for s in stems for end in _BASE_ENDINGS[language])
            break
    if language == "es":  # -cito of a word ending in a consonant or -e: cafecito
        for suffix in ("cito", "cita", "citos", "citas"):
            if folded.endswith(suffix):
                found.append(folded[: -len(suffix)])
    return tuple(dict.fromkeys(base for base in found if base != folded))
