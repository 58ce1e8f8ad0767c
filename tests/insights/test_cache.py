"""The insights figures and drawings are cached between publishes, and a publish
shows up at once, in each visitor's language."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache

from tests.insights.images import fetch_image, image_tag, map_shapes

pytestmark = pytest.mark.django_db


@pytest.fixture
def content_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.FACET_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def italy(client, path="/insights/"):
    """Italy's shape on the map the page shows (its image)."""
    html = client.get(path, {"sector": "construction"}).content.decode()
    _response, root = fetch_image(client, html, "country")
    count, _css = map_shapes(root)["IT"]
    return f'data-count="{count}"'


def map_text(client, path):
    _response, root = fetch_image(client, client.get(path).content.decode(), "country")
    return ET.tostring(root, encoding="unicode")


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
    assert "Italy: 1 practice" in map_text(client, "/insights/")
    assert "Italia: 1 pratica" in map_text(client, "/it/insights/")
    assert "Italy: 1 practice" in map_text(client, "/insights/")


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


def test_images_carry_the_content_version_and_are_kept_for_good(
    client, make_practice, content_cache
):
    """A chart's image URL names the content version: caches keep it for a
    year, a publish gives the page new URLs, and an old URL leads to the new."""
    make_practice(country="IT", sectors=["construction"])
    html = client.get("/insights/", {"sector": "construction"}).content.decode()
    old = image_tag(html, "sector")["src"]
    assert old.endswith("/sector.svg?sector=construction")
    image = client.get(old)
    assert image["Cache-Control"] == "public, max-age=31536000, immutable"
    make_practice(country="ES", sectors=["construction"])
    html = client.get("/insights/", {"sector": "construction"}).content.decode()
    new = image_tag(html, "sector")["src"]
    assert new != old
    moved = client.get(old)
    assert moved.status_code == 302 and moved["Location"] == new
    assert "no-store" in moved["Cache-Control"]
    _response, root = fetch_image(client, html, "country")
    assert map_shapes(root)["ES"] == ("1", "country q5")
