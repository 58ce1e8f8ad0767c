"""One page of the filtered view: the view's ids in order kept per content
version, then the page's rows read by primary key.

Sorting the filtered set costs the database a pass over every matching practice
at each request (the order is on the page table, the filters on the practice
table and the link tables): 1.9 ms median, 26 ms at worst over the benchmark's 61
filter combinations at 10,000 practices (EXPLAIN ANALYZE), planning included, each
time. The order changes only when content does, so like the facet counts the ids
in order are kept in the cache, keyed on the content version (bumped by every
publish, unpublish, move, delete and taxonomy change) and the filters, for
FACET_CACHE_SECONDS (0 = off: the page is then read in one sorted query). A page
then reads its few rows by primary key, whatever the filters.
"""

import logging
from array import array

from django.core.cache import cache

from .cards import card_queryset

logger = logging.getLogger(__name__)


def ordered_ids_key(filters):
    from vetnet.cache import content_version

    from .facets import filters_digest

    return f"practices:listing-ids:{content_version()}:{filters_digest(filters)}"


def ordered_ids(qs, filters):
    """The ids of the whole filtered view in its order, or None when not kept."""
    from vetnet.cache import facet_cache_seconds

    seconds = facet_cache_seconds()
    if seconds <= 0:
        return None
    try:
        key = ordered_ids_key(filters)
        stored = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage reads the page directly
        logger.warning("listing ids cache unavailable", exc_info=True)
        return None
    if stored is not None:
        ids = array("q")
        ids.frombytes(stored)
        return ids
    ids = array("q", qs.values_list("pk", flat=True))
    try:
        cache.set(key, ids.tobytes(), seconds)
    except Exception:  # noqa: BLE001
        logger.warning("listing ids cache unavailable", exc_info=True)
    return ids


def page_cards(qs, filters, offset, limit, base_url, tag):
    """One page of the filtered view as cards (card_cache.cached_cards): only the
    practices whose card is not kept are read (two queries) and tagged
    (`tag(pages)`, one). None when the ids are not kept: see page_rows."""
    from vetnet.cache import facet_cache_seconds

    from .card_cache import cached_cards

    ids = ordered_ids(qs, filters)
    if ids is None:
        return None

    def load(missing):
        rows = list(card_queryset(qs.filter(pk__in=missing).order_by()))
        tag(rows)
        return rows

    return cached_cards(
        ids[offset : offset + limit].tolist(), base_url, load, facet_cache_seconds()
    )


def page_rows(qs, filters, offset, limit):
    """The practices of one page of the filtered view `qs`, with organisation,
    cover image and card rendition (two queries)."""
    ids = ordered_ids(qs, filters)
    if ids is None:
        return list(card_queryset(qs)[offset : offset + limit])
    wanted = ids[offset : offset + limit].tolist()
    if not wanted:
        return []
    # The view's conditions again: a row that left it since is not shown.
    rows = {row.pk: row for row in card_queryset(qs.filter(pk__in=wanted).order_by())}
    return [rows[pk] for pk in wanted if pk in rows]
