"""The organisation directory (partner search): text search and faceted filters.

Each facet counts the organisations that match the text query and every *other*
active facet, so a visitor sees how many results a click would add. The number of
queries is constant: one count per facet, the page of results, and its total.
"""

from collections import Counter

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.utils.translation import get_language
from django_countries import countries

from community.models import Organisation, OrganisationKind

ORGANISATIONS_PER_PAGE = 20
FACETS = ("kind", "country", "sector", "language")


def _language_names():
    return dict(settings.CONTENT_LANGUAGE_CHOICES)


def parse_filters(params):
    """Selected values per facet plus the text query, from request.GET."""
    kinds = set(OrganisationKind.values)
    languages = set(_language_names())
    selected = {
        "kind": [v for v in params.getlist("kind") if v in kinds],
        "country": [v.upper() for v in params.getlist("country") if len(v) == 2],
        "sector": [v for v in params.getlist("sector") if v][:20],
        "language": [v for v in params.getlist("language") if v in languages],
    }
    query = (params.get("q") or "").strip()[:200]
    return query, selected


def _filtered(query, selected, skip=None):
    qs = Organisation.objects.all()
    if query:
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(short_name__icontains=query)
            | Q(description__icontains=query)
            | Q(city__icontains=query)
        )
    if selected["kind"] and skip != "kind":
        qs = qs.filter(kind__in=selected["kind"])
    if selected["country"] and skip != "country":
        qs = qs.filter(country__in=selected["country"])
    if selected["sector"] and skip != "sector":
        qs = qs.filter(
            pk__in=Organisation.objects.filter(
                sectors__slug__in=selected["sector"]
            ).values("pk")
        )
    if selected["language"] and skip != "language":
        qs = qs.filter(pk__in=_ids_speaking(selected["language"]))
    return qs


def _ids_speaking(codes):
    # JSON containment (`contains`) is not available on SQLite; the codes are
    # stored as a JSON list of quoted ISO 639-1 codes, so a quoted text match
    # is exact on both databases.
    match = Q()
    for code in codes:
        match |= Q(languages__icontains=f'"{code}"')
    return Organisation.objects.filter(match).values("pk")


def _option(value, label, count, selected_values):
    return {
        "value": value,
        "label": label,
        "count": count,
        "selected": value in selected_values,
    }


def facet_counts(query, selected):
    kind_labels = dict(OrganisationKind.choices)
    kind_rows = (
        _filtered(query, selected, skip="kind")
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    kind = sorted(
        (
            _option(
                r["kind"],
                kind_labels.get(r["kind"], r["kind"]),
                r["n"],
                selected["kind"],
            )
            for r in kind_rows
        ),
        key=lambda o: str(o["label"]),
    )

    country_rows = (
        _filtered(query, selected, skip="country")
        .values("country")
        .annotate(n=Count("pk"))
        .order_by()
    )
    country = sorted(
        (
            _option(
                r["country"], countries.name(r["country"]), r["n"], selected["country"]
            )
            for r in country_rows
        ),
        key=lambda o: str(o["label"]),
    )

    sector_rows = (
        _filtered(query, selected, skip="sector")
        .filter(sectors__isnull=False)
        .values("sectors__slug", "sectors__name", "sectors__translation_key")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    local_names = _sector_names_in_active_locale(
        [r["sectors__translation_key"] for r in sector_rows]
    )
    sector = sorted(
        (
            _option(
                r["sectors__slug"],
                local_names.get(r["sectors__translation_key"], r["sectors__name"]),
                r["n"],
                selected["sector"],
            )
            for r in sector_rows
        ),
        key=lambda o: str(o["label"]),
    )

    counter = Counter()
    for codes in _filtered(query, selected, skip="language").values_list(
        "languages", flat=True
    ):
        counter.update(set(codes or []))
    names = _language_names()
    language = sorted(
        (
            _option(code, names.get(code, code), n, selected["language"])
            for code, n in counter.items()
        ),
        key=lambda o: str(o["label"]),
    )
    return {"kind": kind, "country": country, "sector": sector, "language": language}


def _sector_names_in_active_locale(translation_keys):
    from taxonomy.models import Sector

    if not translation_keys:
        return {}
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return dict(
        Sector.objects.filter(
            translation_key__in=set(translation_keys), locale__language_code=language
        ).values_list("translation_key", "name")
    )


def search_organisations(params):
    """Context for /organisations/: results page, facets, the active query."""
    query, selected = parse_filters(params)
    results = (
        _filtered(query, selected)
        .select_related("logo")
        .prefetch_related(Prefetch("sectors"))
        .order_by("name")
    )
    page = Paginator(results, ORGANISATIONS_PER_PAGE).get_page(params.get("page"))
    active = any(selected.values()) or bool(query)
    return {
        "organisations": page,
        "facets": facet_counts(query, selected),
        "query": query,
        "selected": selected,
        "filters_active": active,
    }
