"""A search's facet labels (the sectors' and themes' names, kept per content
version) read the content version once, as every part of an anonymous page
does: a signed-in member's search, or the search service called outside a
page, made one cache round trip for each of the three before. A database
search reads the content version and the search index's version in one."""

from collections import Counter

import pytest
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.test import override_settings

from search.services.query import DatabaseSearch, SearchRequest
from search.services.query.facets import search_facets
from search.services.statistics import INDEX_VERSION
from vetnet.cache import VERSION_KEY, bump_content_version, content_version

pytestmark = pytest.mark.django_db


class CountingCache(LocMemCache):
    """Django's local-memory cache, counting the reads of each key."""

    reads = Counter()

    def get(self, key, default=None, version=None):
        CountingCache.reads[key] += 1
        return super().get(key, default, version)


COUNTING = {
    "default": {
        "BACKEND": f"{__name__}.CountingCache",
        "LOCATION": "facet-label-version",
    }
}


class RoundTrips(LocMemCache):
    """Django's local-memory cache, noting the keys each read asks for (a
    get_many one read, as Redis's MGET is one round trip)."""

    trips = []

    def get(self, key, default=None, version=None):
        RoundTrips.trips.append((key,))
        return super().get(key, default, version)

    def get_many(self, keys, version=None):
        keys = tuple(keys)
        RoundTrips.trips.append(keys)
        missing, found = object(), {}
        for key in keys:
            value = super().get(key, missing, version)
            if value is not missing:
                found[key] = value
        return found


ROUND_TRIPS = {
    "default": {
        "BACKEND": f"{__name__}.RoundTrips",
        "LOCATION": "search-version-round-trips",
    }
}
COUNTS = {
    "language": [("it", 4), ("de", 1)],
    "country": [("IT", 3), ("DE", 2)],
    "sector": [("construction", 5)],
    "theme": [("green-skills", 2)],
    "eqf": [(4, 1)],
}


def labels(facets):
    return {
        facet.name: [(option.label, option.count) for option in facet.options]
        for facet in facets
    }


@override_settings(CACHES=COUNTING)
def test_a_searchs_facet_labels_read_the_content_version_once():
    cache.clear()
    content_version()  # the counter started, as on a site up for a while
    CountingCache.reads.clear()
    facets = search_facets(COUNTS, {"sector": ["construction"]})
    assert CountingCache.reads[VERSION_KEY] == 1
    shown = labels(facets)
    assert shown["sector"] == [("Construction", 5)]
    assert shown["language"] == [("Italian", 4), ("German", 1)]

    # Asked again after a publish: read once again, and labelled as before.
    bump_content_version()
    CountingCache.reads.clear()
    assert labels(search_facets(COUNTS, {"sector": ["construction"]})) == shown
    assert CountingCache.reads[VERSION_KEY] == 1


def test_one_content_version_holds_the_version_read_first():
    from vetnet.cache import one_content_version

    first = content_version()
    with one_content_version():
        assert content_version() == first
        # Another process publishes: this block goes on with what it read,
        # as a page being made does.
        cache.incr(VERSION_KEY)
        assert content_version() == first
        # This process publishes: it reads its own change at once.
        bump_content_version()
        changed = content_version()
        assert changed != first
        assert content_version() == changed
    assert content_version() == cache.get(VERSION_KEY)


@override_settings(CACHES=ROUND_TRIPS)
def test_a_database_search_reads_both_versions_in_one_round_trip(
    settings, stored_practices
):
    settings.ELASTICSEARCH_URL = None
    cache.clear()
    made = stored_practices(
        [
            {
                "title": "Safety first on building sites",
                "summary": "Apprentices learn health and safety in construction.",
                "content_language": "en",
                "country": "IE",
            }
        ]
    )
    engine = DatabaseSearch()
    engine.search(SearchRequest(q="health and safety"))
    RoundTrips.trips.clear()
    found = engine.search(SearchRequest(q="health and safety"))
    assert [hit.page_id for hit in found.hits] == list(made)
    versions = [
        trip for trip in RoundTrips.trips if {VERSION_KEY, INDEX_VERSION} & set(trip)
    ]
    assert versions == [(VERSION_KEY, INDEX_VERSION)]
