"""The query as the Elasticsearch engine reads it, and the languages it searches."""

import time
from dataclasses import dataclass
from functools import lru_cache

from elasticsearch import ApiError

from ... import thesaurus
from ...analysis import fold, words
from ...documents import LANGUAGES, alias_name
from .. import expansion
from ..client import SearchUnavailable, call


@dataclass(frozen=True)
class AnalysedQuery:
    """The query as typed, its folded form (for "did you mean") and the thesaurus
    concepts it names: their ids, and the tokens the concept fields hold for them
    (whole terms, and words of multi-word terms)."""

    text: str
    use_thesaurus: bool
    folded: str
    concepts: tuple = ()
    unknown_words: str = ""  # those not in the thesaurus: maybe typos
    # Concepts its unknown words name by their first letters (thesaurus.py).
    cognates: tuple = ()

    @classmethod
    def of(cls, text, use_thesaurus=True):
        """Analysed once per process and query (the thesaurus, read once per
        process, is all it depends on): the analysis in every language was most
        of a search's Python time, and people ask the same queries again."""
        return _analysed(cls, text, use_thesaurus, thesaurus.held_out())

    @classmethod
    def _analyse(cls, text, use_thesaurus):
        concepts = tuple(thesaurus.concepts_in(text)) if use_thesaurus and text else ()
        return cls(
            text,
            use_thesaurus,
            fold(text).strip(),
            concepts,
            " ".join(
                word
                for word, _start, _end in words(text)
                if not thesaurus.is_known_word(word)
            ),
            tuple(thesaurus.cognate_concepts(text, concepts))
            if use_thesaurus and text
            else (),
        )

    def weighted_concepts(self, feedback=None):  # not kept: the weights change
        """(concept token, weight, how reached, unit) of the query's concepts,
        those their links reach and a first ranking's ``feedback`` ones
        (services/expansion.py), weighted by rarity; ``unit`` is the query
        concept whose dis_max the token counts in, or None
        (expansion.unit_groups)."""
        groups = expansion.unit_groups(self.concepts)
        return tuple(
            (thesaurus.concept_token(cid), weight, kind, groups.get(cid))
            for cid, weight, kind in expansion.expand(
                self.concepts, cognates=self.cognates, feedback=feedback
            )
        )


@lru_cache(maxsize=2048)
def _analysed(cls, text, use_thesaurus, _held_out):
    return cls._analyse(text, use_thesaurus)


LANGUAGES_TTL = 60
_indexed_languages = {}


def indexed_languages():
    """Languages the practices index holds texts in (cached per alias for a
    minute; every language when the index cannot be asked)."""
    alias = alias_name()
    cached = _indexed_languages.get(alias)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    body = {
        "size": 0,
        "aggs": {"languages": {"terms": {"field": "language", "size": 100}}},
    }
    try:
        response = call(lambda client: client.search(index=alias, **body))
    except (ApiError, SearchUnavailable):
        return LANGUAGES
    found = {
        bucket["key"] for bucket in response["aggregations"]["languages"]["buckets"]
    }
    # Practices in a language without fields of its own are indexed as English.
    languages = tuple(code for code in LANGUAGES if code in found) or ("en",)
    if found - set(LANGUAGES):
        languages = tuple(dict.fromkeys((*languages, "en")))
    if found:  # an empty index is about to be filled: ask again next time
        _indexed_languages[alias] = (time.monotonic() + LANGUAGES_TTL, languages)
    return languages
