"""Elasticsearch documents of the public search (elasticsearch-dsl).

One index per build, named ``<prefix>-practices-<timestamp>`` and reached through
the alias ``<prefix>-practices``: ``search_index rebuild`` fills a new index, then
swaps the alias (no downtime).

Fields:

* ``title_<lang>`` / ``text_<lang>`` for every EU language: a practice fills only
  those of its own language, with terms pre-analysed by that language's chain
  (``search/analysis.py``: stop words, Snowball stemmer, folding). The server-side
  analyzer is ``whitespace`` because the analysis already happened; queries are
  analysed the same way, per language, with the thesaurus expansion added.
* ``folded_title`` / ``folded_text``: the same text language-neutrally (casefolded,
  accents removed, nothing stemmed): exact words of the user score extra, and "did
  you mean" draws its corrections from here.
* keyword facets (``language``, ``country``, ``sectors``, ``themes``, ``eqf`` ...).
* ``suggest``: a completion field over folded titles and themes (autocomplete).
* ``title``, ``summary``, ``body``, ``url``: stored only, for the results page and
  the highlighted snippets.
"""

from django.conf import settings
from elasticsearch_dsl import Completion, Date, Document, Integer, Keyword, Text

from .analysis import LANGUAGES


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
        "themes": Keyword(),
        "eqf": Integer(),
        "organisation": Keyword(),
        "funding_programme": Keyword(),
        "year_start": Integer(),
        "first_published_at": Date(),
        "folded_title": Text(analyzer="standard"),
        "folded_text": Text(analyzer="standard"),
        "suggest": Completion(analyzer="standard", preserve_separators=False),
    }
    for code in LANGUAGES:
        attrs[f"title_{code}"] = Text(analyzer="whitespace")
        attrs[f"text_{code}"] = Text(analyzer="whitespace")
    return attrs


# elasticsearch-dsl collects fields from class attributes; the per-language fields
# are generated, so the class is made by Document's metaclass directly.
PracticeDocument = type(Document)("PracticeDocument", (Document,), _attributes())


def practice_index_body():
    """Settings and mappings of a new practices index."""
    return {
        "settings": {"number_of_shards": 1, "number_of_replicas": 0},
        "mappings": {
            **PracticeDocument._doc_type.mapping.to_dict(),
            "dynamic": "strict",
        },
    }
