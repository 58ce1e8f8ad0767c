"""The insights figures and drawings are cached between publishes, and a publish
shows up at once, in each visitor's language."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def content_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.FACET_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def italy(client, path="/insights/"):
    html = client.get(path, {"sector": "construction"}).content.decode()
    start = html.index('data-country="IT"')
    return html[start : html.index(">", start)]


def test_a_publish_shows_at_once(client, make_practice, content_cache):
    make_practice(country="IT", sectors=["construction"], year_start=2020)
    assert 'data-count="1"' in italy(client)
    assert 'data-count="1"' in italy(client)  # from the cache
    late = make_practice(country="IT", sectors=["construction"], year_start=2021)
    assert 'data-count="2"' in italy(client)
    timeline = client.get("/insights/timeline.csv", {"sector": "construction"})
    assert "2021,1," in timeline.content.decode()
    late.unpublish()
    assert 'data-count="1"' in italy(client)


def test_cached_drawings_follow_the_language(client, make_practice, content_cache):
    make_practice(country="IT", sectors=["construction"])
    assert "Italy: 1 practice" in client.get("/insights/").content.decode()
    assert "Italia: 1 pratica" in client.get("/it/insights/").content.decode()
    assert "Italy: 1 practice" in client.get("/insights/").content.decode()


def test_anonymous_pages_and_downloads_use_the_page_cache(
    client, make_practice, content_cache
):
    make_practice(country="IT", sectors=["construction"])
    for path in ("/insights/", "/it/insights/", "/insights/sector.csv"):
        assert client.get(path)["X-Page-Cache"] == "miss"
        again = client.get(path)
        assert again["X-Page-Cache"] == "hit"
    assert "attachment" in again["Content-Disposition"]
    make_practice(country="ES", sectors=["construction"])
    fresh = client.get("/insights/sector.csv")
    assert fresh["X-Page-Cache"] == "miss"
    assert "Construction,construction,2" in fresh.content.decode()


def test_drawings_are_kept_without_the_page_cache(
    client, make_practice, settings, django_assert_max_num_queries
):
    """Behind nginx Django keeps no pages (PAGE_CACHE_SECONDS=0): the drawings
    stay cached with the facet counts (FACET_CACHE_SECONDS), until a publish."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    settings.FACET_CACHE_SECONDS = 300
    make_practice(country="IT", sectors=["construction"])
    with CaptureQueriesContext(connection) as first:
        assert 'data-count="1"' in italy(client)
    with django_assert_max_num_queries(len(first.captured_queries) - 2):
        assert 'data-count="1"' in italy(client)
    make_practice(country="IT", sectors=["construction"])
    assert 'data-count="2"' in italy(client)
