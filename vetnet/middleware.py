"""Security headers of the public site.

A strict Content-Security-Policy goes on every public response: scripts and styles
only from our own static files (no inline code, no CDN), pictures from ourselves or
data: URIs, WebSockets to ourselves, no framing by anyone. Wagtail's admin uses
inline scripts and styles, so /admin/ (and the Django admin, if mounted) keeps its
own behaviour. Referrer-Policy, X-Content-Type-Options and HSTS come from Django's
SecurityMiddleware (settings), X-Frame-Options from XFrameOptionsMiddleware.
"""

import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

logger = logging.getLogger(__name__)

DEFAULT_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self' ws: wss:",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)
DEFAULT_EXEMPT_PREFIXES = ("/admin/", "/django-admin/")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_CSP)
        self.exempt = tuple(
            getattr(settings, "CONTENT_SECURITY_POLICY_EXEMPT", DEFAULT_EXEMPT_PREFIXES)
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and not request.path.startswith(self.exempt):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# --- rate limits ----------------------------------------------------------------------
# Sign-up, login and password reset are limited by django-allauth
# (ACCOUNT_RATE_LIMITS), room messages by the forums app (10 per 10 s per member).
# This middleware covers the public POST forms that have no limit of their own:
# event registration, new threads and replies, and practice submission.

_LANG = r"(?:[a-z]{2}/)?"
RATE_LIMITED_POSTS = {
    "registration": (
        re.compile(rf"^/{_LANG}events/[^/]+/register/"),
        "REGISTRATION_RATE_LIMIT",
        "10/m",
    ),
    "forum-post": (
        re.compile(rf"^/{_LANG}forums/(?:threads|rooms|counselling)/"),
        "FORUM_POST_RATE_LIMIT",
        "20/m",
    ),
    "practice-submission": (
        re.compile(rf"^/{_LANG}practices/submit/"),
        "SUBMISSION_RATE_LIMIT",
        "10/h",
    ),
}
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(value):
    """'10/m' -> (10, 60). '0' or '' -> None (no limit)."""
    if not value or value == "0":
        return None
    count, _, period = value.partition("/")
    return int(count), PERIODS[period]


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "unknown")


class PostRateLimitMiddleware:
    """A fixed-window limit per client address on the POST forms listed above."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.rules = []
        for name, (pattern, setting, default) in RATE_LIMITED_POSTS.items():
            rate = parse_rate(str(getattr(settings, setting, default)))
            if rate:
                self.rules.append((name, pattern, *rate))

    def __call__(self, request):
        if request.method == "POST":
            for name, pattern, count, period in self.rules:
                if pattern.match(request.path) and not self.allow(
                    request, name, count, period
                ):
                    return self.refuse(request, period)
        return self.get_response(request)

    def allow(self, request, name, count, period):
        window = int(time.time() // period)
        key = f"ratelimit:{name}:{client_ip(request)}:{window}"
        try:
            if cache.add(key, 1, timeout=period + 1):
                return True
            return cache.incr(key) <= count
        except Exception:  # noqa: BLE001 - a cache outage must not block forms
            logger.warning("rate limit: cache unavailable", exc_info=True)
            return True

    def refuse(self, request, period):
        response = render(request, "429.html", status=429)
        response["Retry-After"] = str(period)
        return response
