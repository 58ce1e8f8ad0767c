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

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.num_pages

    @property
    def previous_querystring(self):
        return self.filters.querystring(page=self.number - 1)

    @property
    def next_querystring(self):
        return self.filters.querystring(page=self.number + 1)

    @property
    def start_index(self):
        return 0 if self.total == 0 else (self.number - 1) * self.per_page + 1

    @property
    def end_index(self):
        return min(self.number * self.per_page, self.total)

    def links(self):
        """Page numbers with gaps (None) for long ranges: 1 … 4 5 6 … 20."""
        return page_links(
            self.number,
            self.num_pages,
            lambda n: self.filters.querystring(page=n),
            key="querystring",
        )
