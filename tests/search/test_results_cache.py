"""Repeated searches come from the results cache, never stale after a change."""

import pytest
from django.core.cache import cache

from search.services import results_cache
from search.services.query import SearchRequest, run_search

from .test_elasticsearch import result_titles

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


@pytest.fixture
def cache_on(settings):
    settings.SEARCH_CACHE_SECONDS = 300
    cache.delete(results_cache.GENERATION_KEY)


def titles(client, q):
    return result_titles(client.get("/search/", {"q": q}).content.decode())


def test_a_repeated_search_is_answered_from_the_cache(cache_on, built):
    first = run_search(SearchRequest(q="μαθητεία"))
    again = run_search(SearchRequest(q="μαθητεία"))
    assert again.cached and not first.cached
    assert [hit.title for hit in again.hits] == [hit.title for hit in first.hits]
    assert [hit.snippet for hit in again.hits] == [hit.snippet for hit in first.hits]
    # Another page, filter or interface language is another search.
    assert not run_search(SearchRequest(q="μαθητεία", page=2)).cached
    assert not run_search(SearchRequest(q="μαθητεία", filters={"eqf": ["4"]})).cached


def test_publishing_and_unpublishing_show_at_once_with_the_cache_on(
    client,
    cache_on,
    built,
    make_practice,
    django_capture_on_commit_callbacks,
):
    assert titles(client, "ceramica") == []
    assert titles(client, "ceramica") == []  # now cached
    # No manual index refresh: the indexing task makes the change searchable
    # before it drops the cached results.
    with django_capture_on_commit_callbacks(execute=True):
        page = make_practice(
            "Laboratorio di ceramica",
            summary="Tornianti e smalti.",
            content_language="it",
        )
    assert titles(client, "ceramica") == ["Laboratorio di ceramica"]
    assert titles(client, "ceramica") == ["Laboratorio di ceramica"]

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert titles(client, "ceramica") == []


def test_search_works_when_the_cache_is_down(client, settings, built, stop_cache):
    settings.SEARCH_CACHE_SECONDS = 300
    stop_cache()
    response = client.get("/search/", {"q": "μαθητεία"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Apprendistato duale nelle botteghe di falegnameria" in result_titles(html)
    assert "results may be less complete" not in html


def test_a_word_known_to_the_index_gets_no_correction(client, built):
    html = client.get("/search/", {"q": "apprendistato duale"}).content.decode()
    assert "Apprendistato duale nelle botteghe di falegnameria" in result_titles(html)
    assert "Did you mean" not in html


def test_a_cached_answer_shows_this_address_s_ignored_filters(client, cache_on, built):
    """The same search from an address with a value that cannot be valid: the
    answer comes from the cache, the notice of what was ignored is this
    address's own."""
    clean = client.get("/search/", {"q": "μαθητεία"}).content.decode()
    assert "were not valid and were ignored" not in clean
    html = client.get("/search/", {"q": "μαθητεία", "eqf": "99"}).content.decode()
    assert "were not valid and were ignored" in html
    assert result_titles(html) == result_titles(clean)
    # And the other way round: the clean address after the faulty one.
    cache.delete(results_cache.GENERATION_KEY)
    client.get("/search/", {"q": "μαθητεία", "eqf": "99"})
    clean = client.get("/search/", {"q": "μαθητεία"}).content.decode()
    assert "were not valid and were ignored" not in clean
