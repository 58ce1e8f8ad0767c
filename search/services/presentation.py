"""What the results page needs beyond the results: links that toggle a facet,
pagination, the "did you mean" link, language names for the badges, the labels
of the "Events and organisations" block."""

from dataclasses import replace

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from taxonomy.facets import Facet
from taxonomy.names import country_names, language_names

FACET_TITLES = {
    "language": _("Language"),
    "country": _("Country"),
    "sector": _("Sector"),
    "theme": _("Theme"),
    "eqf": _("EQF level"),
}
DIRECTORY_KINDS = {"event": _("Event"), "organisation": _("Organisation")}


def _query_string(request_data, **changes):
    data = QueryDict(mutable=True)
    for key, values in request_data.lists():
        if key != "page":
            data.setlist(key, values)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        elif isinstance(value, list):
            data.setlist(key, value)
        else:
            data[key] = value
    encoded = data.urlencode()
    return f"?{encoded}" if encoded else "?"


def _toggle(request_data, name, value):
    values = list(request_data.getlist(name))
    values = [v for v in values if v != value] if value in values else [*values, value]
    return _query_string(request_data, **{name: values})


def _pages(results, request_data):
    current, last = results.request.page, results.num_pages
    numbers = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    pages, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            pages.append({"gap": True})
        pages.append(
            {
                "number": number,
                "current": number == current,
                "url": _query_string(request_data, page=str(number)),
            }
        )
        previous = number
    return {
        "pages": pages if last > 1 else [],
        "previous_url": _query_string(request_data, page=str(current - 1))
        if current > 1
        else "",
        "next_url": _query_string(request_data, page=str(current + 1))
        if current < last
        else "",
    }


def directory_items(directory):
    countries = country_names()
    return [
        {
            "hit": hit,
            "kind_label": DIRECTORY_KINDS.get(hit.kind, hit.kind),
            "country_name": countries.get(hit.country, hit.country)
            if hit.country
            else "",
        }
        for hit in directory
    ]


def results_context(request, results, directory=()):
    data = request.GET
    languages = language_names()
    facets = [
        Facet(
            facet.name,
            [
                replace(option, querystring=_toggle(data, facet.name, option.value))
                for option in facet.options
            ],
            FACET_TITLES[facet.name],
        )
        for facet in results.facets
        if facet.options
    ]
    hits = [
        {"hit": hit, "language_name": languages.get(hit.language, hit.language)}
        for hit in results.hits
    ]
    first = (results.request.page - 1) * results.request.per_page
    return {
        "q": results.request.q,
        "search_query": results.request.q,  # fills the header's search box
        "results": results,
        "hits": hits,
        "directory": directory_items(directory),
        "facets": facets,
        "degraded": results.degraded,
        "did_you_mean": results.did_you_mean,
        "did_you_mean_url": _query_string(data, q=results.did_you_mean)
        if results.did_you_mean
        else "",
        "first_number": first + 1,
        "last_number": first + len(results.hits),
        "active_filters": bool(results.request.filters),
        "clear_filters_url": _query_string(QueryDict(mutable=True), q=results.request.q)
        if results.request.q
        else "?",
        **_pages(results, data),
    }
