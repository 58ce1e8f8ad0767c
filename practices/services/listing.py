"""The repository listing: filters, facets with counts, sorting, pages, exports.

One service for the HTML listing, the CSV / JSON exports and the Atom feed, so the
three always agree on what a filtered view contains. Everything is computed with a
fixed number of SQL queries whatever the page size (see build_listing).
"""

import hashlib
import logging
import math
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from practices.models import PracticePage, PracticeTag, Sector, TargetGroup

logger = logging.getLogger(__name__)

FILTER_PARAMS = ("q", "country", "language", "sector", "theme", "eqf", "target")
PERMALINK_PARAMS = (*FILTER_PARAMS, "sort", "page")
SORTS = {
    "newest": ("-first_published_at", "-pk"),
    "title": ("title", "pk"),
}
DEFAULT_SORT = "newest"
DEFAULT_PER_PAGE = 12
CARD_RENDITION = "fill-480x270"

SectorLink = PracticePage.sectors.through
TargetLink = PracticePage.target_groups.through
EQFLink = PracticePage.eqf_levels.through


@dataclass
class Filters:
    q: str = ""
    country: str = ""
    language: str = ""
    sector: str = ""
    theme: str = ""
    eqf: int | None = None
    target: str = ""
    sort: str = DEFAULT_SORT
    page: int = 1
    ignored: list = field(default_factory=list)

    def params(self, **changes):
        """The GET parameters of this view, with `changes` applied (None drops)."""
        values = {
            "q": self.q,
            "country": self.country,
            "language": self.language,
            "sector": self.sector,
            "theme": self.theme,
            "eqf": self.eqf,
            "target": self.target,
            "sort": "" if self.sort == DEFAULT_SORT else self.sort,
            "page": "" if self.page == 1 else self.page,
        }
        values.update(changes)
        return {key: values[key] for key in PERMALINK_PARAMS if values.get(key)}

    def querystring(self, **changes):
        params = self.params(**changes)
        return "?" + urlencode(params) if params else "?"

    @property
    def active(self):
        return any(getattr(self, name) for name in FILTER_PARAMS)


def parse_filters(params):
    """Read GET parameters; values that cannot be valid are dropped and reported."""
    filters = Filters()
    ignored = []
    filters.q = params.get("q", "").strip()[:200]
    country = params.get("country", "").strip().upper()
    if country:
        if country in countries:
            filters.country = country
        else:
            ignored.append("country")
    language = params.get("language", "").strip().lower()
    if language:
        if language in dict(settings.CONTENT_LANGUAGE_CHOICES):
            filters.language = language
        else:
            ignored.append("language")
    for name in ("sector", "theme", "target"):
        value = params.get(name, "").strip()[:120]
        setattr(filters, name, value)
    eqf = params.get("eqf", "").strip()
    if eqf:
        if eqf.isdigit() and 1 <= int(eqf) <= 8:
            filters.eqf = int(eqf)
        else:
            ignored.append("eqf")
    sort = params.get("sort", "").strip()
    filters.sort = sort if sort in SORTS else DEFAULT_SORT
    page = params.get("page", "1").strip()
    filters.page = int(page) if page.isdigit() and int(page) > 0 else 1
    filters.ignored = ignored
    return filters


def filtered_queryset(filters):
    """Published practices matching every filter, in the chosen order."""
    qs = PracticePage.objects.live()
    if filters.q:
        qs = qs.filter(
            Q(title__icontains=filters.q)
            | Q(summary__icontains=filters.q)
            | Q(outcomes__icontains=filters.q)
        )
    if filters.country:
        qs = qs.filter(country=filters.country)
    if filters.language:
        qs = qs.filter(content_language=filters.language)
    if filters.sector:
        qs = qs.filter(
            pk__in=SectorLink.objects.filter(sector__slug=filters.sector).values(
                "practicepage_id"
            )
        )
    if filters.target:
        qs = qs.filter(
            pk__in=TargetLink.objects.filter(targetgroup__slug=filters.target).values(
                "practicepage_id"
            )
        )
    if filters.eqf:
        qs = qs.filter(
            pk__in=EQFLink.objects.filter(eqflevel_id=filters.eqf).values(
                "practicepage_id"
            )
        )
    if filters.theme:
        qs = qs.filter(
            pk__in=PracticeTag.objects.filter(tag__slug=filters.theme).values(
                "content_object_id"
            )
        )
    return qs.order_by(*SORTS[filters.sort])


# --- taxonomy names in the visitor's language ------------------------------------


def localised_names(translation_keys, language=None):
    """{translation_key: name} of sectors and target groups in `language`.

    One query (a UNION over both snippet tables) whatever the number of keys.
    """
    keys = {key for key in translation_keys if key}
    if not keys:
        return {}
    language = (language or translation.get_language() or "").split("-")[0]
    sectors = (
        Sector.objects.filter(translation_key__in=keys, locale__language_code=language)
        .values_list("translation_key", "name")
        .order_by()
    )
    targets = (
        TargetGroup.objects.filter(
            translation_key__in=keys, locale__language_code=language
        )
        .values_list("translation_key", "name")
        .order_by()
    )
    return dict(sectors.union(targets, all=True))


# --- facets -------------------------------------------------------------------------


def _option(filters, param, value, label, count):
    current = getattr(filters, param)
    selected = str(current) == str(value) if current not in (None, "") else False
    change = None if selected else value
    return {
        "value": value,
        "label": label,
        "count": count,
        "selected": selected,
        "querystring": filters.querystring(**{param: change, "page": None}),
    }


def compute_facets(qs, filters, names_to_localise):
    """Counts per value of each facet within the filtered set (5 queries).

    Returns (total, facets, pending) where `pending` must be completed with the
    localised taxonomy names once they are known (see _finish_facets).
    """
    ids = qs.order_by().values("pk")
    by_country = defaultdict(int)
    by_language = defaultdict(int)
    total = 0
    for row in (
        qs.order_by()
        .values("country", "content_language")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_country[row["country"]] += row["n"]
        by_language[row["content_language"]] += row["n"]
        total += row["n"]

    def taxonomy(link, fk):
        rows = (
            link.objects.filter(practicepage_id__in=ids)
            .values(f"{fk}__slug", f"{fk}__name", f"{fk}__translation_key")
            .annotate(n=Count("practicepage_id", distinct=True))
            .order_by()
        )
        merged = {}
        for row in rows:
            slug = row[f"{fk}__slug"]
            entry = merged.setdefault(
                slug,
                {
                    "slug": slug,
                    "name": row[f"{fk}__name"],
                    "key": row[f"{fk}__translation_key"],
                    "n": 0,
                },
            )
            entry["n"] += row["n"]
        for entry in merged.values():
            names_to_localise.add(entry["key"])
        return list(merged.values())

    sectors = taxonomy(SectorLink, "sector")
    targets = taxonomy(TargetLink, "targetgroup")
    eqf = list(
        EQFLink.objects.filter(practicepage_id__in=ids)
        .values("eqflevel_id")
        .annotate(n=Count("practicepage_id", distinct=True))
        .order_by("eqflevel_id")
    )
    themes = list(
        PracticeTag.objects.filter(content_object_id__in=ids)
        .values("tag__slug", "tag__name")
        .annotate(n=Count("content_object_id", distinct=True))
        .order_by("-n", "tag__name")
    )
    language_names = dict(settings.CONTENT_LANGUAGE_CHOICES)
    facets = {
        "country": sorted(
            (
                _option(filters, "country", code, countries.name(code) or code, n)
                for code, n in by_country.items()
            ),
            key=lambda option: option["label"],
        ),
        "language": sorted(
            (
                _option(
                    filters, "language", code, str(language_names.get(code, code)), n
                )
                for code, n in by_language.items()
            ),
            key=lambda option: (-option["count"], option["label"]),
        ),
        "eqf": [
            _option(
                filters,
                "eqf",
                row["eqflevel_id"],
                f"EQF {row['eqflevel_id']}",
                row["n"],
            )
            for row in eqf
        ],
        "theme": [
            _option(filters, "theme", row["tag__slug"], row["tag__name"], row["n"])
            for row in themes
        ],
    }
    return total, facets, {"sector": sectors, "target": targets}


def cached_facets(qs, filters, names_to_localise):
    """compute_facets, kept in the cache until the next publish.

    The counts are the costly part of an uncached listing at 10,000 practices
    (5 aggregate queries over the filtered set). They only change when content
    does, so they are keyed on the page cache's content version (bumped on every
    publish, unpublish, move, delete or taxonomy change) and the filter set.
    Off when PAGE_CACHE_SECONDS is 0 (tests); a cache outage just recomputes.
    """
    from vetnet.cache import content_version, page_cache_seconds

    seconds = page_cache_seconds()
    if seconds <= 0:
        return compute_facets(qs, filters, names_to_localise)
    digest = hashlib.sha256(filters.querystring(page=None).encode()).hexdigest()
    try:
        key = f"practices:facets:{content_version()}:{digest}"
        stored = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage must not break the listing
        logger.warning("facet cache unavailable", exc_info=True)
        return compute_facets(qs, filters, names_to_localise)
    if stored is None:
        keys = set()
        total, facets, pending = compute_facets(qs, filters, keys)
        stored = (total, facets, pending, keys)
        try:
            cache.set(key, stored, seconds)
        except Exception:  # noqa: BLE001
            logger.warning("facet cache unavailable", exc_info=True)
    total, facets, pending, keys = stored
    names_to_localise.update(keys)
    return total, facets, pending


def _finish_facets(facets, pending, filters, names):
    for param, entries in pending.items():
        options = [
            _option(
                filters,
                param,
                entry["slug"],
                names.get(entry["key"], entry["name"]),
                entry["n"],
            )
            for entry in entries
        ]
        facets[param] = sorted(options, key=lambda option: option["label"].lower())
    return facets


# --- cards ----------------------------------------------------------------------------


def practice_cards(pages, names_to_localise):
    """Attach taxonomy to each page in 4 queries (whatever the number of pages).

    Sets on each page: `card_sectors`, `card_targets` (lists of dicts with slug,
    name, key — names localised later), `card_eqf` (ints), `card_themes` (names).
    """
    by_id = {page.pk: page for page in pages}
    for page in pages:
        page.card_sectors, page.card_targets = [], []
        page.card_eqf, page.card_themes = [], []
    if not by_id:
        return pages
    for page_id, slug, name, key in SectorLink.objects.filter(
        practicepage_id__in=by_id
    ).values_list(
        "practicepage_id", "sector__slug", "sector__name", "sector__translation_key"
    ):
        by_id[page_id].card_sectors.append({"slug": slug, "name": name, "key": key})
        names_to_localise.add(key)
    for page_id, slug, name, key in TargetLink.objects.filter(
        practicepage_id__in=by_id
    ).values_list(
        "practicepage_id",
        "targetgroup__slug",
        "targetgroup__name",
        "targetgroup__translation_key",
    ):
        by_id[page_id].card_targets.append({"slug": slug, "name": name, "key": key})
        names_to_localise.add(key)
    for page_id, level in (
        EQFLink.objects.filter(practicepage_id__in=by_id)
        .values_list("practicepage_id", "eqflevel_id")
        .order_by("eqflevel_id")
    ):
        by_id[page_id].card_eqf.append(level)
    for page_id, name in (
        PracticeTag.objects.filter(content_object_id__in=by_id)
        .values_list("content_object_id", "tag__name")
        .order_by("tag__name")
    ):
        by_id[page_id].card_themes.append(name)
    return pages


def _localise_cards(pages, names):
    for page in pages:
        for item in page.card_sectors + page.card_targets:
            item["name"] = names.get(item["key"], item["name"])
        page.card_sectors.sort(key=lambda item: item["name"].lower())
        page.card_targets.sort(key=lambda item: item["name"].lower())


def card_queryset(qs):
    return qs.select_related("organisation", "image").prefetch_related(
        "image__renditions"
    )


# --- the listing ----------------------------------------------------------------------


@dataclass
class PageInfo:
    number: int
    num_pages: int
    per_page: int
    total: int
    filters: Filters

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.num_pages

    @property
    def previous_querystring(self):
        return self.filters.querystring(page=self.number - 1)

    @property
    def next_querystring(self):
        return self.filters.querystring(page=self.number + 1)

    @property
    def start_index(self):
        return 0 if self.total == 0 else (self.number - 1) * self.per_page + 1

    @property
    def end_index(self):
        return min(self.number * self.per_page, self.total)

    def links(self):
        """Page numbers with gaps (None) for long ranges: 1 … 4 5 6 … 20."""
        wanted = {1, self.num_pages, self.number - 1, self.number, self.number + 1}
        shown = sorted(n for n in wanted if 1 <= n <= self.num_pages)
        result, previous = [], 0
        for n in shown:
            if n - previous > 1:
                result.append(None)
            result.append(
                {
                    "number": n,
                    "current": n == self.number,
                    "querystring": self.filters.querystring(page=n),
                }
            )
            previous = n
        return result


def build_listing(params, per_page=DEFAULT_PER_PAGE, language=None):
    """Everything the listing page shows, in at most 12 SQL queries.

    facets 5 (country×language, sectors, target groups, EQF, themes; their sum is
    the total, so no separate COUNT) + the page of practices with organisation and
    image 1 + image renditions 1 + card taxonomy 4 + localised names 1.
    """
    filters = parse_filters(params)
    qs = filtered_queryset(filters)
    names_to_localise = set()
    total, facets, pending = cached_facets(qs, filters, names_to_localise)
    num_pages = max(1, math.ceil(total / per_page))
    filters.page = min(filters.page, num_pages)
    offset = (filters.page - 1) * per_page
    pages = []
    if total:
        pages = list(card_queryset(qs)[offset : offset + per_page])
        practice_cards(pages, names_to_localise)
    names = localised_names(names_to_localise, language)
    _localise_cards(pages, names)
    _finish_facets(facets, pending, filters, names)
    return {
        "filters": filters,
        "practices": pages,
        "facets": facets,
        "facet_groups": facet_groups(facets),
        "total": total,
        "page_info": PageInfo(filters.page, num_pages, per_page, total, filters),
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
    }


def facet_groups(facets):
    labels = [
        ("country", _("Country")),
        ("language", _("Language")),
        ("sector", _("Sector")),
        ("theme", _("Theme")),
        ("eqf", _("EQF level")),
        ("target", _("Target group")),
    ]
    return [
        {"param": param, "label": label, "options": facets.get(param, [])}
        for param, label in labels
    ]


def iter_export(params, chunk=200, language=None):
    """Every practice of the filtered view (all pages), with its taxonomy."""
    filters = parse_filters(params)
    qs = card_queryset(filtered_queryset(filters))
    offset = 0
    while True:
        pages = list(qs[offset : offset + chunk])
        if not pages:
            return
        names_to_localise = set()
        practice_cards(pages, names_to_localise)
        _localise_cards(pages, localised_names(names_to_localise, language))
        yield from pages
        if len(pages) < chunk:
            return
        offset += chunk
