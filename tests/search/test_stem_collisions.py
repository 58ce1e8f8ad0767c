"""A query is analysed with every thesaurus language's chain, and a stemmer
makes unrelated words meet (search/stemguard.py): English "of" through the
Catalan chain is the stem of "ofici" (craft), the Catalan chain cuts
"formació" (training) and "formador" (trainer) alike (not caught: see
search/stemguard.py), the Dutch one strips "ge-" ("geslaagd", passed, stems
like "slagerij", butcher's). Each caught class is checked in the thesaurus
lookup and in what every engine finds: an English query holding "of" no
longer finds a Catalan craft practice, a Dutch "geslaagd" no butcher's.

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess (as
test_mixed_words.py)."""

import pytest

from search import collisions, thesaurus
from search.services.query import DatabaseSearch, SearchRequest

from .conftest import indexed_engine
from .sqlite_run import on_sqlite


def test_a_function_word_of_one_language_names_no_concept_through_another():
    assert "craft" in collisions.named("of", "ca", rules=False)
    assert collisions.named("of", "ca") == set()
    assert "craft" not in thesaurus.concepts_in("mentoring of apprentices")
    # A Catalan word the Catalan terms hold still names its concept.
    assert thesaurus.concepts_in("oficis") == ["craft"]


def test_a_word_written_like_a_term_of_another_language_still_names_it():
    # Italian "formatori" is written like the Catalan "formador".
    assert "vet trainer" in thesaurus.concepts_in("formatori")
    assert "young people" in thesaurus.concepts_in("joves")
    assert "drones" in thesaurus.concepts_in("drone")


def test_a_prefix_the_stemmer_cut_is_no_match_with_another_word():
    # Dutch "geslaagd" (passed) and "slagerij" (butcher's) both stem to "slaag".
    assert "butchery" not in thesaurus.concepts_in("geslaagd")
    assert "butchery" in thesaurus.concepts_in("slagerij")
    # A participle of the term's own stem still names it.
    assert "simulation and virtual reality" in thesaurus.concepts_in("gesimuleerde")


PRACTICES = [
    {
        "title": "Oficis artesans de la ceràmica",
        "summary": "Tallers oberts de ceràmica i vidre bufat als pobles de la costa.",
        "content_language": "ca",
        "country": "ES",
    },
    {
        "title": "Butchery apprentices at the covered market",
        "summary": "Young butchers learn to cut and cure meat in market stalls.",
        "content_language": "en",
        "country": "IE",
    },
    {
        "title": "Mentoring apprentices in small firms",
        "summary": "Experienced staff mentor apprentices through their first year.",
        "content_language": "en",
        "country": "IE",
    },
    {
        "title": "Trainers of trainers in hospitality",
        "summary": "In-company trainers learn to coach new staff.",
        "content_language": "en",
        "country": "MT",
    },
]


@pytest.fixture
def collided(stored_practices):
    return stored_practices(PRACTICES)


def titles(engine, q, collided):
    return {collided[hit.page_id] for hit in engine.search(SearchRequest(q=q)).hits}


def check_no_collisions(engine, collided):
    # Before: "of" named craft through the Catalan chain, so the ceramics
    # workshops were an answer to an English query about mentoring.
    found = titles(engine, "mentoring of apprentices", collided)
    assert "Mentoring apprentices in small firms" in found
    assert "Oficis artesans de la ceràmica" not in found
    # Before: Dutch "geslaagd" (passed) named butchery through "slagerij".
    assert titles(engine, "geslaagd", collided) == set()
    assert "Butchery apprentices at the covered market" in titles(
        engine, "slagerij", collided
    )


@pytest.mark.django_db
def test_database_engine_no_collisions(settings, collided):
    """PostgreSQL in this run, SQLite in test_sqlite_engine_collisions's
    subprocess."""
    settings.ELASTICSEARCH_URL = None
    check_no_collisions(DatabaseSearch(), collided)


@pytest.mark.django_db
@pytest.mark.elasticsearch
def test_elasticsearch_no_collisions(es_index, collided):
    check_no_collisions(indexed_engine(), collided)


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine_collisions = on_sqlite(__file__, "database_engine", passed=1)
