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
from search.services.query import SearchRequest

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
def practices(stored_practices):
    return stored_practices(PRACTICES, key="slug")


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


def test_every_engine_ranks_the_completed_term_first(search_engine, practices):
    _check(search_engine(), practices)


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine = on_sqlite(__file__, "database_engine", passed=1)
