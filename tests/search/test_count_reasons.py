"""Why a judged practice is outside "N practices found": the evaluation's
``--counts`` report names, for each relevant practice a query's count leaves
out, the rule that left it out (fulltext.left_out), so that the held-out sets'
figures say whether the count rule or the query's reach is at fault without
anyone reading their queries (search/eval/README.md, "Result counts
(fourteenth session)").

"career guidance young people": a trade's practice whose learners (a concept
related to young people) train on site holds one of the two concepts only
through that neighbour, in its text: the partial rule leaves it out. The
welders' practice holds no word and no concept of the query: not reached.

PostgreSQL in this run, SQLite in the shared subprocess
(tests/search/sqlite_run.py); the reasons are the database engine's, which
counts as Elasticsearch does."""

import pytest

from search.evaluation import count_quality
from search.services.query import DatabaseSearch

from .sqlite_run import on_sqlite

pytestmark = pytest.mark.django_db

SPECS = [
    (
        "youth",
        "Career guidance for young people leaving school",
        "Counsellors give young people career guidance.",
    ),
    (
        "adults",
        "Career guidance for adults returning to work",
        "Counsellors offer career guidance to adults seeking work.",
    ),
    (
        "europass",
        "Europass CVs for young jobseekers",
        "Jobseekers write their Europass CV with a counsellor.",
    ),
    ("bakers", "Bakers in the old town", "Learners bake bread with a master baker."),
    ("roofers", "Roofers on the hills", "Learners train on site with the roofers."),
    ("glaziers", "Glaziers in the valley", "Glaziers earn a certificate after a year."),
    ("florists", "Florists on the market", "Florists bind flowers; a certificate."),
    ("welders", "Welders in the shipyard", "Welders weld hulls in the shipyard."),
]


@pytest.fixture
def collection(make_practice):
    from .conftest import store_tokens

    for slug, title, summary in SPECS:
        make_practice(title, slug=slug, summary=summary, content_language="en")
    store_tokens()


def test_database_engine_says_why_judged_practices_are_outside(settings, collection):
    settings.ELASTICSEARCH_URL = None
    queries = [
        {
            "q": "career guidance young people",
            "language": "en",
            "relevant": {"youth": 3, "adults": 2, "bakers": 1, "welders": 1},
        },
    ]
    found = count_quality(DatabaseSearch(), queries, len(SPECS))
    assert found.outside == 2
    assert sorted(found.left_out) == [
        ("career guidance young people", "bakers", 1, "partial rule"),
        ("career guidance young people", "welders", 1, "not reached"),
    ]
    assert found.reasons == {"partial rule": 1, "not reached": 1}


test_sqlite_engine_count_reasons = on_sqlite(__file__, "database_engine", passed=1)
