"""The repository listing: filters, facets with counts, sorting, pages, exports.

One service for the HTML listing, the CSV / JSON exports and the Atom feed, so the
three always agree on what a filtered view contains. Everything is computed with a
fixed number of SQL queries whatever the page size (see build_listing).
"""

import hashlib
import logging
import math
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import CharField, Count, Exists, F, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Cast, Coalesce, Length, Substr
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from practices.models import PracticePage, PracticeTag
from taxonomy.models import Sector, TargetGroup

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


def _in_private_section():
    """A view restriction on the page or on one of its ancestors (a restricted
    page's path is a prefix of the paths of its whole subtree)."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def public(qs):
    """Pages outside any private section.

    Wagtail's PageQuerySet.public() first reads every restriction in a query of
    its own to build its filter; here the same rule is a correlated NOT EXISTS
    (an anti-join against the few restrictions), so the listing keeps its fixed
    number of queries.
    """
    return qs.exclude(_in_private_section())


def filtered_queryset(filters):
    """Published public practices matching every filter, in the chosen order.

    Aliases are left out: an alias shows the same practice at another address
    (with the restrictions of its source), so listing it would show it twice.
    """
    qs = public(PracticePage.objects.live().filter(alias_of__isnull=True))
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


def _language(language=None):
    return (language or translation.get_language() or "").split("-")[0]


def localised_names(translation_keys, language=None):
    """{translation_key: name} of sectors and target groups in `language`.

    One query (a UNION over both snippet tables) whatever the number of keys.
    """
    keys = {key for key in translation_keys if key}
    if not keys:
        return {}
    language = _language(language)
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


def _localised_name(model, fk, language):
    """The name of the linked term (`fk` on a link row) in `language`, falling back
    to the linked row's own name: a correlated subquery, not a query of its own."""
    # At most one row: (translation_key, locale) is unique.
    translated = (
        model.objects.filter(
            translation_key=OuterRef(f"{fk}__translation_key"),
            locale__language_code=language,
        )
        .order_by()
        .values("name")[:1]
    )
    return Coalesce(translated, F(f"{fk}__name"), output_field=CharField())


def _text(expression):
    return Cast(expression, output_field=CharField())


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


def compute_facets(qs, filters):
    """Counts per value of each facet within the filtered set, in ONE query.

    A UNION ALL of five grouped counts over the filtered set (country × language,
    sectors, target groups, EQF levels, themes), each row shaped as
    (facet, value, label, key, n). Returns (total, facets, pending): the country ×
    language counts add up to the total; `pending` holds the sector and target
    group entries, whose labels are localised per request (see _finish_facets).
    """
    ids = qs.order_by().values("pk")
    pages = (
        qs.order_by()
        .values(
            facet=Value("page"),
            value=F("country"),
            label=F("content_language"),
            key=Value(""),
        )
        .annotate(n=Count("pk"))
        .order_by()
    )

    def taxonomy(name, link, fk):
        return (
            link.objects.filter(practicepage_id__in=ids)
            .values(
                facet=Value(name),
                value=F(f"{fk}__slug"),
                label=F(f"{fk}__name"),
                key=_text(f"{fk}__translation_key"),
            )
            .annotate(n=Count("practicepage_id", distinct=True))
            .order_by()
        )

    eqf = (
        EQFLink.objects.filter(practicepage_id__in=ids)
        .values(
            facet=Value("eqf"),
            value=_text("eqflevel_id"),
            label=Value(""),
            key=Value(""),
        )
        .annotate(n=Count("practicepage_id", distinct=True))
        .order_by()
    )
    themes = (
        PracticeTag.objects.filter(content_object_id__in=ids)
        .values(
            facet=Value("theme"),
            value=F("tag__slug"),
            label=F("tag__name"),
            key=Value(""),
        )
        .annotate(n=Count("content_object_id", distinct=True))
        .order_by()
    )
    rows = pages.union(
        taxonomy("sector", SectorLink, "sector"),
        taxonomy("target", TargetLink, "targetgroup"),
        eqf,
        themes,
        all=True,
    )

    by_country, by_language = defaultdict(int), defaultdict(int)
    eqf_counts, theme_counts = {}, {}
    pending = {"sector": {}, "target": {}}
    total = 0
    for row in rows:
        facet, value, label, n = row["facet"], row["value"], row["label"], row["n"]
        if facet == "page":
            by_country[value] += n
            by_language[label] += n
            total += n
        elif facet == "eqf":
            eqf_counts[int(value)] = n
        elif facet == "theme":
            theme_counts[value] = (label, n)
        else:
            # A practice may link the same term in two locales (same slug): the
            # rows are merged under the slug, as the filter matches on the slug.
            entry = pending[facet].setdefault(
                value, {"slug": value, "name": label, "key": row["key"], "n": 0}
            )
            entry["n"] += n

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
            _option(filters, "eqf", level, f"EQF {level}", n)
            for level, n in sorted(eqf_counts.items())
        ],
        "theme": sorted(
            (
                _option(filters, "theme", slug, label, n)
                for slug, (label, n) in theme_counts.items()
            ),
            key=lambda option: (-option["count"], option["label"].lower()),
        ),
    }
    pending = {param: list(entries.values()) for param, entries in pending.items()}
    return total, facets, pending


def cached_facets(qs, filters):
    """compute_facets, kept in the cache until the next publish.

    The counts are the costly part of an uncached listing at 10,000 practices
    (grouped counts over the filtered set). They only change when content does,
    so they are keyed on the page cache's content version (bumped on every
    publish, unpublish, move, delete or taxonomy change) and the filter set.
    Off when PAGE_CACHE_SECONDS is 0 (tests); a cache outage just recomputes.
    """
    from vetnet.cache import content_version, page_cache_seconds

    seconds = page_cache_seconds()
    if seconds <= 0:
        return compute_facets(qs, filters)
    digest = hashlib.sha256(filters.querystring(page=None).encode()).hexdigest()
    try:
        key = f"practices:facets:{content_version()}:{digest}"
        stored = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage must not break the listing
        logger.warning("facet cache unavailable", exc_info=True)
        return compute_facets(qs, filters)
    if stored is None:
        stored = compute_facets(qs, filters)
        try:
            cache.set(key, stored, seconds)
        except Exception:  # noqa: BLE001
            logger.warning("facet cache unavailable", exc_info=True)
    return stored


def _finish_facets(facets, pending, filters, names):
    for param, entries in pending.items():
        options = [
            _option(
                filters,
                param,
                entry["slug"],
                names.get(_uuid(entry["key"]), entry["name"]),
                entry["n"],
            )
            for entry in entries
        ]
        facets[param] = sorted(options, key=lambda option: option["label"].lower())
    return facets


def _uuid(value):
    """A translation key read through a text column (PostgreSQL writes UUIDs with
    dashes, SQLite stores 32 hex digits): the same UUID either way."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


# --- cards ----------------------------------------------------------------------------


def practice_cards(pages, language=None, name_keys=()):
    """Attach taxonomy to each page and localise `name_keys`, in ONE query
    whatever the number of pages.

    A UNION ALL over the four link tables, rows shaped (page, kind, slug, name),
    with sector and target group names already in `language` (a correlated
    subquery per linked term, a few per card); plus, when `name_keys` (the
    translation keys of the facets' sectors and target groups) are given, their
    names in `language` as rows of kind "name" (slug = the key).

    Sets on each page: `card_sectors`, `card_targets` (lists of dicts with slug
    and name, sorted by name), `card_eqf` (ints, ascending), `card_themes` (names,
    sorted). Returns {translation_key: localised name} for `name_keys`.
    """
    language = _language(language)
    by_id = {page.pk: page for page in pages}
    for page in pages:
        page.card_sectors, page.card_targets = [], []
        page.card_eqf, page.card_themes = [], []
    name_keys = {key for key in name_keys if key}
    branches = []
    if by_id:

        def terms(kind, link, model, fk):
            return link.objects.filter(practicepage_id__in=by_id).values(
                page=F("practicepage_id"),
                kind=Value(kind),
                slug=F(f"{fk}__slug"),
                name=_localised_name(model, fk, language),
            )

        branches += [
            terms("sector", SectorLink, Sector, "sector"),
            terms("target", TargetLink, TargetGroup, "targetgroup"),
            EQFLink.objects.filter(practicepage_id__in=by_id).values(
                page=F("practicepage_id"),
                kind=Value("eqf"),
                slug=_text("eqflevel_id"),
                name=Value(""),
            ),
            PracticeTag.objects.filter(content_object_id__in=by_id).values(
                page=F("content_object_id"),
                kind=Value("theme"),
                slug=F("tag__slug"),
                name=F("tag__name"),
            ),
        ]
    if name_keys:
        branches += [
            model.objects.filter(
                translation_key__in=name_keys, locale__language_code=language
            ).values(
                # Column names of a union come from its first branch; these
                # differ only because `slug` and `name` are fields here.
                page=Value(0),
                kind=Value("name"),
                term_key=_text("translation_key"),
                term_name=F("name"),
            )
            for model in (Sector, TargetGroup)
        ]
    if not branches:
        return {}
    first, *others = [branch.order_by() for branch in branches]
    names = {}
    for row in first.union(*others, all=True):
        kind = row["kind"]
        if kind == "name":
            names[_uuid(row["slug"])] = row["name"]
            continue
        page = by_id[row["page"]]
        if kind == "eqf":
            page.card_eqf.append(int(row["slug"]))
        elif kind == "theme":
            page.card_themes.append(row["name"])
        else:
            target = page.card_sectors if kind == "sector" else page.card_targets
            target.append({"slug": row["slug"], "name": row["name"]})
    for page in pages:
        page.card_sectors.sort(key=lambda item: item["name"].lower())
        page.card_targets.sort(key=lambda item: item["name"].lower())
        page.card_eqf.sort()
        page.card_themes.sort(key=str.lower)
    return names


def card_queryset(qs):
    """The practices with organisation and cover image (one join), and the
    cover's card rendition when it exists (one more query for the whole page)."""
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec=CARD_RENDITION)
    )
    return qs.select_related("organisation", "image").prefetch_related(
        Prefetch("image__renditions", queryset=renditions)
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
    """Everything the listing page shows, in at most 4 SQL queries whatever the
    page size and the filters:

    facets 1 (one UNION ALL of grouped counts; their sum is the total, so no
    separate COUNT; none when cached) + the page of practices with organisation
    and image 1 + their card renditions 1 + the cards' taxonomy with the names of
    the facets' terms, both in the visitor's language, 1 (one UNION ALL).
    """
    filters = parse_filters(params)
    qs = filtered_queryset(filters)
    total, facets, pending = cached_facets(qs, filters)
    num_pages = max(1, math.ceil(total / per_page))
    filters.page = min(filters.page, num_pages)
    offset = (filters.page - 1) * per_page
    pages = []
    if total:
        pages = list(card_queryset(qs)[offset : offset + per_page])
    facet_keys = {entry["key"] for entries in pending.values() for entry in entries}
    names = practice_cards(pages, language, name_keys=facet_keys)
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
        practice_cards(pages, language)
        yield from pages
        if len(pages) < chunk:
            return
        offset += chunk
