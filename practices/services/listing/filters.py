"""The listing's filters: its facets as taxonomy.filters reads them, plus the
sort order and the page number."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from taxonomy.filters import (
    IgnoredValue,
    Param,
    Selection,
    content_language,
    country_code,
    eqf_level,
    parse_facets,
    parse_query,
)

FACET_PARAMS = (
    Param("country", country_code),
    Param("language", content_language),
    Param("sector"),
    Param("theme"),
    Param("eqf", eqf_level),
    Param("target"),
)
FACET_NAMES = tuple(param.name for param in FACET_PARAMS)
FILTER_PARAMS = ("q", *FACET_NAMES)
SORTS = {
    "newest": ("-first_published_at", "-pk"),
    "title": ("title", "pk"),
}
DEFAULT_SORT = "newest"
DEFAULT_PER_PAGE = 12

__all__ = ["FILTER_PARAMS", "Filters", "IgnoredValue", "parse_filters"]


@dataclass
class Filters(Selection):
    """The chosen facets (``filters.chosen("sector")``: a tuple of slugs), the
    text query, the sort order and the page."""

    sort: str = DEFAULT_SORT
    page: int = 1
    # The page asked for when it was past the last one (the last one is shown).
    page_requested: int | None = None

    def __post_init__(self):
        self.facets = {name: tuple(self.facets.get(name, ())) for name in FACET_NAMES}

    def extra_params(self):
        return {
            "sort": "" if self.sort == DEFAULT_SORT else self.sort,
            "page": "" if self.page == 1 else self.page,
        }

    def params(self, **changes):
        """The view's parameters as data (the JSON export's ``filters``): the
        query as text, each chosen facet as a list, then sort and page."""
        params = {}
        for name, value in self.pairs(**changes):
            if name in self.facets:
                params.setdefault(name, []).append(value)
            else:
                params[name] = value
        return params


def parse_filters(params):
    """Read GET parameters; values that cannot be valid are dropped and reported."""
    facets, ignored = parse_facets(params, FACET_PARAMS)
    filters = Filters(q=parse_query(params), facets=facets)
    sort = str(params.get("sort", "")).strip()
    filters.sort = sort if sort in SORTS else DEFAULT_SORT
    if sort and sort not in SORTS:
        ignored.append(IgnoredValue("sort", sort, _("not a sort order")))
    page = str(params.get("page", "1")).strip() or "1"
    filters.page = int(page) if page.isdigit() and 0 < int(page) < 10**9 else 1
    if str(filters.page) != page.lstrip("0") or page == "0":
        ignored.append(IgnoredValue("page", page, _("not a page number")))
    filters.ignored = ignored
    return filters
