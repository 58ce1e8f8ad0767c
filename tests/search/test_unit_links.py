"""A query naming two concepts ranks a practice naming both above one naming
only the first, however many of that concept's neighbours it names, on every
engine (expansion.unit_groups): the concepts standing for one of the query's
concepts count as a dis_max, not a sum. Before, a text listing trades of the
building industry (bricklaying, roofing, tiling: narrower concepts of
construction) outranked the one text about safety on building sites for
"health and safety construction".

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess (as
test_engines.py)."""

import pytest

from search.services.query import SearchRequest

from .sqlite_run import on_sqlite

pytestmark = pytest.mark.django_db

# Names "occupational safety and health" and "construction" (English words,
# German texts: only the concepts reach them).
QUERY = "health and safety construction"
BOTH = "Lernen im Betrieb"
NEIGHBOURS = "Lernen in der Firma"

PRACTICES = [
    {
        "title": BOTH,
        "summary": "Junge Beschäftigte lernen den Arbeitsschutz im Bau.",
        "content_language": "de",
        "country": "DE",
    },
    {
        "title": NEIGHBOURS,
        "summary": "Maurer, Dachdecker und Fliesenleger lernen im Bau.",
        "content_language": "de",
        "country": "AT",
    },
    {
        "title": "Lernen im Hotel",
        "summary": "Junge Köche lernen in der Hotelküche.",
        "content_language": "de",
        "country": "CH",
    },
]


@pytest.fixture
def building(stored_practices):
    return stored_practices(PRACTICES)


def check_both_concepts_first(engine, building):
    hits = engine.search(SearchRequest(q=QUERY)).hits
    found = [building[hit.page_id] for hit in hits]
    assert found == [BOTH, NEIGHBOURS], [(h.title, h.score) for h in hits]


def test_every_engine_ranks_both_concepts_first(search_engine, building):
    check_both_concepts_first(search_engine(), building)


test_sqlite_engine_unit_links = on_sqlite(__file__, "database_engine", passed=1)
