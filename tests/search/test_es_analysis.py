"""The Elasticsearch analysis our indices use, on the real server.

The test distribution lacks Elasticsearch's analysis-common module; the language
analyzers, ``asciifolding`` and ``word_delimiter_graph`` our index settings name
come from our stand-in plugin (es-plugin/, installed by scripts/services.sh).
The indices here are built from the application's own index bodies
(``search/documents.py``). Each test checks something a searcher notices:
inflected forms meet, accents do not matter, a prefix suggests a title, a word
after an apostrophe finds an organisation.
"""

import uuid

import pytest
from django.conf import settings
from elasticsearch import BadRequestError, Elasticsearch

from search.documents import (
    ES_ANALYZERS,
    directory_index_body,
    practice_index_body,
)
from search.services.indexing.practice_documents import build_document

pytestmark = pytest.mark.elasticsearch

# Every EU language Elasticsearch has a built-in analyzer for (plus Catalan,
# Galician and Basque, official in Spain).
EU_ANALYZERS = [
    "bulgarian",
    "czech",
    "danish",
    "dutch",
    "english",
    "estonian",
    "finnish",
    "french",
    "german",
    "greek",
    "hungarian",
    "irish",
    "italian",
    "latvian",
    "lithuanian",
    "portuguese",
    "romanian",
    "spanish",
    "swedish",
    "catalan",
    "galician",
    "basque",
]

PRACTICES = [
    build_document(
        page_id=1,
        title="Apprendistato duale",
        summary="Un modello di apprendistato duale nelle botteghe artigiane",
        body="",
        language="it",
    ),
    build_document(
        page_id=2,
        title="Formació dual en pastisseria",
        summary="Pastisseria artesana",
        body="",
        language="ca",
    ),
]

DIRECTORY = {
    "cna": {
        "kind": "organisation",
        "object_id": 1,
        "title": "Confederazione Nazionale dell'Artigianato",
        "text": "Roma",
    },
    "gremi": {
        "kind": "organisation",
        "object_id": 2,
        "title": "Gremi de Formació Artesana",
        "text": "Barcelona",
    },
}


@pytest.fixture(scope="module")
def es():
    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)


def _create(es, body, documents):
    name = f"test_es_analysis_{uuid.uuid4().hex[:10]}"
    es.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])
    for doc_id, document in documents.items():
        es.index(index=name, id=doc_id, document=document)
    es.indices.refresh(index=name)
    return name


@pytest.fixture(scope="module")
def practices(es):
    name = _create(es, practice_index_body(), {d["page_id"]: d for d in PRACTICES})
    yield name
    es.indices.delete(index=name, ignore_unavailable=True)


@pytest.fixture(scope="module")
def directory(es):
    name = _create(es, directory_index_body(), DIRECTORY)
    yield name
    es.indices.delete(index=name, ignore_unavailable=True)


def tokens(es, text, **analysis):
    return [t["token"] for t in es.indices.analyze(text=text, **analysis)["tokens"]]


def hits(es, index, field, query):
    found = es.search(index=index, query={"match": {field: query}})
    return sorted(str(hit["_id"]) for hit in found["hits"]["hits"])


def test_greek_inflections_case_and_accents_share_one_stem(es):
    stems = tokens(es, "μαθητείας μαθητεία ΜΑΘΗΤΕΊΑ μαθητεια και", analyzer="greek")
    assert len(stems) == 4  # "και" is a stop word
    assert len(set(stems)) == 1


def test_italian_analyzer_stems_and_drops_articles(es):
    assert tokens(es, "apprendista", analyzer="italian") == tokens(
        es, "apprendisti", analyzer="italian"
    )
    assert tokens(es, "l'apprendistato nelle", analyzer="italian") == tokens(
        es, "apprendistato", analyzer="italian"
    )


def test_catalan_elision_and_plural_meet_the_singular(es):
    singular = tokens(es, "aprenentatge", analyzer="catalan")
    assert tokens(es, "l'aprenentatge", analyzer="catalan") == singular
    assert tokens(es, "aprenentatges", analyzer="catalan") == singular


def test_other_languages_use_their_own_stemmer(es):
    for analyzer, forms in {
        "spanish": ("formación", "formaciones"),
        "german": ("Ausbildung", "Ausbildungen"),
        "dutch": ("vaardigheid", "vaardigheden"),
        "english": ("apprenticeship", "apprenticeships"),
    }.items():
        a, b = (tokens(es, form, analyzer=analyzer) for form in forms)
        assert a == b, analyzer


def test_every_eu_language_analyzer_exists_and_stems(es):
    assert sorted(EU_ANALYZERS) == sorted(ES_ANALYZERS.values())
    for analyzer in EU_ANALYZERS:
        assert tokens(es, "Training", analyzer=analyzer), analyzer


def test_an_inflected_query_finds_the_practice_in_its_language(es, practices):
    assert hits(es, practices, "text_it", "modelli") == ["1"]
    assert hits(es, practices, "text_ca", "pastisseries") == ["2"]
    assert hits(es, practices, "text_it", "pastisseries") == []


def test_parameters_the_stand_in_lacks_are_refused_not_ignored(es):
    # A production cluster honours stopwords; silently ignoring it here would
    # let tests pass on an index that behaves differently there.
    with pytest.raises(BadRequestError, match="not implemented by vetnet-analysis"):
        es.indices.create(
            index=f"test_es_analysis_{uuid.uuid4().hex[:10]}",
            settings={
                "analysis": {
                    "analyzer": {"it": {"type": "italian", "stopwords": "_none_"}}
                }
            },
        )


def test_asciifolding_lets_unaccented_queries_find_accented_titles(es, practices):
    assert tokens(
        es, "formació", tokenizer="standard", filter=["lowercase", "asciifolding"]
    ) == ["formacio"]
    assert hits(es, practices, "folded_title", "formacio") == ["2"]
    assert hits(es, practices, "folded_title", "FORMACIÓ") == ["2"]


def test_a_prefix_without_accents_suggests_the_title(es, practices):
    def suggested(prefix):
        found = es.search(
            index=practices,
            suggest={"titles": {"prefix": prefix, "completion": {"field": "suggest"}}},
        )
        return [o["text"] for o in found["suggest"]["titles"][0]["options"]]

    assert suggested("appr") == ["Apprendistato duale"]
    assert suggested("formacio d") == ["Formació dual en pastisseria"]
    assert suggested("xyz") == []


def test_directory_splits_words_at_apostrophes(es, directory):
    assert tokens(
        es, "Nazionale dell'Artigianato", index=directory, analyzer="directory_words"
    ) == ["nazionale", "dell", "artigianato"]
    assert hits(es, directory, "title", "artigianato") == ["cna"]
    assert hits(es, directory, "title.folded", "formacio") == ["gremi"]
    assert hits(es, directory, "title", "formacio") == []
