"""The site's URLs plus views that fail on purpose (error-page tests only)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from vetnet.urls import urlpatterns as site_urlpatterns


def bad_request(request):
    raise SuspiciousOperation("secret-detail-400")


def forbidden(request):
    raise PermissionDenied("secret-detail-403")


def server_error(request):
    raise RuntimeError("secret-detail-500")


urlpatterns = [
    path("boom/bad-request/", bad_request),
    path("boom/forbidden/", forbidden),
    path("boom/server-error/", server_error),
    *site_urlpatterns,
]
