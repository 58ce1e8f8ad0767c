"""Public credential views: the verification page (every interface language),
the Open Badges documents, the badge picture and the certificate PDF (stable
URLs without a language prefix). Nothing here ever shows the recipient's
e-mail address."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from community.models import Organisation

from .models import BadgeClass, Credential
from .services import certificate, openbadges

JSON_LD = "application/ld+json"
# The documents every assertion points to change rarely.
STABLE_SECONDS = 3600


def _json(document, status=200, seconds=0):
    response = JsonResponse(
        document,
        status=status,
        content_type=JSON_LD,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"  # backpacks fetch from browsers
    if seconds:
        patch_cache_control(response, public=True, max_age=seconds)
    else:
        # Revocation must show at once: every cache asks again.
        patch_cache_control(response, public=True, no_cache=True, max_age=0)
    return response


def _credential(public_id):
    return get_object_or_404(
        Credential.objects.select_related("badge_class"), public_id=public_id
    )


@require_safe
def verify(request, public_id):
    credential = (
        Credential.objects.select_related("badge_class")
        .filter(public_id=public_id)
        .first()
    )
    if credential is None:
        # Someone checking a forged or mistyped address must read that no such
        # credential exists here, not a "page moved or unpublished" notice.
        return render(request, "credentials/unknown.html", status=404)
    context = {
        "credential": credential,
        "badge": credential.badge_class,
        "assertion_url": openbadges.absolute(credential.assertion_url),
        "certificate_url": credential.certificate_url,
        "page_url": openbadges.absolute(request.path),
    }
    return render(request, "credentials/verify.html", context)


@require_safe
def assertion(request, public_id):
    credential = _credential(public_id)
    if credential.is_revoked:
        return _json(openbadges.revoked_document(credential), status=410)
    return _json(openbadges.assertion_document(credential))


@require_safe
def badge(request, public_id):
    badge = get_object_or_404(BadgeClass, public_id=public_id)
    return _json(openbadges.badge_class_document(badge), seconds=STABLE_SECONDS)


@require_safe
def badge_image(request, public_id):
    badge = get_object_or_404(BadgeClass, public_id=public_id)
    response = HttpResponse(bytes(badge.image), content_type="image/png")
    patch_cache_control(response, public=True, max_age=STABLE_SECONDS)
    return response


@require_safe
def issuer(request):
    return _json(openbadges.platform_issuer(), seconds=STABLE_SECONDS)


@require_safe
def organisation_issuer(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    return _json(openbadges.organisation_issuer(organisation), seconds=STABLE_SECONDS)


@require_safe
def certificate_pdf(request, public_id):
    credential = _credential(public_id)
    language = request.GET.get("lang") or credential.language
    if not certificate.is_interface_language(language):
        raise Http404("unknown language")
    response = HttpResponse(
        certificate.pdf_for(credential, language), content_type="application/pdf"
    )
    filename = f"certificate-{credential.public_id}-{language}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Content-Language"] = language
    patch_cache_control(response, public=True, no_cache=True, max_age=0)
    return response
