"""Anonymous full-response cache for the practice repository, invalidated on publish.

What is cached: GET/HEAD answers (status 200) under /practices/ and /<lang>/practices/
(the listing with any filters and every practice page), under /insights/ (its
charts and their downloads: the listing's figures) and the home page (at most
HOME_CACHE_SECONDS, default 30: its active rooms and upcoming events change without
a publish), for visitors without a
session or messages cookie, and only when the page used no CSRF token and set no
cookie. So nothing personal is ever stored or served to someone else.

Key: the site's content version, the host, the active language and the full path
with its query string. The content version is a counter in the cache, bumped when
a page is published, unpublished, moved or deleted and when an organisation or a
taxonomy term changes: every cached page is then out of date at once, which keeps
invalidation trivially correct. PAGE_CACHE_SECONDS (env, default 300, 0 = off)
bounds how long an entry lives at most.

Event pages (seats left) and search are not cached here: they change with every
registration, or are per query.
"""

import hashlib
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:content-version"
HEADER = "X-Page-Cache"
_LANGS = "|".join(code for code, _name in settings.LANGUAGES)
CACHED_PATH = re.compile(
    rf"^/(?:(?:{_LANGS})/)?(?:practices/(?!submit/|mine/)|insights/|$)"
)
HOME_PATH = re.compile(rf"^/(?:(?:{_LANGS})/)?$")
SKIP_COOKIES = ("sessionid", "messages")
SKIP_PARAMS = ("format",)  # exports stream their own files


def page_cache_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 300))


def timeout_for(request):
    """The home page lists active rooms and upcoming events, which change without
    a publish: it is kept for HOME_CACHE_SECONDS (default 30) at most."""
    seconds = page_cache_seconds()
    if HOME_PATH.match(request.path):
        return min(seconds, int(getattr(settings, "HOME_CACHE_SECONDS", 30)))
    return seconds


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version(**kwargs):
    """Invalidate every cached page (a signal receiver; also callable directly)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
    except Exception:  # noqa: BLE001 - a cache outage must not break publishing
        logger.warning("page cache: could not bump the content version", exc_info=True)


WATCHED_SNIPPETS = (
    "community.Organisation",
    "taxonomy.Sector",
    "taxonomy.TargetGroup",
)


def _on_save_or_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) or sender._meta.label in WATCHED_SNIPPETS:
        bump_content_version()


def connect_signals():
    """Any page row written (publish, unpublish, move, delete, new child) or a
    watched snippet changed: every cached page is out of date."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    uid = "vetnet.cache.bump"
    page_published.connect(bump_content_version, dispatch_uid=uid + ".published")
    page_unpublished.connect(bump_content_version, dispatch_uid=uid + ".unpublished")
    post_page_move.connect(bump_content_version, dispatch_uid=uid + ".moved")
    post_save.connect(_on_save_or_delete, dispatch_uid=uid + ".save")
    post_delete.connect(_on_save_or_delete, dispatch_uid=uid + ".delete")


def cacheable_request(request):
    if request.method not in ("GET", "HEAD") or page_cache_seconds() <= 0:
        return False
    if not CACHED_PATH.match(request.path):
        return False
    if any(name in request.COOKIES for name in SKIP_COOKIES):
        return False
    if any(name in request.GET for name in SKIP_PARAMS):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def cache_key(request, version):
    raw = f"{request.get_host()}|{get_language()}|{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"page-cache:{version}:{digest}"


def cacheable_response(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    # Cookies other than the CSRF one are personal: never cache them.
    return all(name == settings.CSRF_COOKIE_NAME for name in response.cookies)


# The language switcher on every page carries a CSRF token. A stored page holds a
# placeholder instead; each visitor served from the cache gets their own token
# (and the matching cookie, set by CsrfViewMiddleware on the way out).
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
ANY_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
PLACEHOLDER = b"@@vetnet-csrf-token@@"


def storable_copy(response):
    """The response without cookies and with CSRF tokens replaced, or None when
    the page uses a token in a place we do not recognise."""
    content = CSRF_INPUT.sub(rb"\1" + PLACEHOLDER + rb"\2", response.content)
    if ANY_TOKEN.search(content):
        return None
    copy = HttpResponse(content, status=response.status_code)
    for header, value in response.items():
        copy[header] = value
    return copy


def from_cache(request, stored):
    from django.middleware.csrf import get_token

    content = stored.content
    if PLACEHOLDER in content:
        token = get_token(request).encode()
        content = content.replace(PLACEHOLDER, token)
    response = HttpResponse(content, status=stored.status_code)
    for header, value in stored.items():
        response[header] = value
    response[HEADER] = "hit"
    return response


class AnonymousPageCacheMiddleware:
    """Serve and store the pages described above (after auth and locale)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        try:
            key = cache_key(request, content_version())
            stored = cache.get(key)
        except Exception:  # noqa: BLE001 - a cache outage degrades to no cache
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if stored is not None:
            return from_cache(request, stored)
        response = self.get_response(request)
        if cacheable_response(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            response[HEADER] = "miss"
            copy = storable_copy(response)
            if copy is not None:
                try:
                    cache.set(key, copy, timeout_for(request))
                except Exception:  # noqa: BLE001
                    logger.warning("page cache: store failed", exc_info=True)
        return response
