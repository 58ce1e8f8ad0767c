"""The results' facets: either engine counts, taxonomy.facets labels them."""

from taxonomy.facets import BY_VALUE, build_facet
from taxonomy.names import country_name, eqf_name, language_name, sector_names_by_slug

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


def _sector_label(slugs):
    names = sector_names_by_slug(slugs)
    return lambda slug: names.get(slug, slug.replace("-", " ").capitalize())


def _theme_label(slugs):
    from taggit.models import Tag

    names = dict(Tag.objects.filter(slug__in=slugs).values_list("slug", "name"))
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
    labels = {
        "language": language_name,
        "country": country_name,
        "sector": _sector_label([value for value, _count in values["sector"]]),
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
