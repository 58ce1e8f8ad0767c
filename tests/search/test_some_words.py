"""A query no practice holds enough words of shows the practices holding some
of them, best first, on every engine, and the results page says so
(request.any_word_retry). Before, PostgreSQL and SQLite answered such a query
with nothing and Elasticsearch with the partial matches and no word about it.

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess (as
test_engines.py)."""

import pytest

from search.services.query import SearchRequest

from .sqlite_run import on_sqlite

pytestmark = pytest.mark.django_db

# Words no thesaurus term holds, nor names by its first letters: each is a
# unit of its own, two of the four are needed, and three of them in one
# field for the words to score. Each practice holds one.
QUERY = "falconry taxidermy origami calligraphy"
NOTICE = "No practice matches all your words: these match some of them."

PRACTICES = [
    {
        "title": "Falconry on rural estates",
        "summary": "Young falconers learn falconry from the estates' falconers.",
        "content_language": "en",
        "country": "IE",
    },
    {
        "title": "Courses for museum staff",
        "summary": "A short course on taxidermy for the staff of natural history "
        "museums.",
        "content_language": "en",
        "country": "AT",
    },
    {
        "title": "Bakers in the old town",
        "summary": "Young bakers learn sourdough baking.",
        "content_language": "en",
        "country": "FR",
    },
]


@pytest.fixture
def partial(stored_practices):
    return stored_practices(PRACTICES)


def titles(results, partial):
    return [partial[hit.page_id] for hit in results.hits]


def check_best_partial_matches(engine, partial):
    results = engine.search(SearchRequest(q=QUERY))
    assert titles(results, partial) == [
        "Falconry on rural estates",
        "Courses for museum staff",
    ]
    assert results.total == 2
    assert results.some_words
    # Every word held: the usual answer, no notice.
    enough = engine.search(SearchRequest(q="falconry estates"))
    assert titles(enough, partial) == ["Falconry on rural estates"]
    assert not enough.some_words
    # One word nothing holds: nothing to drop, nothing found.
    assert not engine.search(SearchRequest(q="origami")).hits


def check_page(client):
    html = client.get("/en/search/", {"q": QUERY}, follow=True).content.decode()
    assert NOTICE in html
    assert "Falconry on rural estates" in html
    assert (
        NOTICE
        not in client.get(
            "/en/search/", {"q": "falconry"}, follow=True
        ).content.decode()
    )


def test_every_engine_shows_the_best_partial_matches(search_engine, client, partial):
    check_best_partial_matches(search_engine(), partial)
    check_page(client)


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine_some_words = on_sqlite(__file__, "database_engine", passed=1)
