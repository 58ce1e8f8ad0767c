"""Exact purges of the front cache (nginx, deploy/nginx/vetnet.conf) when content changes.

The cache key in nginx is the path with its query string, so a purge names each
cached URL. Which URLs a change touches:

- a page published, unpublished, moved or deleted: the page (its whole old subtree
  for a move, delete or unpublish), every ancestor (the listings, the home page),
  their routable sub-pages without parameters (feeds), and for a practice the
  practice feed, its organisation's page and every insights chart and download;
- a registration made, changed or cancelled: its event page (the seats left show
  nowhere else);
- a view restriction (password, sign-in, groups) saved or deleted: the page and
  its whole subtree, as for an unpublish;
- an organisation, a taxonomy term or a theme's name changed: every cached page
  (they show on practice pages, listings, facets and directories; such edits are
  rare); so does a tag renamed or deleted (a theme's own name, a news tag, a
  member's expertise), but not a tag added: it shows on no page before a page
  carrying it is published, which purges that page's URLs.
- a post or a thread of the forums: the pages of the thread it changed, as the app
  that pages threads computes them (registered with register_purge(); see
  forums/services/pages.py) and, for a new post, the thread listing.

Each of those paths is purged under every language prefix (English has none), and
with every query string it was cached with: the listing with filters has countless
variants, so each page marked public is remembered here (a Redis set per path,
living as long as the page may be cached) and a purge sends one PURGE per
remembered variant. Purges run after the transaction commits, through Wagtail's
frontend cache task (the task worker when TASKS has a queueing backend); the
backend below gives every PURGE a short timeout and never raises, so a down proxy
cannot fail a publish or a registration.

Everything here is off unless WAGTAILFRONTENDCACHE is configured (make serve and
the deploy/ files do; the embedded run has no proxy in front).
"""

import http.client
import logging
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.contrib.frontend_cache.backends import HTTPBackend

logger = logging.getLogger(__name__)

# Changes that purge every cached page (labels: vetnet imports no app).
SITE_WIDE_MODELS = (
    "community.Organisation",
    "taxonomy.Sector",
    "taxonomy.TargetGroup",
    "taxonomy.EQFLevel",
    "taxonomy.ThemeName",
)
# Changes that purge every cached page when a row changes or goes, not when one
# is added (see above).
SITE_WIDE_EDITS = ("taggit.Tag",)
SEAT_MODELS = ("events.Registration",)
# Models whose app knows which of its own pages a change touches (label ->
# function(instance, created, deleted)), registered by the app (forums' threads).
APP_PURGES = {}
# A page made private (password, sign-in, groups) or public again.
RESTRICTION_MODELS = ("wagtailcore.PageViewRestriction",)


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def register_purge(label, function):
    """`function(instance, created, deleted)` purges what a saved or deleted
    instance of model `label` changes (see purge_where_now); called in the app's
    AppConfig.ready, as vetnet imports no app."""
    APP_PURGES[label] = function
    from django.apps import apps

    from . import invalidation  # the one place that listens: to this model too

    invalidation.watch(apps.get_model(label))


def watched_labels():
    """The models (labels) whose saves or deletes purge, pages aside."""
    return {
        *SITE_WIDE_MODELS,
        *SITE_WIDE_EDITS,
        *SEAT_MODELS,
        *RESTRICTION_MODELS,
        *APP_PURGES,
    }


# --- the remembered variants -------------------------------------------------------------


_client = None


def redis_client():
    """A client of the Redis in REDIS_URL, or None (embedded run: nothing to remember)."""
    global _client
    url = getattr(settings, "REDIS_URL", None)
    if not url:
        return None
    if _client is None:
        import redis

        _client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
    return _client


def registry_key(path):
    return f"{settings.FRONT_CACHE_REGISTRY_PREFIX}:frontcache:{path}"


def remember_cached_url(request, seconds):
    """Note that a shared cache may now hold request's URL for `seconds`."""
    if not enabled():
        return
    client = redis_client()
    if client is None:
        return
    key = registry_key(request.path)
    try:
        with client.pipeline(transaction=False) as pipe:
            pipe.sadd(key, request.get_full_path())
            pipe.expire(key, int(seconds) + 60)
            pipe.execute()
    except Exception:  # noqa: BLE001 - a Redis outage must not fail a page view
        logger.warning(
            "front cache: could not remember %s", request.path, exc_info=True
        )


def _glob_escape(text):
    return "".join(f"\\{c}" if c in "*?[]\\" else c for c in text)


def take_remembered(paths, subtree=False, everything=False):
    """The remembered URLs of `paths` (and below them), forgotten as they are taken."""
    client = redis_client()
    if client is None:
        return set()
    if everything:
        patterns = [registry_key("*")]
    elif subtree:
        patterns = [_glob_escape(registry_key(p)) + "*" for p in paths]
    else:
        patterns = None
    try:
        if patterns is None:
            keys = [registry_key(p) for p in paths]
        else:
            keys = {k for pattern in patterns for k in client.scan_iter(pattern, 500)}
        urls = set()
        for key in keys:
            with client.pipeline() as pipe:  # MULTI: nothing added in between is lost
                pipe.smembers(key)
                pipe.delete(key)
                members, _deleted = pipe.execute()
            urls.update(m.decode() for m in members)
        return urls
    except Exception:  # noqa: BLE001 - purge what we can compute without Redis
        logger.warning("front cache: remembered URLs unavailable", exc_info=True)
        return set()


def take_remembered_where(path, wanted):
    """The remembered URLs of `path` that `wanted(url)` accepts, forgotten as they
    are taken; the others stay remembered."""
    client = redis_client()
    if client is None:
        return set()
    key = registry_key(path)

    def pick(pipe):  # WATCH: a URL remembered again meanwhile is not lost
        chosen = [m for m in pipe.smembers(key) if wanted(m.decode())]
        pipe.multi()
        if chosen:
            pipe.srem(key, *chosen)
        return chosen

    try:
        chosen = client.transaction(pick, key, value_from_callable=True)
    except Exception:  # noqa: BLE001 - purge what we can compute without Redis
        logger.warning("front cache: remembered URLs unavailable", exc_info=True)
        return set()
    return {m.decode() for m in chosen}


# --- which paths ---------------------------------------------------------------------------


def language_paths(path):
    """`path` under every language prefix (English, the default, has none)."""
    codes = [code for code, _name in settings.LANGUAGES]
    parts = path.split("/", 2)
    if len(parts) > 2 and parts[1] in codes:
        path = "/" + parts[2]
    default = settings.LANGUAGE_CODE
    return [path] + [f"/{code}{path}" for code in codes if code != default]


def page_path(page):
    parts = page.get_url_parts()
    return parts[2] if parts else None


def routable_paths(page):
    """A routable page's sub-pages without parameters (feeds, archives)."""
    specific_class = page.specific_class
    if specific_class is None or not hasattr(specific_class, "get_subpage_urls"):
        return []
    routes = []
    for pattern in specific_class.get_subpage_urls():
        route = str(pattern.pattern).lstrip("^").rstrip("$")
        if route and "<" not in route and "(" not in route:
            routes.append(route)
    return routes


def related_paths(page):
    """Pages outside the tree that show this page: the feed, the organisation."""
    from django.urls import NoReverseMatch, reverse

    paths = []
    if page.specific_class is None:
        return paths
    if page.specific_class._meta.label == "practices.PracticePage":
        paths.append(reverse("practices:feed"))
        try:
            organisation = page.specific_deferred.organisation
        except ObjectDoesNotExist:  # a deleted page: its row is gone
            organisation = None
        if organisation is not None and getattr(organisation, "slug", None):
            try:
                url = reverse("community:organisation", args=[organisation.slug])
            except NoReverseMatch:
                url = None
            if url:
                paths += [url, reverse("community:organisations")]
    return paths


def related_subtrees(page):
    """Whole sections that show this page's figures: the insights charts and their
    downloads (every filter combination) for a practice."""
    from django.urls import reverse

    if page.specific_class is not None and (
        page.specific_class._meta.label == "practices.PracticePage"
    ):
        return [reverse("insights:index")]
    return []


def own_paths(page):
    """The page and its sub-routes."""
    own = page_path(page)
    return [own, *(own + route for route in routable_paths(page))] if own else []


def affected_paths(page):
    """The page, its ancestors, their sub-routes and the pages outside the tree."""
    paths = own_paths(page)
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        path = page_path(ancestor)
        if path:  # a listing and its feeds (the news feed lists the new item)
            paths.append(path)
            paths += [path + route for route in routable_paths(ancestor)]
    return paths + related_paths(page)


# --- purging -------------------------------------------------------------------------------


def purge_now(paths, subtree=(), everything=False):
    """Purge `paths` (and the subtrees under `subtree`) in every language, now."""
    expanded = {lp for p in paths for lp in language_paths(p)}
    below = {lp for p in subtree for lp in language_paths(p)}
    urls = set(expanded) | below
    urls |= take_remembered(expanded)
    urls |= take_remembered(below, subtree=True)
    if everything:
        urls |= take_remembered((), everything=True)
    _send(urls)


def purge_where_now(urls, path, wanted):
    """Purge now `urls` (paths with their query string) and the remembered copies
    of `path` whose URL `wanted` accepts, in every language: some pages of a paged
    view, the others staying cached (a thread's untouched pages)."""
    expanded = {lp for url in urls for lp in language_paths(url)}
    for lp in language_paths(path):
        expanded |= take_remembered_where(lp, wanted)
    _send(expanded)


def _send(urls):
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    purge_urls_from_cache(sorted(base + url for url in urls))


def purge(paths=(), subtree=(), everything=False):
    """Purge once the current transaction commits (at once outside one)."""
    if not enabled():
        return
    transaction.on_commit(
        partial(purge_now, list(paths), list(subtree), everything), robust=True
    )


# --- what each change purges (called by vetnet/invalidation.py) ----------------------------------------------------------------------


def on_published(sender, instance, **kwargs):
    purge(affected_paths(instance), subtree=related_subtrees(instance))


def on_unpublished(sender, instance, **kwargs):
    own = page_path(instance)
    below = [own] if own else []
    purge(affected_paths(instance), subtree=below + related_subtrees(instance))


def on_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    from wagtail.models import Page

    old = [_relative(instance, url_path_before)]
    page = Page.objects.filter(pk=instance.pk).first() or instance
    old_parent_paths = [
        page_path(a)
        for a in Page.objects.filter(url_path=_parent_url_path(url_path_before))
    ]
    purge(affected_paths(page) + [p for p in old_parent_paths if p], subtree=old)


def _parent_url_path(url_path):
    return url_path.rstrip("/").rsplit("/", 1)[0] + "/"


def _relative(page, url_path):
    """A url_path ('/home/practices/x/') as the site-relative path ('/practices/x/')."""
    for root in page._get_relevant_site_root_paths():
        root_path = root.root_path
        if url_path.startswith(root_path):
            return "/" + url_path[len(root_path) :]
    return url_path


def on_page_deleted(sender, instance, **kwargs):
    own = page_path(instance)
    if own:
        purge(affected_paths(instance), subtree=[own, *related_subtrees(instance)])


def on_restricted(page):
    """A view restriction added, changed or removed: the public copies of the page
    and of every page below it go (and the listings that show them)."""
    own = page_path(page)
    if own:
        purge(affected_paths(page), subtree=[own, *related_subtrees(page)])


def on_model_changed(sender, instance, **kwargs):
    from wagtail.models import Page

    label = sender._meta.label
    if label in APP_PURGES:
        if enabled():
            deleted = kwargs.get("signal") is post_delete
            APP_PURGES[label](instance, kwargs.get("created", False), deleted)
    elif label in SITE_WIDE_MODELS:
        purge(everything=True)
    elif label in SITE_WIDE_EDITS:
        if not kwargs.get("created", False):
            purge(everything=True)
    elif label in SEAT_MODELS:
        # Seats left show on the event's own page alone (not in the listings).
        event = Page.objects.filter(pk=instance.event_id).first()
        if event is not None:
            purge(own_paths(event))
    elif label in RESTRICTION_MODELS:
        page = Page.objects.filter(pk=instance.page_id).first()
        if page is not None:
            on_restricted(page)
    elif sender is Page and kwargs.get("signal") is post_delete:
        # Once per deleted page: the base row's signal (the specific one also fires).
        on_page_deleted(sender, instance)


# --- the backend ---------------------------------------------------------------------------


class PurgeBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend with a timeout and one connection per batch.

    Wagtail's own opens a connection per URL without a timeout and logs nginx's
    404 ("was not cached") as an error; a purge must neither hang a request nor
    cry wolf. Settings: LOCATION (the proxy, e.g. http://127.0.0.1:8080) and
    TIMEOUT (seconds, default 2).
    """

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 2))
        super().__init__(params)

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        connection = None
        try:
            for url in urls:
                if connection is None:
                    connection = self._connect()
                parts = urlsplit(url)
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                connection.request("PURGE", target, headers={"Host": parts.netloc})
                response = connection.getresponse()
                response.read()
                if response.status not in (200, 404):
                    logger.error("purge of %s answered %s", url, response.status)
        except (OSError, http.client.HTTPException) as error:
            logger.error("purge failed at %s: %s", self.cache_netloc, error)
        finally:
            if connection is not None:
                connection.close()

    def _connect(self):
        cls = (
            http.client.HTTPSConnection
            if self.cache_scheme == "https"
            else http.client.HTTPConnection
        )
        return cls(self.cache_netloc, timeout=self.timeout)
