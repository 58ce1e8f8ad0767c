"""A GET on an address that only takes a form's POST answers 405 in the site's
layout, in the visitor's language, instead of Django's empty body (the browser's
bare "HTTP ERROR 405"). People land there from a sign-in that returns them to
the action they tried while signed out (`?next=/follows/add/`), from history or
from a shared link."""

from django.shortcuts import render


class MethodNotAllowedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code != 405
            or request.method != "GET"
            or response.content
            or request.path.startswith("/admin/")
        ):
            return response
        page = render(request, "405.html", status=405)
        page["Allow"] = response.get("Allow", "")
        return page
