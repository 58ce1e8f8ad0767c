"""The one pagination of the site: how a listing reads ?page=, which page it
shows, and the links it writes (1 … 4 5 6 … 20, previous and next), drawn by
templates/includes/page_links.html with the notice of
templates/includes/page_notice.html.

A ?page= value that is no page number (text, zero, negative) shows the first
page; one past the last page shows the last page; either way with a notice
saying so (``Pages.asked``), answered 200 so that a shared link still shows
something. Links keep every other parameter of the page (filters, q, facets,
sort) and name the first page without ?page=.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpResponsePermanentRedirect, QueryDict

MAX_PAGE = 10**9


def parse_page(raw):
    """(number, valid): the page a ?page= value asks for; (1, True) when there
    is none, (1, False) when it is no page number (text, zero, negative)."""
    text = str(raw if raw is not None else "").strip()
    if not text:
        return 1, True
    if text.isdigit() and 0 < int(text) < MAX_PAGE:
        return int(text), True
    return 1, False


def shown_page(raw, num_pages):
    """(number, asked): the page a ?page= value shows among `num_pages` pages,
    and the value itself when it named no page shown (else None)."""
    number, valid = parse_page(raw)
    if valid and number <= num_pages:
        return number, None
    return min(number, num_pages), str(raw).strip()


def page_numbers(number, num_pages):
    """The first and last pages and the current one with its neighbours, in
    order, with None where numbers are left out (shown as an ellipsis)."""
    wanted = {1, num_pages, number - 1, number, number + 1}
    shown = sorted(n for n in wanted if 1 <= n <= num_pages)
    result, previous = [], 0
    for n in shown:
        if n - previous > 1:
            result.append(None)
        result.append(n)
        previous = n
    return result


def page_links(number, num_pages, address):
    """``page_numbers`` as templates/includes/page_links.html reads them: None
    for a gap, else the page's number, whether it is the current one, and its
    address, ``url``: ``address(n)``. No links at all when there is one page
    (the include then shows nothing)."""
    if num_pages <= 1:
        return []
    return [
        None if n is None else {"number": n, "current": n == number, "url": address(n)}
        for n in page_numbers(number, num_pages)
    ]


def query_address(params, name="page"):
    """address(n) for a page whose other parameters are `params` (a QueryDict:
    request.GET): a relative address keeping each of them as sent, page n as
    ``name`` (none for the first page), "?" when nothing is left."""
    kept = QueryDict(mutable=True)
    for key, values in params.lists():
        if key != name:
            kept.setlist(key, values)

    def address(number):
        query = kept.copy()
        if number > 1:
            query[name] = str(number)
        return f"?{query.urlencode()}"

    return address


@dataclass
class Pages:
    """Where a listing is among its pages, as the includes read it."""

    number: int
    num_pages: int
    address: Callable[[int], str]
    asked: str | None = None  # the ?page= value when it named no page shown

    @property
    def has_other_pages(self):
        return self.num_pages > 1

    @property
    def past_the_end(self):
        return self.asked is not None and parse_page(self.asked)[1]

    @property
    def url(self):
        """This page's own address (where a form on it sends the user back)."""
        return self.address(self.number)

    @property
    def previous_url(self):
        return self.address(self.number - 1) if self.number > 1 else ""

    @property
    def next_url(self):
        return self.address(self.number + 1) if self.number < self.num_pages else ""

    @property
    def links(self):
        return page_links(self.number, self.num_pages, self.address)


def paginate(items, per_page, params, address=None):
    """(page, pages): the Django page of `items` that ``params["page"]`` asks
    for (see the module's docstring for values out of range) and its ``Pages``;
    links by ``address`` or, by default, ``query_address(params)``."""
    paginator = Paginator(items, per_page)
    number, asked = shown_page(params.get("page"), paginator.num_pages)
    page = paginator.page(number)
    pages = Pages(number, paginator.num_pages, address or query_address(params), asked)
    return page, pages


def renamed_page(request, old_name):
    """A permanent redirect from a listing's address that names its page by
    ``old_name`` (a bookmark from before it took ?page=) to the same page under
    ?page=, every other parameter kept; None when there is nothing to rename.
    When both are named, ?page= wins and the stale one is dropped."""
    if old_name not in request.GET:
        return None
    params = request.GET.copy()
    old = params.pop(old_name)[-1]
    if "page" not in params:
        params["page"] = old
    number = str(params["page"]).strip()
    if number in ("1", ""):  # the first page has no ?page=, as its links say
        del params["page"]
    query = params.urlencode()
    return HttpResponsePermanentRedirect(
        f"{request.path}?{query}" if query else request.path
    )


def back_to(url, params, name="back"):
    """`url` with the query string a form on one of its pages sent as ``name``
    (``request.GET.urlencode`` there): an action on page 3 of a filtered table
    returns to page 3 with its filters. Only a query string is taken, re-encoded,
    so the answer leads to `url` and nowhere else."""
    query = QueryDict(str(params.get(name, "")).lstrip("?")).urlencode()
    return f"{url}?{query}" if query else url
