""" "N practices found" for a query naming two concepts leaves out a practice
that shares only a neighbour of one of them, mentioned in its text
(floor.partial_rule), on every engine, in the count and in the facets.

"career guidance young people" names career guidance and young people; a
practice needs one of the two (expansion.units_needed). Six practices about
trades (in Austria) say that their learners train on site: a learner is
related to young people, so each held the query's "young people" through that
link and was counted, with the practices about career guidance (in Ireland):
"8 practices found", Austria 6 in the country facet. Now a practice holding
only one of the two counts when it names a query concept itself (the practice
about adults' career guidance) or names one of them or a linked one in its
title (the florists' practice titled with its learners); the trades that only
mention learners are left out. Asked for alone, learners still find them, and
so does the query narrowed to Austria, where no practice names its concepts
(the rule applies only when it leaves something).

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
TITLED = "Learners on the flower market"
TRADES = [
    ("Bakers in the old town", "Learners bake bread with a master baker."),
    ("Roofers on the hills", "Learners train on site with the roofers."),
    ("Glaziers in the valley", "Learners cut glass for the village windows."),
    ("Hairdressers in the village", "Learners cut hair in the village salon."),
    ("Plumbers and heat pumps", "Learners install heat pumps with plumbers."),
    ("Painters in the workshop", "Learners paint doors in the workshop."),
]


@pytest.fixture
def collection(stored_practices):
    specs = [
        (YOUTH, "Counsellors give young people career guidance.", "IE"),
        (ADULTS, "Counsellors offer career guidance to adults seeking work.", "IE"),
        (TITLED, "Florists bind flowers for the market stall.", "FR"),
        *((title, summary, "AT") for title, summary in TRADES),
        ("Welders in the shipyard", "Welders are certified after the course.", "FR"),
    ]
    return stored_practices(
        [
            {"title": title, "summary": summary, "content_language": "en", "country": c}
            for title, summary, c in specs
        ]
    )


def check_counts_the_query(engine, collection):
    results = engine.search(SearchRequest(q=QUERY, per_page=20))
    titles = [collection[hit.page_id] for hit in results.hits]
    assert titles[0] == YOUTH
    assert set(titles) == {YOUTH, ADULTS, TITLED}
    assert results.total == 3
    assert facet_counts(results, "country") == {"IE": 2, "FR": 1}
    assert facet_counts(results, "language") == {"en": 3}
    # Alone, the trades' learners are what the query asks for.
    learners = engine.search(SearchRequest(q="learners", per_page=20))
    found = {collection[hit.page_id] for hit in learners.hits}
    assert {title for title, _summary in TRADES} <= found
    assert facet_counts(learners, "country")["AT"] == len(TRADES)
    # Where no practice names the query's concepts (none in Austria), those
    # holding their neighbours are listed rather than nothing.
    austria = engine.search(
        SearchRequest(q=QUERY, filters={"country": ["AT"]}, per_page=20)
    )
    listed = {collection[hit.page_id] for hit in austria.hits}
    assert "Bakers in the old town" in listed
    assert listed <= {title for title, _summary in TRADES}
    assert austria.total == len(listed)
    assert not austria.some_words
    # A practice searched by its own title comes first and is counted.
    own = engine.search(SearchRequest(q=ADULTS, per_page=20))
    assert collection[own.hits[0].page_id] == ADULTS
    assert own.total == len(own.hits)


def test_every_engine_counts_the_query(search_engine, collection):
    check_counts_the_query(search_engine(), collection)


def test_database_engine_results_page_counts_the_query(settings, client, collection):
    settings.ELASTICSEARCH_URL = None
    html = client.get("/en/search/", {"q": QUERY}, follow=True).content.decode()
    assert "3 practices found" in html
    assert "Bakers in the old town" not in html


def check_saved_search(collection):
    """A saved search is told about what its count holds, not a trade's."""
    from search.services.query.saved import matching

    pk = {title: page_id for page_id, title in collection.items()}
    saved = "q=career+guidance+young+people"
    assert matching(pk[ADULTS], [saved]) == {saved}
    assert matching(pk[TITLED], [saved]) == {saved}
    assert matching(pk["Bakers in the old town"], [saved]) == set()


def test_every_engine_saved_search_counts_the_query(search_engine, collection):
    search_engine()
    check_saved_search(collection)


test_sqlite_engine_partial_counts = on_sqlite(__file__, "database_engine", passed=3)
