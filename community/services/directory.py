"""The organisation directory (partner search): text search and faceted filters.

Each facet counts the organisations that match the text query and every *other*
active facet, so a visitor sees how many results a click would add. The number of
queries is constant: one count per facet, the page of results, and its total.
"""

from collections import Counter

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q

from community.models import Organisation, OrganisationKind
from taxonomy.facets import BY_LABEL, count_by, facet_options, merge_terms
from taxonomy.names import country_name, language_name, language_names, localised_names

ORGANISATIONS_PER_PAGE = 20
FACETS = ("kind", "country", "sector", "language")


def parse_filters(params):
    """Selected values per facet plus the text query, from request.GET."""
    kinds = set(OrganisationKind.values)
    languages = set(language_names())
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


def _counts(query, selected):
    """Counts per value of each facet, each within the organisations matching
    the text query and every other facet's selection: one query per facet."""

    sector_rows = (
        _filtered(query, selected, skip="sector")
        .filter(sectors__isnull=False)
        .values_list("sectors__slug", "sectors__name", "sectors__translation_key")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    languages = Counter()
    for codes in _filtered(query, selected, skip="language").values_list(
        "languages", flat=True
    ):
        languages.update(set(codes or []))
    return {
        "kind": count_by(_filtered(query, selected, skip="kind"), "kind"),
        "country": count_by(_filtered(query, selected, skip="country"), "country"),
        "sector": list(sector_rows),
        "language": languages,
    }


def facet_counts(query, selected):
    """{facet name: options}, each facet ordered by label."""
    counts = _counts(query, selected)
    sectors, own = merge_terms(counts.pop("sector"))
    names = localised_names([key for _name, key in own.values()])
    labels = {
        "kind": dict(OrganisationKind.choices),
        "country": country_name,
        "sector": {slug: names.get(key, name) for slug, (name, key) in own.items()},
        "language": language_name,
    }
    counts["sector"] = sectors
    return {
        name: facet_options(
            counts[name], selected=selected[name], label=labels[name], order=BY_LABEL
        )
        for name in FACETS
    }


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
