"""Credentials in the Wagtail admin: the latest issued, searchable, and a revoke
button with its reason (people with the "change credential" permission)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Credential
from .services import revoke_credential

PERMISSION = "credentials.change_credential"
LISTED = 200


def can_manage(user):
    return user.is_active and user.has_perm(PERMISSION)


def _check(request):
    if not can_manage(request.user):
        raise PermissionDenied


def index(request):
    _check(request)
    query = request.GET.get("q", "").strip()[:200]
    credentials = Credential.objects.select_related("badge_class").order_by(
        "-issued_on"
    )
    if query:
        credentials = credentials.filter(
            Q(recipient_name__icontains=query)
            | Q(badge_class__name__icontains=query)
            | Q(public_id=query)
        )
    return render(
        request,
        "credentials/admin/index.html",
        {
            "page_title": _("Credentials"),
            "header_icon": "success",
            "credentials": credentials[:LISTED],
            "query": query,
        },
    )


@require_POST
def revoke(request, pk):
    _check(request)
    credential = get_object_or_404(Credential, pk=pk)
    reason = request.POST.get("reason", "").strip()[:1000]
    if not reason:
        messages.error(request, _("Say why the credential is revoked."))
    elif revoke_credential(credential, reason=reason):
        messages.success(
            request,
            _("Revoked: %(badge)s, %(name)s.")
            % {"badge": credential.badge_class.name, "name": credential.recipient_name},
        )
    return redirect("credentials_admin:index")
