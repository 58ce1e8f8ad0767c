"""Security headers of the public site.

A strict Content-Security-Policy goes on every public response: scripts and styles
only from our own static files (no inline code, no CDN), pictures from ourselves or
data: URIs, WebSockets to ourselves, no framing by anyone. Wagtail's admin uses
inline scripts and styles, so /admin/ (and the Django admin, if mounted) keeps its
own behaviour. Referrer-Policy, X-Content-Type-Options and HSTS come from Django's
SecurityMiddleware (settings), X-Frame-Options from XFrameOptionsMiddleware.
"""

from django.conf import settings

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
