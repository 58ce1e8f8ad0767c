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
from search.services.query import SearchRequest

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
def practices(stored_practices):
    return stored_practices(PRACTICES, key="slug")


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


def test_every_engine_ranks_the_guess_and_its_neighbour_first(search_engine, practices):
    _check(search_engine(), practices)


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine = on_sqlite(__file__, "database_engine", passed=1)
