"""HTTP caching of anonymous pages: one policy, told to every cache by headers.

Every response leaves with the Cache-Control that says who may keep it:

- personal (the visitor is signed in, sent a session or messages cookie, or the
  response sets any cookie, which includes the CSRF cookie of a page with a form):
  ``private, no-store`` and friends, never kept by a shared cache;
- an anonymous GET answered 200 on the public site: ``public, max-age=0,
  s-maxage=N`` with ``Vary: Cookie``. N is FRONT_CACHE_SECONDS for the pages whose
  changes purge the front cache (vetnet/frontcache.py): Wagtail pages (home,
  practices, events, news), the practice feed, the organisation pages, the
  insights charts (the listing's figures, with their downloads) and each page of
  a forum thread; the home page keeps HOME_CACHE_SECONDS at most (its active
  rooms change without a publish); every other public page (search, rooms and
  the thread listing, members, the API) gets FRONT_CACHE_SHORT_SECONDS;
- the admin, accounts, documents and /healthz: never cached.

The language comes from the URL prefix alone (LocaleMiddleware forces English on
unprefixed paths because prefix_default_language is off), so the Accept-Language
that LocaleMiddleware adds to Vary is dropped: it would split every cached page
into one copy per browser language for nothing.

A page whose making overlapped a publish (the content version moved between the
start of the request and its answer) leaves with ``no-store``: it may show the old
content, and the publish's purge may already have reached the proxy, which would
then keep the old page until the next purge.

The same middleware keeps an optional copy of public pages in Django's cache for
the embedded run (Daphne alone, no proxy in front): PAGE_CACHE_SECONDS (0 = off).
Those copies are keyed on a content version bumped by every publish, unpublish,
move or delete and by the snippets pages show, and checked against the scope
versions they read (an event's seats), so they are never out of date.
"""

import contextlib
import contextvars
import hashlib
import logging
import time
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import (
    add_never_cache_headers,
    patch_cache_control,
    patch_response_headers,
)

from vetnet import cache_gc

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:content-version"
HEADER = "X-Page-Cache"
PERSONAL_COOKIES = ("sessionid", "messages")
NEVER_CACHED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/healthz")
# Views whose pages are purged when what they show changes (vetnet/frontcache.py).
PURGED_VIEWS = {
    "wagtail_serve",
    "practices:feed",
    "community:organisations",
    "community:organisation",
    # The repository's figures: purged with the practices (vetnet/frontcache.py).
    "insights:index",
    "insights:download",
    # Each page of a thread: purged by its posts' changes (forums/services/pages.py).
    "forums:thread_detail",
}


def page_cache_seconds():
    """Lifetime of the Django-side copies (embedded run); 0 turns them off."""
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 300))


def facet_cache_seconds():
    """Lifetime of the listing's facet counts between publishes; 0 turns it off.
    A data cache of its own: it stays on when pages are not kept (behind nginx)."""
    return int(getattr(settings, "FACET_CACHE_SECONDS", 300))


def front_cache_seconds():
    return int(getattr(settings, "FRONT_CACHE_SECONDS", 600))


def short_cache_seconds():
    return int(getattr(settings, "FRONT_CACHE_SHORT_SECONDS", 30))


def home_cache_seconds():
    return int(getattr(settings, "HOME_CACHE_SECONDS", 30))


def is_home(path):
    codes = {code for code, _name in settings.LANGUAGES}
    return path == "/" or (path.strip("/") in codes and path.endswith("/"))


# --- the policy -----------------------------------------------------------------------


def is_personal(request, response):
    if any(name in request.COOKIES for name in PERSONAL_COOKIES):
        return True
    if response.cookies:
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def shared_seconds(request):
    """How long a shared cache may keep this anonymous page, 0 for not at all."""
    path = request.path
    if path.startswith(NEVER_CACHED_PREFIXES):
        return 0
    if is_home(path):
        return min(home_cache_seconds(), front_cache_seconds())
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name in PURGED_VIEWS:
        return front_cache_seconds()
    return short_cache_seconds()


def is_answer_to_a_form(request, response):
    """A POST answered with a page of its own (a refused form showing what was
    typed and what to fix), not with a redirect."""
    return request.method == "POST" and not 300 <= response.status_code < 400


def apply_policy(request, response):
    """Set Cache-Control and Vary; return the shared lifetime (0: not shareable)."""
    if is_answer_to_a_form(request, response) and not response.has_header(
        "Cache-Control"
    ):
        # The browser may keep it (private: no shared cache ever does), always
        # asking again before using it, except when Back or Forward returns to
        # it: then Chromium shows it from its own cache, the form with what was
        # typed. With no-store it has nothing to show there and says
        # "Confirm Form Resubmission" (ERR_CACHE_MISS) instead.
        patch_response_headers(response, cache_timeout=0)
        patch_cache_control(response, private=True, no_cache=True)
        return 0
    if is_personal(request, response):
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return 0
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return 0
    if response.has_header("Cache-Control"):  # static files, views that decided
        return 0
    seconds = shared_seconds(request)
    if seconds <= 0:
        add_never_cache_headers(response)
        return 0
    patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    vary = [v for v in vary if v.lower() not in ("accept-language", "cookie")]
    response["Vary"] = ", ".join([*vary, "Cookie"])
    return seconds


# --- the content version (Django-side copies, facet counts) ------------------------------


# The version an anonymous request started with (set by PageCacheMiddleware):
# every part of the page reads the same one, in one round trip to the cache.
_request_version = contextvars.ContextVar("vetnet_content_version", default=None)


def content_version():
    known = _request_version.get()
    if known:
        return known[0]
    return counter(VERSION_KEY)


def counter(key):
    """The version counter at `key`. A lost counter (cache flushed, evicted)
    starts again above every value it had before: processes keep tables per
    version (vetnet/routing.py, taxonomy.names), and an old number must never
    come back."""
    version = cache.get(key)
    if version is None:
        cache.add(key, time.time_ns(), timeout=None)
        version = cache.get(key, 1)
    return version


def readable(read, what):
    """``read()`` (a version counter), or while the cache is out a value never
    seen before: what is kept per version is then built afresh (slower) rather
    than every page failing, or kept past changes nobody could count. The one
    outage rule of every version: content, scopes, the search index."""
    try:
        return read()
    except Exception:  # noqa: BLE001 - a cache outage degrades to nothing kept
        logger.warning("cache: %s unavailable", what, exc_info=True)
        return ("unread", time.monotonic_ns())


def readable_content_version():
    """content_version(), or while the cache is out a value never seen before."""
    return readable(content_version, "content version")


_memos = {}


def memo_per_version(key, build, version=None):
    """This process's value for `key` in the current content version: ``build()``
    makes it once per process and version (a new one as soon as the version
    moves). `version` defaults to content_version(); a caller that read it
    already (routing, once per request) passes it. A thread still busy with an
    old version keeps the value it got; the value may be a dict filled lazily."""
    if version is None:
        version = readable_content_version()
    known = _memos.get(key)
    if known is None or known[0] != version:
        known = _memos[key] = (version, build())
        cache_gc.settle()  # long-lived: out of the cycle collector's walks
    return known[1]


def forget_memo(key):
    """Drop `key`'s value (the next call builds it again, same version or not)."""
    _memos.pop(key, None)


def counters(*keys):
    """{key: its version counter} of ``keys``, read in one round trip
    (:func:`counter`'s rule for a lost one)."""
    found = cache.get_many(keys)
    return {
        key: found[key] if found.get(key) is not None else counter(key) for key in keys
    }


@contextlib.contextmanager
def one_content_version(*others):
    """Inside the block every memo_per_version() (every content_version())
    reads the version once, as all the parts of an anonymous page do
    (PageCacheMiddleware). For work that asks for several values kept per
    version outside such a request: a signed-in member's search, whose facet
    labels are three of them (one Redis round trip each before). Inside a
    request that holds the version already, or while the cache is out,
    nothing changes. The block is given {key: counter} of the ``others``
    counter keys, read in the same round trip (empty when the version was
    held already or the cache is out: they are the caller's to read)."""
    if _request_version.get():
        yield {}
        return
    try:
        found = counters(VERSION_KEY, *others)
    except Exception:  # noqa: BLE001 - a cache outage: each read as before
        logger.warning("cache: content version unavailable", exc_info=True)
        found = {}
    version = found.pop(VERSION_KEY, None)
    token = _request_version.set([version] if version else None)
    try:
        yield found
    finally:
        _request_version.reset(token)


# --- scoped versions: what one kind of change alone shows ---------------------------------


# Some changes show in one fragment of one page only: a registration changes the
# seats left on its event's page, nothing else any cached page shows; a post shows
# on its thread's pages alone. They move
# the version of their scope instead of the content version, so the practice
# listing, its cards and facets, the home page and every other page kept per
# content version survive a registration. What shows a scope reads its version
# with scope_version(); the request notes each one it read, and its page is kept
# (Django-side) and shared (front cache) only while those versions hold too.
SCOPE_KEY = "page-cache:scope:{}"
# The scope a saved or deleted instance moves (labels: vetnet imports no app).
SCOPED_MODELS = {
    "events.Registration": lambda instance: seats_scope(instance.event_id),
    "forums.Post": lambda instance: thread_scope(instance.thread_id),
    "forums.Thread": lambda instance: thread_scope(instance.pk),
}

_request_scopes = contextvars.ContextVar("vetnet_scope_versions", default=None)


def seats_scope(event_id):
    """The scope of an event's seats (its registrations)."""
    return f"seats:{event_id}"


def thread_scope(thread_id):
    """The scope of a forum thread's pages (its posts)."""
    return f"thread:{thread_id}"


def changed_scope(sender, instance):
    """The scope a change of `instance` moves, None when it is no scoped change."""
    scope = SCOPED_MODELS.get(sender._meta.label)
    return scope(instance) if scope else None


def scope_version(scope):
    """The current version of `scope` (read once per request, like the content
    version); a request that reads it depends on it."""
    key = SCOPE_KEY.format(scope)
    noted = _request_scopes.get()
    if noted is not None and key in noted:
        return noted[key]
    version = readable(partial(counter, key), "scope version")
    if noted is not None:
        noted[key] = version
    return version


def bump_scope_version(scope):
    """Invalidate what shows `scope`, now and when the transaction commits."""
    key = SCOPE_KEY.format(scope)
    _bump_now(key)
    transaction.on_commit(partial(_bump_now, key), robust=True)


def scopes_moved(noted):
    """True when a scope version noted by a request ({key: version}) moved since."""
    if not noted:
        return False
    try:
        return cache.get_many(list(noted)) != noted
    except Exception:  # noqa: BLE001
        logger.warning("page cache: scope versions unavailable", exc_info=True)
        return True


def bump_content_version(**kwargs):
    """Invalidate every Django-side copy (a signal receiver; also callable
    directly): at once, and again when the transaction commits, because until the
    commit another request could still read the old content and store it under
    the new version."""
    _bump_now()
    transaction.on_commit(_bump_now, robust=True)


def _bump_now(key=VERSION_KEY):
    # This request changed content: it reads the new version from now on.
    if key == VERSION_KEY and _request_version.get():
        _request_version.get().clear()
    elif key != VERSION_KEY and _request_scopes.get():
        _request_scopes.get().pop(key, None)
    try:
        cache.incr(key)
    except ValueError:  # no counter: start one (above any earlier value)
        cache.add(key, time.time_ns(), timeout=None)
    except Exception:  # noqa: BLE001 - a cache outage must not break publishing
        logger.warning("page cache: could not bump the content version", exc_info=True)


# Models shown on cached pages besides pages themselves (labels: vetnet imports no app).
WATCHED_MODELS = (
    "community.Organisation",
    "taxonomy.Sector",
    "taxonomy.TargetGroup",
    "taxonomy.EQFLevel",
    "taxonomy.ThemeName",
    # Shown by pages and listing cards kept per version (vetnet/routing.py's
    # pages and version_memo, the practice listing's card fragments).
    "taggit.Tag",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    # What routing reads besides pages (vetnet/routing.py).
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
)


def watched_labels():
    """The models (labels) whose saves and deletes move a version, pages aside."""
    return {*WATCHED_MODELS, *SCOPED_MODELS}


def shows_on_pages(sender, instance):
    """Whether a saved or deleted `instance` is something cached pages show."""
    from wagtail.models import Page

    return isinstance(instance, Page) or sender._meta.label in WATCHED_MODELS


# --- the middleware -------------------------------------------------------------------------


def may_serve_stored(request):
    return (
        page_cache_seconds() > 0
        and request.method in ("GET", "HEAD")
        and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
    )


def version_at_start(request):
    """The content version before an anonymous GET reads anything (None for
    other requests or when the cache is out); routing uses the same one."""
    if request.method not in ("GET", "HEAD") or any(
        name in request.COOKIES for name in PERSONAL_COOKIES
    ):
        return None
    try:
        version = content_version()
    except Exception:  # noqa: BLE001 - a cache outage degrades to no check
        logger.warning("page cache: content version unavailable", exc_info=True)
        return None
    request._vetnet_content_version = version
    return version


def changed_since(version):
    """True when a publish (or any change pages show) bumped the content version
    after `version` was read: a page rendered in between must not be shared."""
    if version is None:
        return False
    try:
        return cache.get(VERSION_KEY) != version
    except Exception:  # noqa: BLE001
        logger.warning("page cache: content version unavailable", exc_info=True)
        return True


def store_key(request, version):
    raw = f"{request.get_host()}|{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"page-cache:{version}:v2:{digest}"  # v2: kept with its scope versions


def copy_of(response):
    copy = HttpResponse(response.content, status=response.status_code)
    for header, value in response.items():
        copy[header] = value
    return copy


class PageCacheMiddleware:
    """Outermost middleware: it must see the final cookies (session, CSRF and
    messages middleware set them on the way out) to decide who may keep a page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = version_at_start(request)
        key = None
        if may_serve_stored(request):
            try:
                key = store_key(request, started or content_version())
                stored = cache.get(key)
            except Exception:  # noqa: BLE001 - a cache outage degrades to no cache
                logger.warning("page cache unavailable", exc_info=True)
                key = stored = None
            if stored is not None and not scopes_moved(stored[1]):
                response = copy_of(stored[0])
                response[HEADER] = "hit"
                return response
        token = _request_version.set([started] if started is not None else None)
        scopes = {}
        scopes_token = _request_scopes.set(scopes)
        try:
            response = self.get_response(request)
        finally:
            _request_version.reset(token)
            _request_scopes.reset(scopes_token)
        seconds = apply_policy(request, response)
        if seconds and (changed_since(started) or scopes_moved(scopes)):
            # Content was published (or seats it shows taken) while this page was
            # made: it may show the old content, and the purge may already have
            # passed. Nobody keeps it.
            del response["Cache-Control"]
            add_never_cache_headers(response)
            seconds = 0
        if seconds:
            from vetnet.frontcache import remember_cached_url

            remember_cached_url(request, seconds)
        if key is not None and seconds and not response.streaming:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            response[HEADER] = "miss"
            try:
                kept = (copy_of(response), scopes)
                cache.set(key, kept, min(seconds, page_cache_seconds()))
            except Exception:  # noqa: BLE001
                logger.warning("page cache: store failed", exc_info=True)
        return response
