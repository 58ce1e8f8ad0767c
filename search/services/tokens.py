"""The pre-analysed tokens the database engines search (``PracticeTokens``).

Computed from the practice's Elasticsearch document (indexing/practice_documents.py), so both
kinds of engine read one analysis: the title and text through the practice's
own language chain (search/analysis.py), the concept tags the thesaurus found
in them (search/thesaurus.py). Written by the same indexing task that updates
Elasticsearch, whether or not Elasticsearch is configured, and by
``search_index rebuild``.

Concept tokens are spelt with letters and digits only ("dual system" ->
``c0dual0system``), so that SQLite's word splitter keeps each one whole.
"""

import re
from collections import Counter

from django.db import transaction

from .. import thesaurus
from ..analysis import LANGUAGES, analyze
from ..models import PracticeTokens

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def _spelt(concept_id):
    return _NOT_ALNUM.sub("0", concept_id.lower()).strip("0")


def concept_token(concept_id):
    """The stored token of a whole concept."""
    return "c0" + _spelt(concept_id)


# A text's main concepts (the ``concepts_main`` field, which query/floor.py's
# count rule reads): those it mentions at least this many times, and in at
# least this share of its concept mentions (a long text names many concepts
# twice in passing). Measured on both development sets (search/eval/README.md,
# "Result counts (thirteenth session)"): twice alone counted 52 % / 48 % of the
# collection; 10 % left two more relevant practices out than 8 %.
MAIN_MENTIONS = 2
MAIN_SHARE = 0.08


def is_main(count, mentions):
    """Whether a concept mentioned ``count`` times in a text of ``mentions``
    concept mentions is one of its main concepts."""
    return count >= max(MAIN_MENTIONS, MAIN_SHARE * mentions)


def main_tags(tags):
    """The main concepts of a text whose concept tags (one per mention, as
    thesaurus.concept_tags writes them) are ``tags``, each once, in order of
    first mention: what the ``concepts_main`` field holds."""
    counts = Counter(tags)
    return [tag for tag, count in counts.items() if is_main(count, len(tags))]


_BY_TAG = {}


def _from_tag(tag):
    """Our token for one of the Elasticsearch document's concept tags
    (``dual_system``)."""
    found = _BY_TAG.get(tag)
    if found is None:
        found = _BY_TAG[tag] = "c0" + _spelt(tag.replace("_", " "))
    return found


def _tokens_of_tags(tags):
    return " ".join(_from_tag(tag) for tag in tags.split())


def tokens_of(document):
    """The ``PracticeTokens`` field values of one Elasticsearch document."""
    language = document["language"] or "en"
    chain = language if language in LANGUAGES else "en"
    text = f"{document['summary']}\n{document['body']}"
    return {
        "language": language,
        "title": " ".join(analyze(document["title"], chain)),
        # As the Elasticsearch fields hold them, so that a field's length, in
        # BM25, is the same for every engine.
        "concepts_title": _tokens_of_tags(document["concepts_title"]),
        "concepts_text": _tokens_of_tags(document["concepts_text"]),
        "concepts_main": _tokens_of_tags(document["concepts_main"]),
        "text": " ".join(analyze(text, chain)),
    }


def store(page_id, document):
    """Keep the tokens of ``document`` for ``page_id``, or drop them when
    ``document`` is None (unpublished, deleted, private), moving the stored
    statistics by the difference (services/statistics.py)."""
    from . import statistics

    with transaction.atomic():
        old = (
            PracticeTokens.objects.select_for_update()
            .filter(page_id=page_id)
            .values("page_id", "language", *statistics.FIELDS)
            .first()
        )
        if document is None:
            PracticeTokens.objects.filter(page_id=page_id).delete()
            new = None
        else:
            values = tokens_of(document)
            new = {"page_id": page_id, **values}
            PracticeTokens.objects.update_or_create(page_id=page_id, defaults=values)
        statistics.replace(page_id, old, new)
    return "removed" if document is None else "stored"


def concepts_of(document):
    """The concept ids a document's title and text name (whole terms only)."""
    by_token = _concept_by_tag()
    return {
        by_token[tag]
        for field in ("concepts_title", "concepts_text")
        for tag in document[field].split()
        if tag in by_token
    }


_BY_CONCEPT_TAG = {}
_BY_CONCEPT_TOKEN = {}


def concept_of_token(token):
    """The concept id of a stored concept token (``c0dual0system``), or None."""
    if not _BY_CONCEPT_TOKEN:
        _BY_CONCEPT_TOKEN.update({concept_token(cid): cid for cid in thesaurus.load()})
    return _BY_CONCEPT_TOKEN.get(token)


def _concept_by_tag():
    if not _BY_CONCEPT_TAG:
        _BY_CONCEPT_TAG.update(
            {thesaurus.concept_token(cid): cid for cid in thesaurus.load()}
        )
    return _BY_CONCEPT_TAG


def rebuild(documents):
    """Replace every row by those of ``documents`` (an iterable of Elasticsearch
    documents), and the concepts' weights by those these documents give
    (services/expansion.py); returns how many were stored."""
    from .expansion import store_weights

    rows, concepts = [], []
    for document in documents:
        rows.append(PracticeTokens(page_id=document["page_id"], **tokens_of(document)))
        concepts.append(concepts_of(document))
    with transaction.atomic():
        PracticeTokens.objects.all().delete()
        PracticeTokens.objects.bulk_create(rows, batch_size=500)
        store_weights(concepts)
        from . import statistics

        statistics.rebuild()
    return len(rows)


def languages():
    """Languages of the stored practices (the query is analysed in each), from
    the statistics kept with them (services/statistics.py)."""
    from ..models import FieldStatistic

    return sorted(set(FieldStatistic.objects.values_list("language", flat=True)))
