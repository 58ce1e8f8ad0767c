"""The organisation directory (partner search): text search and faceted filters.

Each facet counts the organisations that match the text query and every *other*
active facet, so a visitor sees how many results a click would add. The number of
queries is constant: one count per facet, the page of results, and its total.
"""

from collections import Counter

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from community.models import Organisation, OrganisationKind
from taxonomy.facets import (
    BY_LABEL,
    Facet,
    count_by,
    facet_options,
    merge_terms,
    option_labels,
)
from taxonomy.filters import (
    Param,
    Selection,
    choice,
    content_language,
    country_code,
    parse_facets,
    parse_query,
)
from taxonomy.names import country_name, language_name, localised_names
from vetnet.pagination import paginate

ORGANISATIONS_PER_PAGE = 20
FACETS = ("kind", "country", "sector", "language")


def _spec():
    return (
        Param("kind", choice(OrganisationKind.values)),
        Param("country", country_code),
        Param("sector"),
        Param("language", content_language),
    )


def directory_params():
    """The directory's facets, in its order (views redirect to the canonical
    order of their values)."""
    return _spec()


def parse_selection(params):
    """The directory's address read by the one parser of faceted pages: the
    text query and the values chosen per facet (several per facet: OR within,
    AND across), invalid values reported."""
    facets, ignored = parse_facets(params, _spec())
    return Selection(q=parse_query(params), facets=facets, ignored=ignored)


def parse_filters(params):
    """(text query, {facet: [values]}) from request.GET."""
    selection = parse_selection(params)
    return selection.q, {name: list(v) for name, v in selection.facets.items()}


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


FACET_TITLES = {
    "kind": _("Type"),
    "country": _("Country"),
    "sector": _("Sector"),
    "language": _("Language"),
}


def search_organisations(params):
    """Context for /organisations/: results page, facets, the active query."""
    selection = parse_selection(params)
    query = selection.q
    selected = {name: list(values) for name, values in selection.facets.items()}
    results = (
        _filtered(query, selected)
        .select_related("logo")
        .prefetch_related(Prefetch("sectors"))
        .order_by("name")
    )
    page, pages = paginate(results, ORGANISATIONS_PER_PAGE, params)
    options = facet_counts(query, selected)
    facets = [Facet(name, options[name], FACET_TITLES[name]) for name in FACETS]
    return {
        "organisations": page,
        "pages": pages,
        "facets": options,
        "facet_groups": facets,
        "filters": selection,
        "chips": selection.chips(
            {name: option_labels(options[name]) for name in FACETS},
            FACET_TITLES,
            query_title=_("Text"),
        ),
        "query": query,
        "selected": selected,
        "filters_active": selection.active,
    }
