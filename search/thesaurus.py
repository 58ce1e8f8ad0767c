"""The multilingual VET thesaurus: concepts with their terms in each language.

Source: ``search/synonyms/vet_thesaurus.json`` (curated in this repository, see its
README). Query-time use only — nothing from it is written into the index.
Elasticsearch reads the concepts with :func:`load` and applies them as
``synonym_graph`` search analyzers (``search/services/synonyms.py``); the
functions below serve the database fallback, which matches them in Python:

* :func:`concepts_in` finds the concepts a query names. The query is analysed with
  each thesaurus language's chain (``search/analysis.py``) and compared with that
  language's analysed terms, longest match first, so inflected query words still
  hit ("δεξιότητες" and "δεξιότητα" share the Greek stem).
* :func:`expansion` (the former Python variant of the Elasticsearch path, kept
  for comparison) gives, for a target language, the analysed terms of those
  concepts: the terms of the language itself, plus the English terms (English VET
  vocabulary — "e-leadership", "blended learning", "NEET" — is common inside texts
  of every language), each analysed with the *target* language's chain so they
  match that language's indexed terms.
* :func:`expand_query` (database fallback) returns the raw terms of every language.
"""

import json
from functools import lru_cache
from pathlib import Path

from .analysis import analyze, fold, words

THESAURUS_PATH = Path(__file__).resolve().parent / "synonyms" / "vet_thesaurus.json"
# Terms of these languages are also looked for inside texts of every language.
LINGUA_FRANCA = ("en",)


def _concepts_from(data):
    """Accept a list of ``{"concept": id, "terms": {lang: [terms]}}`` or a mapping
    of concept id -> {lang: [terms]}; yields (concept id, {lang: [terms]})."""
    if isinstance(data, dict):
        data = data.get("concepts", data)
    items = (
        data.items()
        if isinstance(data, dict)
        else ((entry.get("concept") or entry.get("id"), entry) for entry in data)
    )
    for concept_id, entry in items:
        if not isinstance(entry, dict):
            continue
        terms = entry.get("terms", entry)
        by_language = {}
        for language, values in terms.items():
            if isinstance(values, str):
                values = [values]
            if not isinstance(values, list):
                continue
            cleaned = [v.strip() for v in values if isinstance(v, str) and v.strip()]
            if cleaned:
                by_language[language] = cleaned
        if concept_id and by_language:
            yield str(concept_id), by_language


@lru_cache(maxsize=4)
def load(path=THESAURUS_PATH):
    """Concept id -> {language: [terms]} (empty when the file is missing)."""
    path = Path(path)
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return dict(_concepts_from(json.load(handle)))


@lru_cache(maxsize=4)
def _index(path=THESAURUS_PATH):
    """(language, analysed term tuple) -> concept ids; language "" holds the
    folded, unstemmed forms of every term."""
    index = {}
    for concept_id, terms in load(path).items():
        for language, values in terms.items():
            for term in values:
                for key in (
                    (language, tuple(analyze(term, language))),
                    ("", tuple(fold(w) for w, _s, _e in words(term))),
                ):
                    if key[1]:
                        index.setdefault(key, set()).add(concept_id)
    return index


def _longest_matches(tokens, language, index, longest):
    found, position = [], 0
    while position < len(tokens):
        for size in range(min(longest, len(tokens) - position), 0, -1):
            concepts = index.get((language, tuple(tokens[position : position + size])))
            if concepts:
                found.extend(sorted(concepts))
                position += size
                break
        else:
            position += 1
    return found


def languages(path=THESAURUS_PATH):
    found = set()
    for terms in load(path).values():
        found.update(terms)
    return sorted(found)


@lru_cache(maxsize=4)
def _longest_term(path=THESAURUS_PATH):
    return max((len(key[1]) for key in _index(path)), default=0)


def concepts_in(query, path=THESAURUS_PATH):
    """Concept ids named in ``query``, whatever its language."""
    index = _index(path)
    longest = _longest_term(path)
    found = _longest_matches(
        [fold(w) for w, _s, _e in words(query)], "", index, longest
    )
    for language in languages(path):
        found.extend(
            _longest_matches(analyze(query, language), language, index, longest)
        )
    return list(dict.fromkeys(found))


@lru_cache(maxsize=2048)
def _analysed_terms(concept_id, target, path=THESAURUS_PATH):
    terms = load(path).get(concept_id, {})
    phrases = []
    for language in (target, *LINGUA_FRANCA):
        for term in terms.get(language, []):
            analysed = tuple(analyze(term, target))
            if analysed and analysed not in phrases:
                phrases.append(analysed)
    return tuple(phrases)


def expansion(concept_ids, target, path=THESAURUS_PATH):
    """Analysed terms (tuples) of ``concept_ids`` for texts in ``target``."""
    phrases = []
    for concept_id in concept_ids:
        for phrase in _analysed_terms(concept_id, target, path):
            if phrase not in phrases:
                phrases.append(phrase)
    return phrases


def expand_query(query, path=THESAURUS_PATH):
    """Every raw term, in every language, of the concepts named in ``query``."""
    concepts = load(path)
    expansions = []
    for concept_id in concepts_in(query, path):
        for values in concepts[concept_id].values():
            expansions.extend(values)
    return list(dict.fromkeys(expansions))
