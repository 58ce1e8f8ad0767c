"""Elasticsearch documents of the public search (elasticsearch-dsl).

One index per build, named ``<prefix>-practices-<timestamp>`` and reached through
the alias ``<prefix>-practices``: ``search_index rebuild`` fills a new index, then
swaps the alias (no downtime).

Fields:

* ``title_<lang>`` / ``text_<lang>`` for every EU language: a practice fills only
  those of its own language, with its raw text; Elasticsearch's built-in analyzer
  of that language (``italian``, ``greek`` ...) analyses it, at index and at
  search time.
* ``concepts_title`` / ``concepts_text``: the concepts of the multilingual VET
  thesaurus the title and the text name, one token per mention, found at index
  time in the practice's language (``search/thesaurus.py``, ``concept_tags``);
  the text's also one per concept of each of the practice's themes
  (``indexing/practice_documents.py``, ``theme_concepts``). A
  query names concepts too, in whatever language it is typed: one clause on these
  fields reaches practices in every language.
* ``folded_title`` / ``folded_text`` (``copy_to`` from the language fields):
  ``standard`` + ``lowercase`` + ``asciifolding``: exact words of the user score
  extra, and "did you mean" draws its corrections from here.
* keyword facets (``language``, ``country``, ``sectors``, ``themes``, ``eqf`` ...).
* ``suggest``: a completion field (``folded`` analyzer) over titles and themes.
* ``title``, ``summary``, ``body``, ``url``: stored only, for the results page and
  the highlighted snippets.

A second index, behind the alias ``<prefix>-directory`` (also one index per build,
swapped by the same ``rebuild``), holds published events and the organisations of
the directory for the small "Events and organisations" block of the results page.
It never takes part in the practices' query, ranking or facets.
"""

import hashlib
import json
from functools import cache

from django.conf import settings
from elasticsearch_dsl import Completion, Date, Document, Integer, Keyword, Text

from .analysis import LANGUAGES

# Every language a practice may be written in (analysis.LANGUAGES) gets its own
# fields, analysed by Elasticsearch's built-in analyzer of that language where
# there is one (the EU languages Elasticsearch ships analyzers for, plus Catalan,
# Galician, Basque), by ``standard`` otherwise (Croatian, Maltese, Polish,
# Slovak, Slovenian).
ES_ANALYZERS = {
    "bg": "bulgarian",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "gl": "galician",
    "hu": "hungarian",
    "it": "italian",
    "lt": "lithuanian",
    "lv": "latvian",
    "nl": "dutch",
    "pt": "portuguese",
    "ro": "romanian",
    "sv": "swedish",
}


def field_analyzer(code):
    return ES_ANALYZERS.get(code, "standard")


def alias_name(kind="practices"):
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{kind}"


def _attributes():
    attrs = {
        "__module__": __name__,
        "__doc__": "A published practice, as searched and faceted.",
        "page_id": Integer(),
        "url": Keyword(index=False, doc_values=False),
        "title": Keyword(index=False, doc_values=False),
        "summary": Text(index=False),
        "body": Text(index=False),
        "language": Keyword(),
        "country": Keyword(),
        "sectors": Keyword(),
        "target_groups": Keyword(),
        # Tag slugs, as the practice listing filters them (names before: the
        # field's meta changes the schema fingerprint, asking for a rebuild).
        "themes": Keyword(meta={"values": "slugs"}),
        "eqf": Integer(),
        "organisation": Keyword(),
        "funding_programme": Keyword(),
        "year_start": Integer(),
        "first_published_at": Date(),
        # Filled by copy_to from the language fields: accent-folded, unstemmed.
        "folded_title": Text(analyzer="folded"),
        "folded_text": Text(analyzer="folded"),
        "suggest": Completion(analyzer="folded", preserve_separators=False),
        # Concepts of the thesaurus the title and the text name, one token per
        # mention, written at index time (search/thesaurus.py, concept_tags):
        # term frequencies for BM25, no positions. The title's meta names its
        # tagging rule (a multi-word term with its own function words between
        # its words): a change of rule changes the schema fingerprint, asking
        # for a rebuild.
        "concepts_title": Text(
            analyzer="whitespace",
            index_options="freqs",
            meta={"terms": "own function words"},
        ),
        "concepts_text": Text(analyzer="whitespace", index_options="freqs"),
        # The text's main concepts, each once (query/floor.py, main_tags):
        # filtered on only, never scored.
        "concepts_main": Text(analyzer="whitespace", index_options="docs", norms=False),
    }
    for code in LANGUAGES:
        analyzer = field_analyzer(code)
        attrs[f"title_{code}"] = Text(analyzer=analyzer, copy_to="folded_title")
        # Offsets in the postings: highlighting reads them instead of
        # re-analysing each hit's text.
        attrs[f"text_{code}"] = Text(
            analyzer=analyzer, copy_to="folded_text", index_options="offsets"
        )
    return attrs


# elasticsearch-dsl collects fields from class attributes; the per-language fields
# are generated, so the class is made by Document's metaclass directly.
PracticeDocument = type(Document)("PracticeDocument", (Document,), _attributes())


# Events and organisations: few, short, in any language. Plain words plus a
# folded copy (accents off) are enough to find them by a word of their name. An
# apostrophe separates words ("dell'artigianato", "l'Aquila"): the standard
# tokenizer alone would keep them as one.
DIRECTORY_ANALYSIS = {
    "filter": {
        # Splits at apostrophes (and other inner punctuation) only.
        "apostrophes": {
            "type": "word_delimiter_graph",
            "split_on_case_change": False,
            "split_on_numerics": False,
        }
    },
    "analyzer": {
        "directory_words": {
            "tokenizer": "standard",
            "filter": ["apostrophes", "lowercase"],
        },
        "directory_folded": {
            "tokenizer": "standard",
            "filter": ["apostrophes", "lowercase", "asciifolding"],
        },
    },
}


def _directory_text():
    return Text(
        analyzer="directory_words",
        fields={"folded": Text(analyzer="directory_folded")},
    )


DirectoryDocument = type(Document)(
    "DirectoryDocument",
    (Document,),
    {
        "__module__": __name__,
        "__doc__": "A published event or a directory organisation.",
        "kind": Keyword(),
        "object_id": Integer(),
        "title": _directory_text(),
        "text": _directory_text(),
        "url": Keyword(index=False, doc_values=False),
        "country": Keyword(),
        "start": Date(),
        # Stored only: the event's own time zone, to show its date as it is there.
        "timezone": Keyword(index=False, doc_values=False),
    },
)


def analysis_settings():
    """Custom analyzers of the practices index: ``folded`` (exact words, accents
    off). The thesaurus needs none: its concepts are written into the concept
    fields at index time."""
    return {
        "analyzer": {
            "folded": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding"]}
        }
    }


@cache
def schema_fingerprint():
    """What an index built now would hold: fields, analyzers and the thesaurus
    (concept tags). Stored in the ``_meta`` of both indices (practices and
    directory): one fingerprint, so a change to either asks for one rebuild of
    both, and ``search_index status`` and /healthz tell an index built by an
    older version of this code or thesaurus, whose queries would be refused or
    miss what its documents lack. Computed once per process, like the
    thesaurus it reads (``thesaurus.load``)."""
    from . import thesaurus

    raw = json.dumps(
        [
            PracticeDocument._doc_type.mapping.to_dict(),
            DirectoryDocument._doc_type.mapping.to_dict(),
            DIRECTORY_ANALYSIS,
            analysis_settings(),
            thesaurus.fingerprint(),
        ],
        sort_keys=True,
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _index_body(document, analysis):
    """Settings and mappings of a new index for ``document`` (one shard, no
    replica, strict mapping, the schema fingerprint in ``_meta``)."""
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "analysis": analysis,
        },
        "mappings": {
            **document._doc_type.mapping.to_dict(),
            "dynamic": "strict",
            "_meta": {"schema": schema_fingerprint()},
        },
    }


def practice_index_body():
    """Settings and mappings of a new practices index."""
    return _index_body(PracticeDocument, analysis_settings())


def directory_index_body():
    """Settings and mappings of a new events-and-organisations index."""
    return _index_body(DirectoryDocument, DIRECTORY_ANALYSIS)
