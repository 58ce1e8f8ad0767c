"""Compounds the multilingual lexicon lacks, translated by their parts
(search/translation.py, "compounds"): a German or Dutch query word made of
lemmas the lexicon has finds the practice in another language that only the
dictionary connects. Before, "Korbflechterausbildung" and
"mandenmakersopleiding" found nothing outside their own language.

PostgreSQL and Elasticsearch in this run; SQLite (the embedded default) by
running the database-engine tests again in a subprocess (sqlite_run.py).
"""

import pytest

from search import thesaurus, translation
from search.services.query import DatabaseSearch, ElasticsearchSearch, SearchRequest

from .conftest import store_tokens
from .sqlite_run import on_sqlite
from .test_translation import BASKET_MAKER, CARPENTER

# The basket maker's and the carpenter's of test_translation.py, and a glazier's.
PRACTICES = [
    BASKET_MAKER,
    {
        "slug": "it-vetraio",
        "title": "Bottega scuola del vetraio",
        "summary": "Un anno in bottega accanto a un vetraio esperto: lastre, "
        "piombo e montaggio di vetrate e specchi.",
        "content_language": "it",
        "country": "IT",
    },
    CARPENTER,
]

# (query, the practice it is about): a basket maker's training in German
# ("Korbflechter" + "Ausbildung") and in Dutch ("mand" + linking "en" +
# "maker" + linking "s" + "opleiding"; the thesaurus knows the last two).
QUERIES = [
    ("Korbflechterausbildung", "it-cestaio"),
    ("mandenmakersopleiding", "it-cestaio"),
]


@pytest.mark.parametrize(("query", "_slug"), QUERIES)
def test_the_word_is_neither_a_lemma_nor_a_thesaurus_word(query, _slug):
    assert translation.translate(query) is None
    assert not thesaurus.is_known_word(query)


def test_a_compound_splits_into_lemmas_with_linking_elements():
    parts = translation.compound_parts("Korbflechterausbildung", "de")
    assert [part for part, _senses in parts] == ["korbflechter", "ausbildung"]
    parts = translation.compound_parts("mandenmakersopleiding", "nl")
    assert [part for part, _senses in parts] == ["mand", "maker", "opleiding"]
    # a derivational suffix is no head: "Freundschaft" is no "Freund" + "Schaft"
    assert translation.compound_parts("Freundschaften", "de") is None
    # too short to be two parts
    assert translation.compound_parts("Korbbau", "de") is None


@pytest.fixture
def practices(make_practice):
    made = {spec["slug"]: make_practice(**spec) for spec in PRACTICES}
    store_tokens()
    return {page.pk: slug for slug, page in made.items()}


def _check(engine, practices):
    for query, slug in QUERIES:
        found = [
            practices[hit.page_id] for hit in engine.search(SearchRequest(q=query)).hits
        ]
        assert found[:1] == [slug], query


@pytest.mark.django_db
def test_database_engine_finds_the_compound_by_its_parts(settings, practices):
    """PostgreSQL in this run, SQLite in test_sqlite_engine's subprocess."""
    settings.ELASTICSEARCH_URL = None
    _check(DatabaseSearch(), practices)


@pytest.mark.django_db
@pytest.mark.elasticsearch
def test_elasticsearch_finds_the_compound_by_its_parts(es_index, practices):
    from search.services.indexing import lifecycle

    lifecycle.rebuild()
    _check(ElasticsearchSearch(cache=False), practices)


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine = on_sqlite(__file__, "database_engine", passed=1)
