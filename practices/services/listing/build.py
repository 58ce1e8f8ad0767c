"""The listing's entry points: one page of the filtered view with its facets, and
every practice of it for the exports and the feed."""

import math

from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from taxonomy.facets import option_labels

from .cards import card_queryset, practice_cards
from .facets import cached_counts, facet_fragment, listing_facets, term_keys
from .filters import DEFAULT_PER_PAGE, FILTER_PARAMS, parse_filters
from .pagination import page_info
from .queryset import filtered_queryset
from .rows import page_cards, page_rows


def build_listing(params, per_page=DEFAULT_PER_PAGE, language=None, base_url=None):
    """Everything the listing page shows, in at most 4 SQL queries whatever the
    page size and the filters:

    facets and total 1 (one UNION ALL of grouped counts; none when cached) + the
    page of practices with organisation and image 1 + their card renditions 1 +
    the cards' taxonomy with the names of the facets' terms, both in the
    visitor's language, 1 (one UNION ALL).

    With the counts kept (FACET_CACHE_SECONDS > 0) and `base_url` given, the
    cards come rendered from the card cache (card_cache.py) and only the
    practices it misses are read: none of the last three queries on a page
    whose cards are all kept.
    """
    filters = parse_filters(params)
    # Built when read: with the view's ids and cards kept, nothing reads it.
    qs = SimpleLazyObject(lambda: filtered_queryset(filters))
    total, counts = cached_counts(filters)
    num_pages = max(1, math.ceil(total / per_page))
    if filters.page > num_pages:
        filters.page_requested = filters.page
        filters.page = num_pages
    offset = (filters.page - 1) * per_page
    pages = None
    if total and base_url is not None:
        # Cards kept per content version (card_cache): only the missed are read.
        pages = page_cards(
            qs,
            filters,
            offset,
            per_page,
            base_url,
            lambda rows: practice_cards(rows, language),
        )
    if pages is None:
        pages = page_rows(qs, filters, offset, per_page) if total else []
        names = practice_cards(pages, language, name_keys=term_keys(counts))
    else:
        names = practice_cards([], language, name_keys=term_keys(counts))
    facet_groups = listing_facets(counts, filters, names)
    return {
        "filters": filters,
        "practices": pages,
        "facets": {facet.name: facet.options for facet in facet_groups},
        "facet_groups": facet_groups,
        "facet_fragment": facet_fragment(filters),
        "total": total,
        "page_info": page_info(filters, num_pages),
        "sort_options": [
            {
                "value": value,
                "label": label,
                "selected": filters.sort == value,
                "querystring": filters.querystring(sort=value, page=None),
            }
            for value, label in (("newest", _("Newest")), ("title", _("Title")))
        ],
        "clear_querystring": filters.querystring(
            **dict.fromkeys(FILTER_PARAMS), page=None
        ),
        "chips": filters.chips(
            {facet.name: option_labels(facet.options) for facet in facet_groups},
            {facet.name: facet.title for facet in facet_groups},
            query_title=_("Text"),
        ),
    }


def iter_export(params, chunk=200, language=None):
    """Every practice of the filtered view (all pages), with its taxonomy."""
    filters = parse_filters(params)
    qs = card_queryset(filtered_queryset(filters))
    offset = 0
    while True:
        pages = list(qs[offset : offset + chunk])
        if not pages:
            return
        practice_cards(pages, language)
        yield from pages
        if len(pages) < chunk:
            return
        offset += chunk
