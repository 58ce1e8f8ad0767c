"""An audit of the concepts words name through other words' stems
(``manage.py thesaurus_collisions``; the rules in search/stemguard.py).

Probe words, each with the language it is written in: every word of every
thesaurus term, and the commonest words of the development practices' texts
(the demo, the second and the third development set; never the held-out test
sets) per language. Each is looked up alone, as :func:`search.thesaurus.concepts_in`
looks up a query word, through every thesaurus language's chain: with the
rules (as searches run) and without them. A (word, concept) pair is

* **own**: named through the word's own language's chain;
* **foreign**: named only through another language's chain; of those,
  **function word** when the word is a function word of some thesaurus
  language.

An own pair the rules drop is listed (a false concept the stemmer gave, or a
loss to review); so is every foreign pair, with the chain that gives it.
"""

import json
from collections import Counter
from pathlib import Path

from . import thesaurus
from .analysis import fold, words

ROOT = Path(__file__).resolve().parent.parent
PRACTICE_FILES = (
    ROOT / "practices" / "fixtures_demo" / "practices.json",
    ROOT / "search" / "eval" / "dev2" / "practices.json",
    ROOT / "search" / "eval" / "dev3" / "practices.json",
)
COMMONEST = 3000


def probe_words(commonest=COMMONEST):
    """language -> the words to look up (folded, as written otherwise)."""
    languages = thesaurus.languages()
    found = {language: set() for language in languages}
    for terms in thesaurus.load().values():
        for language, values in terms.items():
            for term in values:
                found[language].update(w.lower() for w, _s, _e in words(term))
    counts = {language: Counter() for language in languages}
    for file in PRACTICE_FILES:
        for practice in json.loads(file.read_text(encoding="utf-8")):
            language = practice.get("language")
            if language not in counts:
                continue
            text = " ".join(
                _text(practice.get(field))
                for field in ("title", "summary", "body", "outcomes")
            )
            counts[language].update(w.lower() for w, _s, _e in words(text))
    for language, counter in counts.items():
        found[language].update(w for w, _n in counter.most_common(commonest))
    return {
        language: sorted(w for w in found[language] if len(w) > 1 and not w.isdigit())
        for language in languages
    }


def _text(value):
    """A practice field as text (a body is a list of paragraphs)."""
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return str(value or "")


def named(word, language, rules=True):
    """Concept ids ``word`` names alone through ``language``'s chain."""
    index = thesaurus._index()[language]
    pairs = thesaurus.analysed_pairs(word, language)
    if not rules:
        return set(index.longest_matches([token for _w, token in pairs]))
    return set(
        thesaurus._guards()[language].matches(index, pairs, thesaurus.held_out())
    )


def audit(commonest=COMMONEST):
    """Counts per rule setting, and the pairs behind them."""
    languages = thesaurus.languages()
    stop = thesaurus._function_words()
    report = {
        setting: {"own": 0, "foreign": 0, "function word": 0}
        for setting in ("before", "after")
    }
    foreign, dropped_own = [], []
    for language, probes in probe_words(commonest).items():
        for word in probes:
            for setting, rules in (("before", False), ("after", True)):
                own = named(word, language, rules)
                report[setting]["own"] += len(own)
                others = {}
                for chain in languages:
                    if chain == language:
                        continue
                    for cid in named(word, chain, rules) - own:
                        others.setdefault(cid, chain)
                report[setting]["foreign"] += len(others)
                if fold(word) in stop:
                    report[setting]["function word"] += len(others)
                if rules:
                    foreign.extend(
                        (language, word, chain, cid) for cid, chain in others.items()
                    )
            lost = named(word, language, False) - named(word, language, True)
            dropped_own.extend((language, word, cid) for cid in sorted(lost))
    return report, sorted(foreign), sorted(dropped_own)


def before_after_foreign(commonest=COMMONEST):
    """The foreign pairs the rules removed: (language, word, chain, concept)."""
    languages = thesaurus.languages()
    removed = []
    for language, probes in probe_words(commonest).items():
        for word in probes:
            own = named(word, language, False)
            for chain in languages:
                if chain == language:
                    continue
                gone = named(word, chain, False) - named(word, chain, True) - own
                removed.extend((language, word, chain, cid) for cid in sorted(gone))
    return removed
