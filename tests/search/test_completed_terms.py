"""A word the thesaurus does not know completes a term of several words when
the term's other words agree with the query's by their first six letters and
it agrees with the last one by its first four (thesaurus.cognate_concepts,
``LOOSE``): Italian "economia circolare", with Italian out of the thesaurus
(as ``eval_search --holdout-language`` reads a query), is the Spanish
"economía circular" ("circol-" and "circul-" part at the fifth letter).
Before, "circolare" named nothing and "economia" (a word of other languages'
terms) no concept alone, so a Spanish practice naming "economía" twice
(the social economy) ranked above the one about the circular economy.

PostgreSQL and Elasticsearch in this run; SQLite (the embedded default) by
running the database-engine tests again in a subprocess (sqlite_run.py).
"""

import pytest

from search import thesaurus
from search.services.query import DatabaseSearch, ElasticsearchSearch, SearchRequest

from .conftest import store_tokens
from .sqlite_run import on_sqlite

QUERY = "economia circolare"
PRACTICES = [
    {
        "slug": "es-economia-social",
        "title": "Economía social: cooperativas de trabajo",
        "summary": "La economía social crea empleo en el barrio.",
        "content_language": "es",
        "country": "ES",
    },
    {
        "slug": "es-economia-circular",
        "title": "Economía circular en la hostelería",
        "summary": "Reparar y reutilizar en los bares.",
        "content_language": "es",
        "country": "ES",
    },
]


@pytest.fixture
def practices(make_practice):
    made = {spec["slug"]: make_practice(**spec) for spec in PRACTICES}
    store_tokens()
    return {page.pk: slug for slug, page in made.items()}


def test_the_unknown_word_completes_the_term():
    with thesaurus.holding_out("it"):
        assert thesaurus.concepts_in(QUERY) == []
        assert thesaurus.cognate_concepts(QUERY) == ["circular economy"]
    # a word the thesaurus knows is never loosened: "mobility" is no "mobile"
    with thesaurus.holding_out("en"):
        found = thesaurus.cognate_concepts("apprentice mobility")
        assert "mobile learning" not in found


def _check(engine, practices):
    with thesaurus.holding_out("it"):
        hits = engine.search(SearchRequest(q=QUERY)).hits
    assert [practices[hit.page_id] for hit in hits][:1] == ["es-economia-circular"]


@pytest.mark.django_db
def test_database_engine_ranks_the_completed_term_first(settings, practices):
    """PostgreSQL in this run, SQLite in test_sqlite_engine's subprocess."""
    settings.ELASTICSEARCH_URL = None
    _check(DatabaseSearch(), practices)


@pytest.mark.django_db
@pytest.mark.elasticsearch
def test_elasticsearch_ranks_the_completed_term_first(es_index, practices):
    from search.services.indexing import lifecycle

    lifecycle.rebuild()
    _check(ElasticsearchSearch(cache=False), practices)


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine = on_sqlite(__file__, "database_engine", passed=1)
