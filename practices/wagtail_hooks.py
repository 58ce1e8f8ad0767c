"""Wagtail hooks of the practice repository."""

from django.http import Http404
from wagtail import hooks

from .services.privacy import may_open


@hooks.register("before_serve_document", order=-1)
def materials_in_review(document, request):
    """Before Wagtail's own collection check (which lets Editors in and would
    send others to the admin login): a material of a practice in review is a 404
    for everyone else, as the practice's page is. Its uploader never gets here
    (practices.views.material_download serves them)."""
    if not may_open(request.user, document):
        raise Http404("not found")
    return None
