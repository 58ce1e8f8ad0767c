"""Reading the thesaurus files: ``search/synonyms/concepts/*.json``, one file per
domain, each a list of concepts with their terms per language and SKOS-like links
(``broader``, ``related``), and the digest of them the index schema carries.

How the terms are found in queries and texts is :mod:`search.thesaurus`'s concern.
"""

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from .analysis import fold

# One JSON file per domain (a list of concepts each); see synonyms/README.md.
THESAURUS_PATH = Path(__file__).resolve().parent / "synonyms" / "concepts"
LINKS = ("broader", "related")
# Words whose Snowball stem is another word's (synonyms/stems.txt).
STEMS_PATH = THESAURUS_PATH.parent / "stems.txt"


def _files(path):
    path = Path(path)
    if path.is_dir():
        return sorted(path.glob("*.json"))
    return [path] if path.exists() else []


def _concepts_from(data):
    """Accept a list of ``{"concept": id, "terms": {lang: [terms]}, ...}`` or a
    mapping of concept id -> {lang: [terms]}; yields (concept id, {lang: [terms]},
    the entry)."""
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
            yield str(concept_id), by_language, entry


def _links_from(data):
    """The ``links`` of a file written as an object: ``{"concept": id,
    "broader": [...], "related": [...]}`` each, links between concepts that
    other files hold (a file may add them without rewriting those
    concepts)."""
    return data.get("links", []) if isinstance(data, dict) else []


@lru_cache(maxsize=4)
def entries(path=THESAURUS_PATH):
    """Concept id -> its entry as written (terms, ``source``, ``broader``,
    ``related``, ``domain``: the file it is in), with the links every file's
    ``links`` adds to it."""
    found, added = {}, []
    for file in _files(path):
        with file.open(encoding="utf-8") as handle:
            data = json.load(handle)
        for concept_id, terms, entry in _concepts_from(data):
            found[concept_id] = {
                **entry,
                "terms": terms,
                "domain": file.stem,
                **{link: list(entry.get(link, [])) for link in LINKS},
            }
        added.extend((file.name, link) for link in _links_from(data))
    for file_name, link in added:
        concept_id = link.get("concept")
        if concept_id not in found:
            raise ValueError(f"{file_name}: links of an unknown concept {concept_id!r}")
        for kind in LINKS:
            targets = found[concept_id][kind]
            targets.extend(t for t in link.get(kind, []) if t not in targets)
    return found


def unnamed(rows, held=None):
    """The (code, name, concepts) rows of a classification none of whose
    concepts the thesaurus holds, as (code, name, the concepts missing): the
    gaps search/fields_of_education.py and search/occupations.py print."""
    held = entries() if held is None else held
    found = []
    for code, name, concepts in rows:
        missing = tuple(c for c in concepts if c not in held)
        if len(missing) == len(concepts):
            found.append((code, name, missing))
    return found


@lru_cache(maxsize=4)
def load(path=THESAURUS_PATH):
    """Concept id -> {language: [terms]} (empty when no file is there)."""
    return {concept_id: entry["terms"] for concept_id, entry in entries(path).items()}


@lru_cache(maxsize=4)
def stem_overrides(path=STEMS_PATH):
    """Folded word -> the token the thesaurus's analysis gives it instead of
    its stem (``synonyms/stems.txt``: "word, word => token" lines)."""
    found = {}
    path = Path(path)
    if not path.exists():
        return found
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        left, _arrow, token = line.partition("=>")
        for word in left.split(","):
            if word.strip():
                found[fold(word.strip())] = fold(token.strip())
    return found


# Raised when the way terms are found in texts changes, or what is tagged (the
# concept tags an index holds then differ from what this code would tag; 5: a
# practice's themes, indexing/practice_documents.py; 6: Greek -ία forms,
# thesaurus._greek; 7: derived words, search/derivation.py).
MATCHING = (
    "7: compounds, accentless forms, no part tokens, themes' concepts,"
    " Greek -ία genitives and plurals, derived words"
)


def fingerprint(path=THESAURUS_PATH):
    """A digest of the thesaurus files and of :data:`MATCHING` (part of the
    index schema fingerprint)."""
    digest = hashlib.sha256(MATCHING.encode())
    for file in [*_files(path), STEMS_PATH]:
        if file.exists():
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()
