"""The site's public address and name, for everything that leaves the request:
e-mails, calendar files, API URLs. Never the Host header of a request (a proxy,
a test client or a visitor's typing decides that), always ``settings.SITE_URL``
and ``settings.WAGTAIL_SITE_NAME``."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation


def absolute_url(path=""):
    """``path`` (site-relative, or an absolute URL whose host is replaced) on
    SITE_URL."""
    if path.startswith(("http://", "https://")):
        parts = urlsplit(path)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        path += f"#{parts.fragment}" if parts.fragment else ""
    if path and not path.startswith("/"):
        path = "/" + path
    return settings.SITE_URL.rstrip("/") + path


def localised_path(path, language):
    """``path`` (of the default language, unprefixed) under ``/<language>/``."""
    if not language or language == settings.LANGUAGE_CODE:
        return path
    prefix = f"/{language}/"
    if path.startswith(prefix):
        return path
    return prefix.rstrip("/") + path


def in_active_language(page_path):
    """``page_path`` re-prefixed with the active interface language (en: none)."""
    codes = [code for code, _name in settings.LANGUAGES]
    parts = page_path.split("/", 2)
    if len(parts) > 2 and parts[1] in codes:
        page_path = "/" + parts[2]
    active = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if active in codes and active != settings.LANGUAGE_CODE:
        return f"/{active}{page_path}"
    return page_path


class InterfaceLanguageURLMixin:
    """For Page models written once (in the default locale) and served under
    every interface language: their links keep the visitor's ``/<lang>/`` prefix
    instead of Wagtail's locale prefix, so browsing in Italian stays in Italian."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        site_id, root_url, page_path = parts
        return site_id, root_url, in_active_language(page_path)


def reverse_in(language, viewname, **kwargs):
    """``reverse()`` as a page in ``language`` would link it (with its prefix)."""
    from django.urls import reverse

    with translation.override(language or settings.LANGUAGE_CODE):
        return reverse(viewname, **kwargs)


def wagtail_site_address():
    """Hostname and port of the default Wagtail Site, so that page URLs (API
    ``html_url``, ``full_url``) say SITE_URL."""
    parts = urlsplit(settings.SITE_URL)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname or "localhost", port


@dataclass(frozen=True)
class SiteIdentity:
    """What allauth's templates call ``current_site``: name and domain."""

    name: str
    domain: str


def site_identity():
    return SiteIdentity(
        name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc
    )
