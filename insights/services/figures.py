"""The counts behind the insights charts.

Everything comes from the practice listing's services: its filter parsing, its
filtered queryset and its facets, counted within the filtered set (counts.py: in
one SQL statement with the timeline, start year and year of publication), so
/insights/?sector=construction&country=IT charts exactly the practices that
/practices/?sector=construction&country=IT lists (and exports). The counts are
kept per content version and filters, as the listing's.
"""

import hashlib
import logging
from dataclasses import dataclass, field

from django.core.cache import cache

from practices.services.listing.facets import listing_facets, term_keys
from practices.services.listing.filters import Filters, parse_filters
from taxonomy.names import localised_names

from .counts import count_figures

logger = logging.getLogger(__name__)


@dataclass
class Figures:
    filters: Filters
    total: int
    # The listing's facets by GET parameter (country, language, sector, theme,
    # eqf, target): options with value, label, count and the toggling link.
    facets: dict
    # {"start": {year: n}, "published": {year: n}}
    timeline: dict = field(default_factory=dict)


def cached(kind, filters, compute, variant=""):
    """compute(), kept until the next publish, as the listing's facet counts:
    keyed on the content version, the filters and ``variant`` (a language);
    for FACET_CACHE_SECONDS like them (a data cache: it stays on behind nginx,
    where Django keeps no pages), off when that is 0; a cache outage just
    recomputes."""
    from vetnet.cache import content_version, facet_cache_seconds

    seconds = facet_cache_seconds()
    if seconds <= 0:
        return compute()
    digest = hashlib.sha256(filters.querystring(page=None).encode()).hexdigest()
    try:
        key = f"insights:{kind}:{content_version()}:{variant}:{digest}"
        stored = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage must not break the page
        logger.warning("insights cache unavailable", exc_info=True)
        return compute()
    if stored is None:
        stored = compute()
        try:
            cache.set(key, stored, seconds)
        except Exception:  # noqa: BLE001
            logger.warning("insights cache unavailable", exc_info=True)
    return stored


def practice_figures(params, language=None, with_timeline=True):
    """The figures of the practices that /practices/?<params> lists: each
    chart counts within them (the listing's facets count each facet apart from
    its own choice, to show what another value would add)."""
    filters = parse_filters(params)
    total, counts, timeline = cached(
        "figures",
        filters,
        lambda: count_figures(filters, with_timeline),
        variant="timeline" if with_timeline else "",
    )
    names = localised_names(term_keys(counts), language)
    facets = {facet.name: facet for facet in listing_facets(counts, filters, names)}
    return Figures(filters, total, facets, timeline)
