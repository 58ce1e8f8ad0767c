"""A member's credentials in their data export, and gone with their account
(CredentialsConfig.ready registers both with community).

A credential's public page names its recipient, so it cannot outlive the
account of someone who asked to be forgotten: deleting the account deletes the
credentials, and their pages and Open Badges assertions then answer 404 (a
backpack that holds the badge reports it as no longer verifiable)."""

from community.services.personal_data import iso

from ..models import Credential
from .issuing import forget_cached_pages
from .openbadges import absolute


def export_credentials(user):
    return {
        "credentials": [
            {
                "badge": credential.badge_class.name,
                "recipient_name": credential.recipient_name,
                "issued_on": iso(credential.issued_on),
                "workload_hours": credential.workload_hours,
                "learning_outcomes": credential.learning_outcomes,
                "issuing_organisation": credential.organisation_name,
                "revoked_at": iso(credential.revoked_at),
                "revocation_reason": credential.revocation_reason,
                "verification_url": absolute(
                    credential.verification_url_in(credential.language)
                ),
                "certificate_url": absolute(credential.certificate_url),
                "assertion_url": absolute(credential.assertion_url),
            }
            for credential in Credential.objects.filter(recipient=user)
            .select_related("badge_class")
            .order_by("issued_on")
        ]
    }


def erase_credentials(user):
    credentials = list(Credential.objects.filter(recipient=user))
    if credentials:
        Credential.objects.filter(pk__in=[c.pk for c in credentials]).delete()
        forget_cached_pages(credentials)
