"""The counts behind the insights charts.

Everything comes from the practice listing's services: its filter parsing, its
filtered queryset and its cached facet counts, taken within the filtered set, so
/insights/?sector=construction&country=IT charts exactly the practices that
/practices/?sector=construction&country=IT lists (and exports). Only the timeline (start year and
year of publication) is counted here, in one query cached the same way.
"""

import hashlib
import logging
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, F, Value
from django.db.models.functions import ExtractYear

from practices.services.listing.facets import cached_counts, listing_facets, term_keys
from practices.services.listing.filters import Filters, parse_filters
from practices.services.listing.queryset import filtered_queryset
from taxonomy.names import localised_names

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


def count_timeline(qs):
    """Practices per start year and per year of first publication, one query."""
    by_start = (
        qs.order_by()
        .filter(year_start__isnull=False)
        .values(kind=Value("start"), year=F("year_start"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_publication = (
        qs.order_by()
        .filter(first_published_at__isnull=False)
        .values(kind=Value("published"), year=ExtractYear("first_published_at"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    timeline = {"start": {}, "published": {}}
    for row in by_start.union(by_publication, all=True):
        timeline[row["kind"]][int(row["year"])] = row["n"]
    return timeline


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
    qs = filtered_queryset(filters)
    total, counts = cached_counts(filters, own=True)
    names = localised_names(term_keys(counts), language)
    facets = {facet.name: facet for facet in listing_facets(counts, filters, names)}
    timeline = (
        cached("timeline", filters, lambda: count_timeline(qs)) if with_timeline else {}
    )
    return Figures(filters, total, facets, timeline)
