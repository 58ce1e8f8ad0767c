"""The listing's pagination: vetnet.pagination.Pages, with links by the
listing's canonical query strings."""

from vetnet.pagination import Pages


def page_info(filters, num_pages):
    """Read by templates/includes/page_links.html: relative addresses that keep
    the filters and the sort ("?sector=…&sort=title&page=2"), the first page
    without ?page=. A page past the end has the listing's own notice
    (filters.page_requested)."""
    return Pages(
        filters.page,
        num_pages,
        lambda number: filters.querystring(page=number if number > 1 else None),
    )
