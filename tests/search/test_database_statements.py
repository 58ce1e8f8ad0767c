"""What a database-engine search asks the database, on both engines: a
visitor's next search over the same words (narrowed by a facet, or the next
page) reads nothing of the index again, only what it must (SQLite's ranking
statement, the page of hits), and a practice indexed in between is found all
the same. Each process keeps the index rows and stored tokens it read for one
generation of the index (services/postings.read_kept, query/sqlite.py), which
a commit of stored tokens in any process moves (statistics.index_version): before,
every search read its tokens' postings again on PostgreSQL (a megabyte a search
at 10,000 practices) and, on SQLite, its head's stored tokens and one statement
per unit of the query.

PostgreSQL in this run, SQLite in a subprocess (as test_engines.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.services.query import DatabaseSearch, SearchRequest

from .conftest import store_tokens
from .sqlite_run import on_sqlite

pytestmark = pytest.mark.django_db

# Names "occupational safety and health" and "construction": two units.
QUERY = "health and safety construction"

PRACTICES = [
    {
        "title": "Lernen im Betrieb",
        "summary": "Junge Beschäftigte lernen den Arbeitsschutz im Bau.",
        "content_language": "de",
        "country": "DE",
    },
    {
        "title": "Sicherheit auf der Baustelle",
        "summary": "Arbeitsschutz und Bauarbeiten für Lehrlinge im Bau.",
        "content_language": "de",
        "country": "AT",
    },
    {
        "title": "Safety first on building sites",
        "summary": "Apprentices learn health and safety in construction.",
        "content_language": "en",
        "country": "IE",
    },
]


def _index_statements(queries):
    """The statements that read the search index or the stored tokens."""
    return [
        query["sql"]
        for query in queries
        if "search_" in query["sql"] or "fts" in query["sql"]
    ]


def test_database_engine_next_search_reads_no_index_again(
    settings, stored_practices, make_practice
):
    settings.ELASTICSEARCH_URL = None
    made = stored_practices(PRACTICES)
    engine = DatabaseSearch()
    first = engine.search(SearchRequest(q=QUERY))
    assert {hit.page_id for hit in first.hits} == set(made)

    with CaptureQueriesContext(connection) as narrowed:
        by_country = engine.search(SearchRequest(q=QUERY, filters={"country": ["IE"]}))
    assert [hit.title for hit in by_country.hits] == ["Safety first on building sites"]
    # SQLite ranks with one FTS5 statement per search; PostgreSQL ranks from
    # the rows it read already.
    ranking = 1 if connection.vendor == "sqlite" else 0
    assert len(_index_statements(narrowed.captured_queries)) == ranking, [
        query["sql"][:120] for query in narrowed.captured_queries
    ]
    # The ranking, its titles and the page of hits: no statement per unit,
    # candidate or concept.
    assert len(narrowed.captured_queries) <= ranking + 1

    later = make_practice(
        title="Bauen ohne Unfälle",
        summary="Arbeitsschutz für Auszubildende auf dem Bau.",
        content_language="de",
        country="DE",
    )
    store_tokens()
    again = engine.search(SearchRequest(q=QUERY))
    assert later.pk in {hit.page_id for hit in again.hits}
    assert again.total == first.total + 1


def test_committed_tokens_move_the_index_version(
    stored_practices, django_capture_on_commit_callbacks
):
    """The other processes (the site's workers, while the task worker
    indexes) read the index rows they keep again as soon as a practice's
    tokens are committed, not a minute later when their statistics are."""
    from search.services import statistics
    from search.services.query import candidates

    before = candidates.index_version()
    with candidates.one_version():
        with django_capture_on_commit_callbacks(execute=True):
            stored_practices(PRACTICES[:1])
        assert candidates.index_version() == before  # one version per search
    assert statistics.index_version() != before


def test_a_flushed_index_version_never_comes_back():
    """A flushed cache restarts the index version above its old values (as
    the content version does): the index rows a process kept before the flush
    are never taken for current, the search shows what is indexed now."""
    from django.core.cache import cache

    from search.services import statistics

    statistics._bump_index_version()  # tokens committed: the counter exists
    before = statistics.index_version()
    cache.delete(statistics.INDEX_VERSION)
    assert statistics.index_version() > before


test_sqlite_engine_statements = on_sqlite(__file__, "database_engine", passed=1)


def _postings_statements(queries):
    return [query["sql"] for query in queries if "tokenpostings" in query["sql"]]


def test_quiet_index_keeps_its_postings_past_the_statistics_reread(
    settings, monkeypatch, stored_practices, make_practice
):
    """The statistics are read again once a minute (scoring.STATS_TTL, here at
    every search): a re-read of the same statistics keeps the postings rows
    this process read (before, each re-read started a generation, and every
    worker read its searches' postings again every minute on a quiet index);
    another process's commit (the index's version) or one here reads them
    again at once."""
    from search.services import statistics
    from search.services.query import scoring

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's postings rows")
    settings.ELASTICSEARCH_URL = None
    monkeypatch.setattr(scoring, "STATS_TTL", 0)
    made = stored_practices(PRACTICES)
    engine = DatabaseSearch()
    first = engine.search(SearchRequest(q=QUERY))
    assert {hit.page_id for hit in first.hits} == set(made)

    with CaptureQueriesContext(connection) as quiet:
        again = engine.search(SearchRequest(q=QUERY))
    assert _postings_statements(quiet.captured_queries) == []
    assert [hit.page_id for hit in again.hits] == [hit.page_id for hit in first.hits]

    statistics._bump_index_version()  # stored tokens committed elsewhere
    with CaptureQueriesContext(connection) as moved:
        engine.search(SearchRequest(q=QUERY))
    assert len(_postings_statements(moved.captured_queries)) == 1

    later = make_practice(
        title="Bauen ohne Unfälle",
        summary="Arbeitsschutz für Auszubildende auf dem Bau.",
        content_language="de",
        country="DE",
    )
    store_tokens()
    with CaptureQueriesContext(connection) as committed:
        found = engine.search(SearchRequest(q=QUERY))
    assert len(_postings_statements(committed.captured_queries)) == 1
    assert later.pk in {hit.page_id for hit in found.hits}
