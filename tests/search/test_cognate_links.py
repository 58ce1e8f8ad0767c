"""A word the thesaurus does not know names a concept by its first letters
(thesaurus.cognate_concepts: French "apprentissage" is apprenticeship); that
concept's narrower concepts now count too, at a lower weight
(services/expansion.py, ``COGNATE_LINKS``), as a named concept's do. Before, a
guessed concept was not linked further: a Spanish practice about degree
apprenticeships (a dual study programme, narrower than apprenticeship) ranked
under an Italian one naming apprenticeship alone, in a shorter concept field.

PostgreSQL and Elasticsearch in this run; SQLite (the embedded default) by
running the database-engine tests again in a subprocess (sqlite_run.py).
"""

import pytest

from search import thesaurus
from search.services import expansion
from search.services.query import DatabaseSearch, ElasticsearchSearch, SearchRequest

from .conftest import store_tokens
from .sqlite_run import on_sqlite

UNKNOWN = "apprentissage"
PRACTICES = [
    {
        "slug": "it-apprendistato",
        "title": "Apprendistato in officina",
        "summary": "Un corso di apprendistato.",
        "content_language": "it",
        "country": "IT",
    },
    {
        "slug": "es-grado-dual",
        "title": "Aprendices en un grado dual",
        "summary": "Aprendices en un grado dual.",
        "content_language": "es",
        "country": "ES",
    },
]


@pytest.fixture
def practices(make_practice):
    made = {spec["slug"]: make_practice(**spec) for spec in PRACTICES}
    store_tokens()
    return {page.pk: slug for slug, page in made.items()}


def test_the_word_is_a_guess_whose_concept_is_linked():
    assert not thesaurus.is_known_word(UNKNOWN)
    assert thesaurus.cognate_concepts(UNKNOWN) == ["apprenticeship"]
    narrower = expansion.links()["apprenticeship"]["narrower"]
    assert "dual study programme" in narrower
    assert "dual study programme" in thesaurus.concepts_in(PRACTICES[1]["title"])
    assert "dual study programme" not in thesaurus.concepts_in(PRACTICES[0]["title"])


def _check(engine, practices):
    found = [
        practices[hit.page_id] for hit in engine.search(SearchRequest(q=UNKNOWN)).hits
    ]
    assert found == ["es-grado-dual", "it-apprendistato"]


@pytest.mark.django_db
def test_database_engine_ranks_the_guess_and_its_neighbour_first(settings, practices):
    """PostgreSQL in this run, SQLite in test_sqlite_engine's subprocess."""
    settings.ELASTICSEARCH_URL = None
    _check(DatabaseSearch(), practices)


@pytest.mark.django_db
@pytest.mark.elasticsearch
def test_elasticsearch_ranks_the_guess_and_its_neighbour_first(es_index, practices):
    from search.services.indexing import lifecycle

    lifecycle.rebuild()
    _check(ElasticsearchSearch(cache=False), practices)


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine = on_sqlite(__file__, "database_engine", passed=1)
