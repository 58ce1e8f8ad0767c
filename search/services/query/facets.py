"""The results' facets: either engine counts, taxonomy.facets labels them."""

from taxonomy.facets import BY_VALUE, build_facet
from taxonomy.names import (
    country_names,
    eqf_name,
    language_names,
    sector_names_by_slug,
    theme_names_by_slug,
)
from vetnet.cache import one_content_version

from .request import FACETS

# Facet name -> indexed keyword field.
FACET_FIELDS = {
    "language": "language",
    "country": "country",
    "sector": "sectors",
    "theme": "themes",
    "eqf": "eqf",
}
FACET_SIZES = {"language": 30, "country": 40, "sector": 40, "theme": 25, "eqf": 8}
# Name of a filter level shared by several facets' counts (facet_aggs).
SCOPE_PREFIX = "under_"


# --- Elasticsearch's counts ---------------------------------------------------------


def term_filters(filters, skip=None):
    """Elasticsearch filters: a practice has ANY of a facet's chosen values,
    for EVERY facet (but ``skip``)."""
    return [
        {"terms": {FACET_FIELDS[name]: list(values)}}
        for name, values in filters.items()
        if values and name != skip
    ]


def facet_aggs(filters):
    """Elasticsearch aggregations counting each facet among the matches of the
    query and of every OTHER facet's choice (the hits themselves are
    post-filtered): choosing one sector still shows what each other sector
    would add. Facets under the same other facets' choice share one filter
    level (with one facet chosen, the four others do): Elasticsearch tests each
    match against it once, not once per facet."""
    terms = {
        name: {"terms": {"field": FACET_FIELDS[name], "size": FACET_SIZES[name]}}
        for name in FACETS
    }
    scopes = {}
    for name in FACETS:
        others = tuple(
            (other, tuple(values))
            for other, values in filters.items()
            if values and other != name
        )
        scopes.setdefault(others, []).append(name)
    aggs = {}
    for others, names in scopes.items():
        if not others:  # counted among the query's matches: no filter level
            aggs.update((name, terms[name]) for name in names)
            continue
        aggs[SCOPE_PREFIX + "_".join(names)] = {
            "filter": {"bool": {"filter": term_filters(dict(others))}},
            "aggs": {name: terms[name] for name in names},
        }
    return aggs


def facet_counts(aggregations):
    """{facet name: [(value, count)]} from the answer to :func:`facet_aggs`."""
    found = {}
    for key, aggregation in aggregations.items():
        if key.startswith(SCOPE_PREFIX):
            found.update(
                (name, aggregation[name]["buckets"])
                for name in FACETS
                if name in aggregation
            )
        elif key in FACETS:
            found[key] = aggregation["buckets"]
    return {
        name: [(bucket["key"], bucket["doc_count"]) for bucket in found[name]]
        for name in FACETS
    }


# --- labels -------------------------------------------------------------------------


def _sector_label():
    names = sector_names_by_slug()
    return lambda slug: names.get(slug, slug.replace("-", " ").capitalize())


def _theme_label(slugs):
    names = theme_names_by_slug(slugs)
    return lambda slug: names.get(slug, slug.replace("-", " "))


def search_facets(counts, filters):
    """Facets in the engine's order (most results first; EQF levels by level).

    ``counts``: facet name -> [(value, count)]; ``filters``: facet name -> the
    values chosen. Links are the results page's (presentation.py): they toggle
    a value among the chosen ones.
    """
    values = {
        name: [(str(value), count) for value, count in counts.get(name, [])]
        for name in FACETS
    }
    # The names of every language and country in the active language, read
    # once for the search: language_name()/country_name() asked the active
    # language anew for each value (a context-local read, ~50 per search).
    # The sectors' and themes' names are kept per content version, read once
    # here for the three of them (one_content_version).
    with one_content_version():
        labels = {
            "language": language_names(),
            "country": country_names(),
            "sector": _sector_label(),
            "theme": _theme_label(
                [value for value, _count in values["theme"]]
                + [str(value) for value in filters.get("theme", [])]
            ),
            "eqf": eqf_name,
        }
    return [
        build_facet(
            name,
            values[name],
            selected=filters.get(name, []),
            label=labels[name],
            order=BY_VALUE if name == "eqf" else None,
        )
        for name in FACETS
    ]
