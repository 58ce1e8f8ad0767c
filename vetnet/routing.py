"""Wagtail's page routing in one query, the site and its routes kept per content
version.

Wagtail's serve view finds a page by walking the tree: the Site for the host (a
query), its root page (a query), the root in the active language (a query), its
specific row (a query), then for every path component the child with that slug (a
query) and its specific row (another). /practices/<slug>/ cost eight queries
before the page did any work of its own.

The walk's answer depends only on the tree, which changes only through what bumps
the content version (vetnet/cache.py: every page save, publish, move or delete;
sites and view restrictions too). So, per content version and per process:

- the site of a host and port, and its root page in each language;
- for a path, the pages along it (one query on their url_path, the same rows
  Wagtail's walk visits), kept in a bounded table.

Then one query loads the specific page. Pages whose class routes on its own
(RoutablePageMixin and any other override of ``route``) get the rest of the path
and route it as Wagtail would; so does everything this module does not know.
The result is handed to Wagtail's serve view through the attribute its
``route_for_request`` keeps the route in, so hooks, view restrictions, previews
and ``serve`` itself run unchanged.
"""

import copy
import logging
import sys
import threading

from django.conf import settings
from django.db.models.functions import Coalesce
from django.http import Http404
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

logger = logging.getLogger(__name__)

MAX_ROUTES = 20_000  # paths remembered per process and content version
MAX_PAGES = 2_000  # pages (and what they show) kept per process and content version

MEMO_KEY = "vetnet.routing"


def new_tables():
    return {
        "sites": {},
        "roots": {},
        "chains": {},
        "restricted": None,
        "root_paths": None,  # site_root_paths()
        "pages": KeptValues(MAX_PAGES, settings.PAGE_ROWS_BYTES, page_bytes),
        "shown": KeptValues(),  # version_memo()
    }


class KeptValues:
    """A table of values kept per content version, bounded by entries and by
    bytes: version_memo's (MAX_PAGES * 4 entries, settings.PAGE_MEMO_BYTES:
    rendered bodies are kept there, and a practice's body is as long as its
    authors make it) and the pages specific() loads (MAX_PAGES,
    settings.PAGE_ROWS_BYTES: each holds its parsed body).

    The size of a value is `size(value)`: by default its sys.getsizeof, the
    whole of a rendered text (str, bytes), the container alone for other values
    (rows and records of fixed shape, which the entry count bounds); pages are
    measured by page_bytes. The entries seen least recently go first, one by
    one, until a new one fits; a value larger than an eighth of the budget is
    not kept at all (it is made again on each request), so a few huge pages can
    never push out every other one.
    """

    def __init__(self, max_entries=None, max_bytes=None, size=sys.getsizeof):
        self.max_entries = max_entries or MAX_PAGES * 4
        self.max_bytes = max_bytes or settings.PAGE_MEMO_BYTES
        self.size = size
        self.bytes = 0
        self._values = {}  # key -> (value, size), least recently seen first
        self._lock = threading.Lock()

    def __len__(self):
        return len(self._values)

    def __contains__(self, key):
        return key in self._values

    def __getitem__(self, key):
        """The value kept under `key` (KeyError if none), leaving its place."""
        return self._values[key][0]

    def items(self):
        with self._lock:
            return [(key, value) for key, (value, _size) in self._values.items()]

    def get(self, key, make):
        """The value kept under `key`, else `make()`'s (kept when it fits)."""
        with self._lock:
            kept = self._values.pop(key, None)
            if kept is not None:
                self._values[key] = kept  # seen now: the last to go
                return kept[0]
        value = make()
        size = self.size(value)
        if size > self.max_bytes // 8:
            return value
        with self._lock:
            old = self._values.pop(key, None)  # made meanwhile by another thread
            if old is not None:
                self.bytes -= old[1]
            while self._values and (
                len(self._values) >= self.max_entries
                or self.bytes + size > self.max_bytes
            ):
                oldest = next(iter(self._values))
                self.bytes -= self._values.pop(oldest)[1]
            self._values[key] = (value, size)
            self.bytes += size
        return value


def text_bytes(value):
    """Bytes of the text in `value`: a str or bytes whole, the items of a
    dict, list or tuple walked (a StreamField's raw blocks are such a tree)."""
    if isinstance(value, str | bytes):
        return sys.getsizeof(value)
    if isinstance(value, dict):
        return sum(text_bytes(item) for item in value.values())
    if isinstance(value, list | tuple):
        return sum(text_bytes(item) for item in value)
    return 0


def page_bytes(page):
    """What a kept page weighs: the object, its text fields and the raw text of
    its StreamFields (what grows with what authors write; the parsed blocks a
    render adds are of the same order). Related rows are of fixed shape."""
    from wagtail.blocks import StreamValue

    total = sys.getsizeof(page)
    for value in vars(page).values():
        if isinstance(value, StreamValue):
            total += text_bytes(list(value.raw_data))
        else:
            total += text_bytes(value)
    return total


def memo(version):
    """This process's tables for `version` (None: the current one), from
    vetnet.cache.memo_per_version: new ones when the version moves (a thread
    still working on the old version fills the old tables, never these)."""
    from vetnet.cache import memo_per_version

    return memo_per_version(MEMO_KEY, new_tables, version)


def request_content_version(request):
    """The content version, read once per request (while the cache is out, a
    value never seen before: the routing tables are built afresh)."""
    from vetnet.cache import readable_content_version

    if not hasattr(request, "_vetnet_content_version"):
        request._vetnet_content_version = readable_content_version()
    return request._vetnet_content_version


def site_root_paths(request=None):
    """Wagtail's site root paths (what every page URL is made from), kept per
    content version: Wagtail reads them from the shared cache once per request,
    so a cache outage failed every page that links a page. Built here from the
    sites and their root pages' translations, most specific path first. It
    stands for ``Site.get_site_root_paths`` everywhere (vetnet/apps.py)."""
    tables = memo(request_content_version(request) if request is not None else None)
    if tables["root_paths"] is None:
        from wagtail.models.sites import SiteRootPath

        found = []
        for site in Site.objects.select_related("root_page").order_by(
            "-root_page__url_path", "-is_default_site", "hostname"
        ):
            for root in site.root_page.get_translations(inclusive=True).select_related(
                "locale"
            ):
                found.append(
                    SiteRootPath(
                        site.id, root.url_path, site.root_url, root.locale.language_code
                    )
                )
        tables["root_paths"] = found
    return tables["root_paths"]


def site_for(request, tables):
    """Site.find_for_request, from the table; a copy per request (the request may
    annotate it)."""
    from django.http.request import split_domain_port

    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    if key not in tables["sites"]:
        site = Site._find_for_request(request)  # what find_for_request keeps
        if site is not None:
            site = Site.objects.select_related("root_page").get(pk=site.pk)
        tables["sites"][key] = site
    site = tables["sites"][key]
    return copy.copy(site) if site is not None else None


def root_for(site, tables):
    """(pk, path, url_path, content type id, live) of the site's root in the
    active language (Wagtail's ``site.root_page.localized``)."""
    from django.utils import translation

    key = (site.pk, translation.get_language())
    if key not in tables["roots"]:
        root = site.root_page.localized
        tables["roots"][key] = (
            root.pk,
            root.path,
            root.url_path,
            root.content_type_id,
            root.live,
        )
    return tables["roots"][key]


def chain_for(root, components, tables):
    """{depth offset: (pk, content type id, live)} of the pages along the path
    below `root` (1 = its child named by the first component, ...)."""
    key = (root[0], tuple(components))
    chains = tables["chains"]
    if key not in chains:
        path, url_path = root[1], root[2]
        wanted = {}
        for n in range(1, len(components) + 1):
            wanted[url_path + "/".join(components[:n]) + "/"] = n
        rows = Page.objects.filter(
            url_path__in=list(wanted), path__startswith=path
        ).values_list("url_path", "pk", "content_type_id", "live", "depth")
        root_depth = len(path) // Page.steplen
        chain = {}
        for row_url_path, pk, content_type_id, live, depth in rows:
            n = wanted[row_url_path]
            if depth == root_depth + n:  # a stale url_path elsewhere: ignored
                chain[n] = (pk, content_type_id, live)
        if len(chains) >= MAX_ROUTES:
            chains.clear()
        chains[key] = chain
    return chains[key]


def page_class(content_type_id):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_id(content_type_id).model_class()


def routes_itself(cls):
    """True for page classes that route their own sub-paths."""
    return cls is None or getattr(cls, "route", None) is not Page.route


def specific(cls, pk, tables):
    """The page to serve; a class names the relations its page shows in
    ``serve_select_related`` (loaded in the same query).

    Kept per content version: the row and those relations change only through
    what bumps the version (page saves, organisations, images, ...). Each request
    gets its own shallow copy (views annotate the page); what the copies share
    (the parsed body, the related rows) is only read. The table is bounded by
    entries and bytes (KeptValues, page_bytes).
    """
    related = getattr(cls, "serve_select_related", ())
    page = tables["pages"].get(
        pk, lambda: cls._default_manager.select_related(*related).get(pk=pk)
    )
    return copy.copy(page)


def version_memo(name, key, make):
    """What `make()` returns, kept per process and content version under (name,
    key): for what a page shows that depends only on content (the content
    version moves with every change to it). The caller puts in `key` whatever
    else the answer depends on (the language). Bounded by entries and bytes
    (KeptValues)."""
    from django.utils import translation

    shown = memo(None)["shown"]
    return shown.get((name, translation.get_language(), key), make)


def route(request, path):
    """Wagtail's route for `path` (a RouteResult), None when Wagtail would not
    route it (no site); raises Http404 as Wagtail's walk does."""
    tables = memo(request_content_version(request))
    site = site_for(request, tables)
    request._wagtail_site = site
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    any_view_restrictions(tables)
    root = root_for(site, tables)
    chain = chain_for(root, components, tables)
    pk, content_type_id, live = root[0], root[3], root[4]
    for n in range(len(components) + 1):
        if n:
            if n not in chain:
                raise Http404
            pk, content_type_id, live = chain[n]
        cls = page_class(content_type_id)
        if routes_itself(cls):
            page = Page.objects.get(pk=pk).specific
            return page.route(request, components[n:])
    if not live:
        raise Http404
    return RouteResult(specific(cls, pk, tables))


class FastRouteMiddleware:
    """Routes requests for Wagtail's serve view (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail.views import serve as wagtail_serve

        if view_func is not wagtail_serve or hasattr(
            request, "_wagtail_route_for_request"
        ):
            return None
        if not hasattr(request, "_wagtail_cached_site_root_paths"):
            request._wagtail_cached_site_root_paths = site_root_paths(request)
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        try:
            request._wagtail_route_for_request = route(request, path)
        except Http404:
            request._wagtail_route_for_request = None
        except Page.DoesNotExist:  # deleted between the table and now
            logger.info("fast route: %s moved under us; Wagtail routes it", path)
            from vetnet.cache import forget_memo

            forget_memo(MEMO_KEY)
            del request._wagtail_site
        return None


def any_view_restrictions(tables=None):
    """Whether any page has a view restriction, kept per content version: looked
    up when routing (`tables` given), None while not known in this version."""
    if tables is None:
        return memo(None)["restricted"]
    if tables["restricted"] is None:
        tables["restricted"] = PageViewRestriction.objects.exists()
    return tables["restricted"]


def public(queryset):
    """``queryset.public()`` (pages outside private sections), without Wagtail's
    query of every restriction while none exists (as routing found)."""
    return queryset if any_view_restrictions() is False else queryset.public()


class ViewRestrictionsInOneQueryMixin:
    """Wagtail's view-restriction check for a page in one query instead of two,
    and in none while no page of the site has a restriction (as routing found).

    Wagtail checks this on every request it serves: the restrictions on the page
    and on each of its ancestors, an alias standing for the page it copies.
    Page.get_view_restrictions first loads the ancestors (a query) and then their
    restrictions (another). The ancestors' paths are prefixes of this page's path,
    so both steps fit in one statement. Same restrictions, same order of checks.
    """

    def get_view_restrictions(self):
        if any_view_restrictions() is False:
            return PageViewRestriction.objects.none()
        steplen = Page.steplen
        paths = [self.path[: steplen * depth] for depth in range(1, self.depth + 1)]
        sections = Page.objects.filter(path__in=paths).values(
            section=Coalesce("alias_of_id", "id")
        )
        return PageViewRestriction.objects.filter(page_id__in=sections)
