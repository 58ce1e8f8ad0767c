"""Results of repeated searches, kept until the index or the site changes.

People search for the same things (the same few subjects, the same facets): a
search asked again is answered from the cache instead of Elasticsearch.

Key: the index alias, the index generation, the site's content version (``vetnet/cache.py``: page
URLs, titles and taxonomy names shown with the results), the interface language
and the normalised request. The index generation is a counter in the cache,
bumped by :func:`index_changed` after every write Elasticsearch has made visible
(one page indexed or removed, a rebuild's alias swap): every cached result is then
out of date at once. ``SEARCH_CACHE_SECONDS`` (env, default 300, 0 = off) bounds
how long an entry lives at most.

Only Elasticsearch answers are kept: the database fallback's notice must go away
as soon as Elasticsearch is back. A cache that fails is skipped (logged), never
an error for the visitor.
"""

import hashlib
import json
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from vetnet.cache import VERSION_KEY as CONTENT_VERSION_KEY

from ..documents import alias_name

logger = logging.getLogger(__name__)

GENERATION_KEY = "search:index-generation"


def cache_seconds():
    return int(getattr(settings, "SEARCH_CACHE_SECONDS", 300))


def index_changed():
    """Every cached result is out of date (call once the change is visible)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # No counter (never set, or evicted): a new one that no earlier entry
        # can share.
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception:  # noqa: BLE001 - a cache outage must not fail indexing
        logger.warning("search cache: could not bump the generation", exc_info=True)


def key_for(request, backend):
    """The cache key of ``request`` now, or None when caching is off or the
    cache cannot be read."""
    if cache_seconds() <= 0:
        return None
    try:
        versions = cache.get_many([GENERATION_KEY, CONTENT_VERSION_KEY])
    except Exception:  # noqa: BLE001
        logger.warning("search cache: unreadable, searching afresh", exc_info=True)
        return None
    generation = versions.get(GENERATION_KEY)
    if generation is None:
        index_changed()
        return None
    raw = json.dumps(
        [
            backend,
            alias_name(),
            generation,
            versions.get(CONTENT_VERSION_KEY),
            get_language(),
            request.q,
            sorted(request.filters.items()),
            request.page,
            request.per_page,
        ],
        ensure_ascii=False,
    )
    return "search:results:" + hashlib.sha256(raw.encode()).hexdigest()


def get(key):
    if key is None:
        return None
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001
        logger.warning("search cache: read failed", exc_info=True)
        return None


def put(key, results):
    if key is None:
        return
    try:
        cache.set(key, results, timeout=cache_seconds())
    except Exception:  # noqa: BLE001
        logger.warning("search cache: write failed", exc_info=True)
