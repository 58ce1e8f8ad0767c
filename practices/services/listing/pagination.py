"""The listing's pagination: numbers with gaps, previous and next links."""

from dataclasses import dataclass

from vetnet.pagination import page_links

from .filters import Filters


@dataclass
class PageInfo:
    number: int
    num_pages: int
    per_page: int
    total: int
    filters: Filters

    # Read by templates/includes/page_links.html: relative addresses that
    # keep the filters and the sort ("?sector=…&sort=title&page=2").

    def address(self, number):
        """Page `number` of this view; the first page without ?page=."""
        return self.filters.querystring(page=number if number > 1 else None)

    @property
    def previous_url(self):
        return self.address(self.number - 1) if self.number > 1 else ""

    @property
    def next_url(self):
        return self.address(self.number + 1) if self.number < self.num_pages else ""

    @property
    def start_index(self):
        return 0 if self.total == 0 else (self.number - 1) * self.per_page + 1

    @property
    def end_index(self):
        return min(self.number * self.per_page, self.total)

    def links(self):
        """Page numbers with gaps (None) for long ranges: 1 … 4 5 6 … 20."""
        return page_links(self.number, self.num_pages, self.address)
