"""The repository listing: filters, facets with counts, sorting, pages, exports.

One service for the HTML listing, the CSV / JSON exports and the Atom feed, so the
three always agree on what a filtered view contains. Everything is computed with a
fixed number of SQL queries whatever the page size (see build.build_listing).

filters      GET parameters -> Filters, and the links that change them
queryset     published, public practices matching the filters
facets       the facet counts (one UNION ALL, cached per publish) and their labels
cards        each practice's taxonomy, in the visitor's language
pagination   page numbers and links
build        the entry points below
"""

from .build import build_listing, iter_export
from .filters import Filters, parse_filters

__all__ = ["Filters", "build_listing", "iter_export", "parse_filters"]
