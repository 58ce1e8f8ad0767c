"""The Elasticsearch analysis our search relies on, on the real server.

The test distribution lacks Elasticsearch's analysis-common module; these
analyzers and filters come from our own plugin (es-plugin/, installed by
scripts/services.sh). Each test checks something a searcher notices: inflected
forms meet, accents do not matter, a word in one language finds its synonym in
another, a prefix suggests the word.
"""

import uuid

import pytest
from django.conf import settings
from elasticsearch import Elasticsearch

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

INDEX_SETTINGS = {
    "analysis": {
        "filter": {
            "it_stop": {"type": "stop", "stopwords": "_italian_"},
            "it_elision": {
                "type": "elision",
                "articles": ["l", "dell", "nell", "un", "all"],
                "articles_case": True,
            },
            "it_stem": {"type": "stemmer", "language": "light_italian"},
            "vet_synonyms": {
                "type": "synonym_graph",
                "synonyms": ["apprenticeship, apprendistato, μαθητεία"],
                "lenient": True,
            },
            "prefixes": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15},
        },
        "analyzer": {
            "it_custom": {
                "type": "italian",
                "stopwords": "_none_",
                "stem_exclusion": ["apprendisti"],
            },
            "it_text": {
                "tokenizer": "standard",
                "filter": ["it_elision", "lowercase", "it_stop", "it_stem"],
            },
            "it_search": {
                "tokenizer": "standard",
                "filter": [
                    "it_elision",
                    "lowercase",
                    "it_stop",
                    "vet_synonyms",
                    "it_stem",
                ],
            },
            "folded": {
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding"],
            },
            "suggest": {
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding", "prefixes"],
            },
        },
    }
}

MAPPINGS = {
    "properties": {
        "body": {
            "type": "text",
            "analyzer": "it_text",
            "search_analyzer": "it_search",
        },
        "title_folded": {"type": "text", "analyzer": "folded"},
        "title_suggest": {
            "type": "text",
            "analyzer": "suggest",
            "search_analyzer": "folded",
        },
    }
}

DOCS = {
    "it": {
        "body": "Un modello di apprendistato duale nelle botteghe artigiane",
        "title_folded": "Apprendistato duale",
        "title_suggest": "Apprendistato duale",
    },
    "ca": {
        "body": "Pastisseria artesana",
        "title_folded": "Formació dual en pastisseria",
        "title_suggest": "Formació dual en pastisseria",
    },
}


@pytest.fixture(scope="module")
def es():
    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)


@pytest.fixture(scope="module")
def index(es):
    name = f"test_es_analysis_{uuid.uuid4().hex[:10]}"
    es.indices.create(index=name, settings=INDEX_SETTINGS, mappings=MAPPINGS)
    for doc_id, doc in DOCS.items():
        es.index(index=name, id=doc_id, document=doc)
    es.indices.refresh(index=name)
    yield name
    es.indices.delete(index=name, ignore_unavailable=True)


def tokens(es, text, **analysis):
    return [t["token"] for t in es.indices.analyze(text=text, **analysis)["tokens"]]


def hits(es, index, field, query):
    found = es.search(index=index, query={"match": {field: query}})
    return sorted(hit["_id"] for hit in found["hits"]["hits"])


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
    for analyzer in EU_ANALYZERS:
        assert tokens(es, "Training", analyzer=analyzer), analyzer


def test_language_analyzer_parameters_are_honoured(es, index):
    # stopwords: _none_ keeps "il"; stem_exclusion leaves "apprendisti" whole.
    text = "il corso per apprendisti"
    default = tokens(es, text, analyzer="italian")
    assert default == [default[0], "apprendist"]
    custom = tokens(es, text, index=index, analyzer="it_custom")
    assert custom == ["il", default[0], "per", "apprendisti"]


def test_asciifolding_lets_unaccented_queries_find_accented_titles(es, index):
    assert tokens(
        es, "formació", tokenizer="standard", filter=["lowercase", "asciifolding"]
    ) == ["formacio"]
    assert hits(es, index, "title_folded", "formacio") == ["ca"]
    assert hits(es, index, "title_folded", "FORMACIÓ") == ["ca"]


def test_synonyms_in_any_language_find_the_italian_practice(es, index):
    assert hits(es, index, "body", "apprendistato") == ["it"]
    assert hits(es, index, "body", "apprenticeship") == ["it"]
    assert hits(es, index, "body", "μαθητεία") == ["it"]
    assert hits(es, index, "body", "pasticceria") == []


def test_synonym_rules_go_through_the_chain_before_the_filter(es, index):
    # "L'Apprendistato" is elided and lowercased before the synonym lookup.
    expanded = tokens(es, "L'Apprendistato", index=index, analyzer="it_search")
    assert "apprenticeship" in expanded and "μαθητεία" in expanded


def test_edge_ngrams_suggest_from_a_prefix(es, index):
    assert hits(es, index, "title_suggest", "appr") == ["it"]
    assert hits(es, index, "title_suggest", "formac") == ["ca"]
    assert hits(es, index, "title_suggest", "xyz") == []


def test_edge_ngram_tokenizer_splits_on_non_token_chars(es):
    edge = {
        "type": "edge_ngram",
        "min_gram": 2,
        "max_gram": 4,
        "token_chars": ["letter"],
    }
    assert tokens(es, "VET-net", tokenizer=edge) == ["VE", "VET", "ne", "net"]
