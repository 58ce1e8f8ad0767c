"""A search's facet labels (the sectors' and themes' names, kept per content
version) read the content version once, as every part of an anonymous page
does: a signed-in member's search, or the search service called outside a
page, made one cache round trip for each of the three before."""

from collections import Counter

import pytest
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.test import override_settings

from search.services.query.facets import search_facets
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
