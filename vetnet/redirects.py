"""Wagtail's redirects (wagtail.contrib.redirects) under every language prefix.

Wagtail keeps a redirect as one path: the one it makes when a page moves or
changes slug is the page's old address as the editor's language wrote it
(/practices/x/, or /it/practices/x/ for an editor working in Italian), and its
middleware looks the request's path up as it is. Under i18n_patterns the same
page lives at /practices/x/, /it/practices/x/, /de/practices/x/..., so every
other prefix answered 404 after a move. Here a 404 looks up the path under every
prefix at once, and sends the visitor to the target in the language of the
address asked for (/it/<new path>), with its query string (?page=3) when the
redirect is the path's alone. Links to other sites are followed as they are.
"""

from urllib.parse import urlsplit

from django import http
from django.conf import settings
from django.utils.encoding import uri_to_iri
from wagtail.contrib.redirects.middleware import RedirectMiddleware
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site


def codes():
    return [code for code, _name in settings.LANGUAGES]


def split_language(path):
    """(language code, path without it) of a prefixed path; (None, path) else."""
    parts = path.split("/", 2)
    if len(parts) > 2 and parts[1] in codes() and parts[1] != settings.LANGUAGE_CODE:
        return parts[1], "/" + parts[2]
    return None, path


def prefixed(path, code):
    return path if code is None or code == settings.LANGUAGE_CODE else f"/{code}{path}"


def in_language(link, code):
    """A redirect's target under the prefix of `code` (site-relative links only)."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not link.startswith("/"):
        return link
    return prefixed(split_language(link)[1], code)


def find_redirect(request, path, query):
    """The redirect of `path` (unprefixed) under any language prefix, with the
    query string or else without it; this site's before the ones for every site."""
    variants = [prefixed(path, code) for code in codes()]
    wanted = [Redirect.normalise_path(v, decode_unicode=False) for v in variants]
    if query:
        with_query = [Redirect.normalise_path(f"{v}?{query}") for v in variants]
        wanted = with_query + wanted
    wanted += [uri_to_iri(w) for w in wanted]
    site = Site.find_for_request(request)
    found = {
        (r.old_path, r.site_id is not None): r
        for r in Redirect.get_for_site(site).filter(old_path__in=set(wanted))
    }
    for old_path in wanted:
        for specific in (True, False):
            if (old_path, specific) in found:
                return found[(old_path, specific)]
    return None


def with_query(link, redirect, query):
    """`link` with the query string asked for when the redirect is the one of
    the path alone (a renamed thread's ?page=3 leads to page 3 of the new
    address, a moved listing keeps its filters); a redirect made for one query,
    or a target with a query of its own or on another site, is followed as it is."""
    parts = urlsplit(link)
    if not query or "?" in redirect.old_path or parts.query or parts.netloc:
        return link
    return f"{link}?{query}"


def unprefixed_default(path, query):
    """The address without the default language's prefix (/en/practices/ ->
    /practices/): English lives at the root, but people and other sites type
    or link /en/ as they do /it/ or /de/."""
    prefix = f"/{settings.LANGUAGE_CODE}"
    if path != prefix and not path.startswith(prefix + "/"):
        return None
    target = path[len(prefix) :] or "/"
    return f"{target}?{query}" if query else target


class LanguageRedirectMiddleware(RedirectMiddleware):
    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        path = request.path_info
        if "\0" in path:  # crashes PostgreSQL (as Wagtail's middleware checks)
            return response
        default = unprefixed_default(path, request.META.get("QUERY_STRING", ""))
        if default is not None:
            return http.HttpResponsePermanentRedirect(default)
        code, path = split_language(path)
        query = request.META.get("QUERY_STRING", "")
        redirect = find_redirect(request, path, query)
        if redirect is None or redirect.link is None:
            return response
        link = with_query(in_language(redirect.link, code), redirect, query)
        if redirect.is_permanent:
            return http.HttpResponsePermanentRedirect(link)
        return http.HttpResponseRedirect(link)
