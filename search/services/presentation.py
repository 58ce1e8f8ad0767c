"""What the results page needs beyond the results: links that toggle a facet,
pagination, the "did you mean" link, language names for the badges, the labels
of the "Events and organisations" block."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from taxonomy.facets import Facet, option_labels
from taxonomy.names import country_names, language_names
from vetnet.pagination import Pages

FACET_TITLES = {
    "language": _("Language"),
    "country": _("Country"),
    "sector": _("Sector"),
    "theme": _("Theme"),
    "eqf": _("EQF level"),
}
DIRECTORY_KINDS = {"event": _("Event"), "organisation": _("Organisation")}


def _pages(results, selection, asked=None):
    """The results' pages, their links in the canonical order of the facets."""
    return Pages(
        results.request.page,
        results.num_pages,
        lambda number: selection.querystring(page=number if number > 1 else None),
        asked,
    )


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


def results_context(request, results, directory=(), asked=None):
    # Links and hidden inputs come from the parsed request, in canonical order:
    # the same choice always writes the same permalink.
    selection = results.request.selection
    languages = language_names()
    facets = []
    for facet in results.facets:
        if not facet.options:
            continue
        link = selection.link_maker(facet.name)
        facets.append(
            Facet(
                facet.name,
                [
                    replace(
                        option, querystring=link(_chosen_form(facet.name, option.value))
                    )
                    for option in facet.options
                ],
                FACET_TITLES[facet.name],
            )
        )
    chips = selection.chips(
        {facet.name: option_labels(facet.options) for facet in facets}, FACET_TITLES
    )
    hits = [
        {"hit": hit, "language_name": languages.get(hit.language, hit.language)}
        for hit in results.hits
    ]
    first = (results.request.page - 1) * results.request.per_page
    return {
        "q": results.request.q,
        "search_query": results.request.q,  # fills the header's search box
        "results": results,
        "filters": selection,
        "hits": hits,
        "directory": directory_items(directory),
        "facets": facets,
        "chips": chips,
        "degraded": results.degraded,
        "did_you_mean": results.did_you_mean,
        "some_words": results.some_words,
        "did_you_mean_url": selection.querystring(q=results.did_you_mean, page=None)
        if results.did_you_mean
        else "",
        # The permalink a member may save (follow): the query and facets only.
        "saved_search_query": selection.querystring(page=None),
        "first_number": first + 1,
        "last_number": first + len(results.hits),
        "active_filters": bool(results.request.filters),
        "clear_filters_url": selection.querystring(
            **dict.fromkeys(selection.facets), page=None
        ),
        "pages": _pages(results, selection, asked),
    }


def _chosen_form(name, value):
    """A facet value as the parser keeps it (EQF levels are numbers)."""
    return int(value) if name == "eqf" else str(value)
