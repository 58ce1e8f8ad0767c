"""Over-long URLs answer 414 from Django, with a page that says what happened.

Daphne (Twisted) drops the connection without a word when a request line passes
16 KB, and nginx answers 414 beyond its header buffers (8 KB by default). Below
those limits Django saw any length and, for a search, worked on it. Query strings
over MAX_QUERY_STRING_BYTES (8 KB, under both servers' limits) now get a 414 in
the site's layout, so every server in front answers the same way. The admin is
left alone: Wagtail's bulk actions put one id per selected item in the URL.
"""

from django.conf import settings
from django.shortcuts import render

DEFAULT_MAX_QUERY_STRING_BYTES = 8192
EXEMPT_PREFIXES = ("/admin/",)


class QueryStringLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.limit = getattr(
            settings, "MAX_QUERY_STRING_BYTES", DEFAULT_MAX_QUERY_STRING_BYTES
        )

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if len(query) > self.limit and not request.path.startswith(EXEMPT_PREFIXES):
            return render(
                request,
                "414.html",
                {"limit_kb": self.limit // 1024},
                status=414,
            )
        return self.get_response(request)
