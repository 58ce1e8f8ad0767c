"""Word senses the thesaurus gave wrong: "cooperation" read as the
cooperatives of the social economy. What a word names (pure Python, the real
thesaurus), then what a search finds, on every engine (PostgreSQL and
Elasticsearch here, SQLite in sqlite_run's subprocess).
"""

import pytest

from search import thesaurus
from search.services.query import SearchRequest

from .sqlite_run import on_sqlite


def found(engine, q, practices):
    return [practices[hit.page_id] for hit in engine.search(SearchRequest(q=q)).hits]


# --- "cooperation" is no cooperative (synonyms/stems.txt) -------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("cooperation", "en"),
        ("cooperazione", "it"),
        ("cooperación", "es"),
        ("cooperació", "ca"),
    ],
)
def test_cooperation_names_no_social_economy(text, language):
    # before: social economy, the stem "cooper" of "cooperative"
    assert "social_economy" not in thesaurus.concept_tags(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("cooperatives", "en"),
        ("cooperativa", "it"),
        ("cooperativas", "es"),
        ("cooperatives", "ca"),
        ("coöperatie", "nl"),
    ],
)
def test_a_cooperative_still_names_the_social_economy(text, language):
    assert thesaurus.concept_tags(text, language) == ["social_economy"]


def test_transnational_cooperation_keeps_its_concept():
    assert thesaurus.concept_tags("cooperazione transnazionale", "it") == [
        "transnational_cooperation"
    ]


COOPERATION = [
    {
        "slug": "it-cooperative-sociali",
        "title": "Cooperative sociali e inserimento lavorativo",
        "summary": "Le cooperative sociali formano persone svantaggiate in un "
        "laboratorio di falegnameria.",
        "content_language": "it",
        "country": "IT",
    },
    {
        "slug": "it-cooperazione",
        "title": "Cooperazione tra scuole professionali di tre regioni",
        "summary": "Tre scuole professionali scambiano docenti e materiali in "
        "un progetto di cooperazione.",
        "content_language": "it",
        "country": "IT",
    },
]


@pytest.fixture
def cooperation(stored_practices):
    return stored_practices(COOPERATION, key="slug")


def test_every_engine_finds_only_the_cooperatives_for_genossenschaften(
    search_engine, cooperation
):
    # before: the schools' cooperation project too, tagged social economy
    assert found(search_engine(), "Genossenschaften", cooperation) == [
        "it-cooperative-sociali"
    ]


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine = on_sqlite(__file__, "database_engine", passed=1)
