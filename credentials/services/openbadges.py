"""Open Badges 2.0 documents (JSON-LD) for hosted verification.

Every id is an absolute URL on SITE_URL with no language prefix, so a backpack
that imported a badge years ago still finds it. The issuer is the organisation
that ran the course when there is one (its profile is hosted here, so hosted
verification's default allowed origin, the issuer id's host, is ours), else the
platform itself. The recipient is only ever named by a salted SHA-256 hash of
the e-mail address."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

CONTEXT = "https://w3id.org/openbadges/v2"


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def issuer_url(organisation_id=None):
    if organisation_id:
        return absolute(reverse("credentials_ob:org_issuer", args=[organisation_id]))
    return absolute(reverse("credentials_ob:issuer"))


def platform_issuer():
    return {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": issuer_url(),
        "name": getattr(settings, "CREDENTIALS_ISSUER_NAME", "VET NET Community"),
        "url": settings.SITE_URL.rstrip("/") + "/",
        "email": settings.CREDENTIALS_ISSUER_EMAIL,
        "description": (
            "The Community of VET Practices: vocational education and training "
            "providers, craft and SME associations and policymakers."
        ),
    }


def organisation_issuer(organisation):
    page = absolute(reverse("community:organisation", args=[organisation.slug]))
    profile = {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": issuer_url(organisation.pk),
        "name": organisation.name,
        "url": organisation.website or page,
        # Organisations publish no address here: the platform answers for them.
        "email": settings.CREDENTIALS_ISSUER_EMAIL,
    }
    if organisation.description:
        profile["description"] = organisation.description
    return profile


def with_language(document, language):
    """``document`` with Open Badges 2.0's ``@language`` (the BCP 47 tag of the
    language its text properties are written in, allowed on assertions, badge
    classes and profiles) when it is known."""
    if language:
        document["@language"] = language
    return document


def badge_class_document(badge):
    document = {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": absolute(reverse("credentials_ob:badge", args=[badge.public_id])),
        "name": badge.name,
        "description": badge.description,
        "image": absolute(
            reverse("credentials_ob:badge_image", args=[badge.public_id])
        ),
        "criteria": {"id": badge.criteria_url},
        "issuer": issuer_url(badge.issuer_organisation_id),
    }
    return with_language(document, badge.language)


def assertion_document(credential):
    badge = credential.badge_class
    document = {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": absolute(credential.assertion_url),
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": credential.recipient_salt,
            "identity": credential.recipient_hash,
        },
        "badge": absolute(reverse("credentials_ob:badge", args=[badge.public_id])),
        "issuedOn": credential.issued_on.isoformat(),
        "verification": {"type": "hosted"},
        "evidence": {
            "id": absolute(credential.verification_url_in(credential.language)),
            "narrative": evidence_narrative(credential),
        },
    }
    return with_language(document, credential.content_language)


def evidence_narrative(credential):
    """Markdown, as Open Badges narratives are: the workload and the outcomes,
    written in the outcomes' language (English when the interface lacks it)."""
    hours = credential.workload_hours
    with translation.override(credential.content_language or settings.LANGUAGE_CODE):
        workload = ngettext(
            "Workload: %(hours)s hour", "Workload: %(hours)s hours", hours
        ) % {"hours": hours}
        lines = [f"{workload}."]
        if credential.learning_outcomes:
            lines += ["", f"{_('Learning outcomes')}:", ""]
            lines += [f"- {outcome}" for outcome in credential.learning_outcomes]
    return "\n".join(lines)


def revoked_document(credential):
    """What a revoked hosted assertion answers (with HTTP 410), as the spec says."""
    return {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": absolute(credential.assertion_url),
        "revoked": True,
        "revocationReason": credential.revocation_reason,
    }
