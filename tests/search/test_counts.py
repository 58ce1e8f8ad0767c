""" "N practices found" counts the practices that match the query's meaning
(floor.py), on every engine, and the count, the facets and the listed results
agree across pages.

The query names a specific concept (Europass) whose related concepts include
a generic one (certificate, which six of the eight practices name). Before the
floor, every practice mentioning a certificate once counted for "Europass" as
a related concept; now only those scoring at least 4 % (floor.SHARE) of one
mention of the query's own term do: the Europass practice, and the one about learning
mobility (a specific related concept), not the certificate ones.

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess (as
test_engines.py)."""

import pytest

from search.services.query import SearchRequest

from .conftest import facet_counts, store_tokens
from .sqlite_run import on_sqlite

pytestmark = pytest.mark.django_db

EUROPASS = "Europass CVs for young jobseekers"
MOBILITY = "Erasmus learning mobility for apprentice cooks"
CERTIFICATES = [
    ("Bakers in the old town", "Young bakers earn a certificate after a year."),
    ("Roofers on the hills", "Roofers train on site and earn a certificate."),
    ("Florists on the market", "Florists learn to bind flowers; a certificate."),
    ("Hairdressers in the village", "A certificate for hairdressers who train."),
    ("Plumbers and heat pumps", "Plumbers install heat pumps; a certificate."),
    ("Welders in the shipyard", "Welders are certified after the course."),
]
COUNTRIES = ["IE", "AT", "FR", "IE", "AT", "FR", "IE", "AT"]


@pytest.fixture
def collection(make_practice):
    specs = [
        (EUROPASS, "Jobseekers write their Europass CV with a counsellor."),
        (MOBILITY, "Apprentice cooks spend a month abroad in a partner kitchen."),
        *CERTIFICATES,
    ]
    made = [
        make_practice(title, summary=summary, content_language="en", country=country)
        for (title, summary), country in zip(specs, COUNTRIES, strict=True)
    ]
    store_tokens()
    return {page.pk: page for page in made}


def check_counts_the_meaning(engine, collection):
    results = engine.search(SearchRequest(q="Europass"))
    titles = [collection[hit.page_id].title for hit in results.hits]
    assert titles[0] == EUROPASS
    assert set(titles) == {EUROPASS, MOBILITY}
    assert results.total == 2
    # Alone, the generic concept still finds every practice naming it.
    named = engine.search(SearchRequest(q="certificate", per_page=20))
    found = {collection[hit.page_id].title for hit in named.hits}
    assert {title for title, _summary in CERTIFICATES} <= found
    assert named.total == len(found)


def check_pages_agree(engine, collection):
    """Two practices a page: the pages list exactly "N practices found"
    practices, each once, and each facet counts them (every one has one
    language and one country)."""
    for q in ("Europass", "certificate", "Europass certificate"):
        first = engine.search(SearchRequest(q=q, per_page=2))
        listed = []
        for page in range(1, first.num_pages + 1):
            listed += [
                hit.page_id
                for hit in engine.search(SearchRequest(q=q, page=page, per_page=2)).hits
            ]
        assert len(listed) == len(set(listed)) == first.total, q
        countries = {}
        for page_id in listed:
            country = str(collection[page_id].country)
            countries[country] = countries.get(country, 0) + 1
        assert facet_counts(first, "country") == countries, q
        assert facet_counts(first, "language") == {"en": first.total}, q


def test_every_engine_counts_the_meaning(search_engine, collection):
    engine = search_engine()
    check_counts_the_meaning(engine, collection)
    check_pages_agree(engine, collection)


def test_database_engine_results_page_agrees(settings, client, collection):
    settings.ELASTICSEARCH_URL = None
    html = client.get("/en/search/", {"q": "Europass"}, follow=True).content.decode()
    assert "2 practices found" in html
    assert "Bakers in the old town" not in html


def check_saved_search(collection):
    """A saved "Europass" search is told about the Europass practice, not about
    a practice its count leaves out."""
    from search.services.query.saved import matching

    europass, bakers = (
        next(pk for pk, page in collection.items() if page.title == title)
        for title in (EUROPASS, CERTIFICATES[0][0])
    )
    assert matching(europass, ["q=Europass"]) == {"q=Europass"}
    assert matching(bakers, ["q=Europass"]) == set()
    assert matching(bakers, ["q=certificate"]) == {"q=certificate"}


def test_every_engine_saved_search_follows_the_count(search_engine, collection):
    search_engine()
    check_saved_search(collection)


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine_counts = on_sqlite(__file__, "database_engine", passed=3)
