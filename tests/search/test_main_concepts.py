""" "N practices found" for "career guidance young people" counts a practice
holding only one of the two concepts when that concept is something it is
about, not when it only passes by it (floor.partial_rule), on every engine, in
the count, the facets and the saved searches.

Three practices about trades (in Austria) each mention young people once, in
passing: a bakery that also welcomes young people on open days. Young people is
a concept many practices name (a third or more of them here), so a single
mention in a practice about bread says nothing of the query: they were counted
("6 practices found", Austria 3 in the country facet) and are no longer. A
practice about job fairs (a narrower concept of career guidance) whose title
names neither concept was left out, though job fairs are what its text is
about (three of its four concept mentions): it is counted now. The practices
about career guidance are counted as before. Asked for alone, young people
still finds the trades.

PostgreSQL and Elasticsearch in this run, SQLite in the shared subprocess
(tests/search/sqlite_run.py)."""

import pytest

from search.services.query import SearchRequest

from .conftest import facet_counts
from .sqlite_run import on_sqlite

pytestmark = pytest.mark.django_db

QUERY = "career guidance young people"
YOUTH = "Career guidance for young people leaving school"
ADULTS = "Career guidance for adults returning to work"
FAIRS = "A spring week at the town hall"
PASSING = [
    (
        "Bakers in the old town",
        "Master bakers teach bread making and hygiene; the bakery also welcomes"
        " young people on open days.",
    ),
    (
        "Roofers on the hills",
        "Roofers learn slate work on steep roofs; the firm also hires young"
        " people in summer.",
    ),
    (
        "Glaziers in the valley",
        "Glaziers cut and fit glass for the village windows; young people may"
        " watch them at work.",
    ),
]


@pytest.fixture
def collection(stored_practices):
    specs = [
        (YOUTH, "Counsellors give young people career guidance.", "IE"),
        (ADULTS, "Counsellors offer career guidance to adults seeking work.", "IE"),
        (
            FAIRS,
            "Job fairs bring local employers to the town hall. At the job fairs,"
            " visitors try a trade for an hour. The job fairs run every spring.",
            "FR",
        ),
        *((title, summary, "AT") for title, summary in PASSING),
        ("Welders in the shipyard", "Welders are certified after the course.", "FR"),
        (
            "Painters in the workshop",
            "Painters mix colours for the church doors.",
            "FR",
        ),
    ]
    return stored_practices(
        [
            {"title": title, "summary": summary, "content_language": "en", "country": c}
            for title, summary, c in specs
        ]
    )


def check_counts_what_the_query_is_about(engine, collection):
    results = engine.search(SearchRequest(q=QUERY, per_page=20))
    titles = [collection[hit.page_id] for hit in results.hits]
    assert titles[0] == YOUTH
    assert set(titles) == {YOUTH, ADULTS, FAIRS}
    assert results.total == 3
    assert facet_counts(results, "country") == {"IE": 2, "FR": 1}
    # Alone, young people is what the query asks for: the trades are found.
    young = engine.search(SearchRequest(q="young people", per_page=20))
    found = {collection[hit.page_id] for hit in young.hits}
    assert {title for title, _summary in PASSING} <= found
    assert facet_counts(young, "country")["AT"] == len(PASSING)


def test_every_engine_counts_what_the_query_is_about(search_engine, collection):
    check_counts_what_the_query_is_about(search_engine(), collection)


def test_database_engine_results_page_counts_what_the_query_is_about(
    settings, client, collection
):
    settings.ELASTICSEARCH_URL = None
    html = client.get("/en/search/", {"q": QUERY}, follow=True).content.decode()
    assert "3 practices found" in html
    assert FAIRS in html
    assert "Bakers in the old town" not in html


def check_saved_search(collection):
    """A saved search is told about what its count holds."""
    from search.services.query.saved import matching

    pk = {title: page_id for page_id, title in collection.items()}
    saved = "q=career+guidance+young+people"
    assert matching(pk[FAIRS], [saved]) == {saved}
    assert matching(pk["Bakers in the old town"], [saved]) == set()


def test_every_engine_saved_search_counts_what_the_query_is_about(
    search_engine, collection
):
    search_engine()
    check_saved_search(collection)


test_sqlite_engine_main_concepts = on_sqlite(__file__, "database_engine", passed=3)
