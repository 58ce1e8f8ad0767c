"""Joining an organisation: a member asks, one of its admins approves."""

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import MemberProfile, OrganisationMembership
from community.names import display_name

Status = OrganisationMembership.Status
Role = OrganisationMembership.Role


def is_admin_of(user, organisation):
    if not user.is_authenticated:
        return False
    return OrganisationMembership.objects.filter(
        user=user, organisation=organisation, role=Role.ADMIN, status=Status.APPROVED
    ).exists()


def approved_members(organisation):
    """Users the organisation's admins accepted: the only way to be affiliated.

    A member's profile names one organisation for display, but choosing it there
    affiliates nobody (issue 14): the organisation's page lists approved members.
    """
    return OrganisationMembership.objects.filter(
        organisation=organisation, status=Status.APPROVED
    ).values("user")


def affiliations_of(user):
    """Organisations whose admins approved the user (for the profile's choice)."""
    from community.models import Organisation

    return Organisation.objects.filter(
        memberships__user=user, memberships__status=Status.APPROVED
    ).order_by("name")


def request_to_join(user, organisation, page_url=""):
    """Create (or re-open after a rejection) a pending request and tell the
    organisation's admins by e-mail. Returns the membership."""
    membership, created = OrganisationMembership.objects.get_or_create(
        user=user, organisation=organisation
    )
    reopened = not created and membership.status == Status.REJECTED
    if reopened:
        membership.status = Status.PENDING
        membership.decided_at = None
        membership.decided_by = None
        membership.save(update_fields=["status", "decided_at", "decided_by"])
    if created or reopened:
        notify_admins(membership, page_url)
    return membership


def admin_addresses(organisation):
    return sorted(
        OrganisationMembership.objects.filter(
            organisation=organisation, role=Role.ADMIN, status=Status.APPROVED
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def notify_admins(membership, page_url=""):
    recipients = admin_addresses(membership.organisation)
    if not recipients:
        return 0
    name = display_name(membership.user)
    organisation = membership.organisation.name
    body = _(
        "%(name)s asks to join %(organisation)s on VET NET Community. "
        "Approve or decline the request on the organisation's page:"
    ) % {"name": name, "organisation": organisation}
    return send_mail(
        _("Request to join %(organisation)s") % {"organisation": organisation},
        f"{body}\n\n{page_url}\n",
        None,
        recipients,
    )


def pending_requests(organisation):
    return (
        OrganisationMembership.objects.filter(
            organisation=organisation, status=Status.PENDING
        )
        .select_related("user")
        .order_by("requested_at")
    )


def decide(admin, membership, approve):
    """An organisation admin approves or rejects a pending request."""
    if not is_admin_of(admin, membership.organisation):
        raise PermissionDenied("Only the organisation's admins decide on requests.")
    with transaction.atomic():
        membership.status = Status.APPROVED if approve else Status.REJECTED
        membership.decided_at = timezone.now()
        membership.decided_by = admin
        membership.save(update_fields=["status", "decided_at", "decided_by"])
        if approve:
            profile, _ = MemberProfile.objects.get_or_create(user=membership.user)
            if profile.organisation_id is None:
                profile.organisation = membership.organisation
                profile.save(update_fields=["organisation"])
    return membership


def membership_of(user, organisation):
    if not user.is_authenticated:
        return None
    return OrganisationMembership.objects.filter(
        user=user, organisation=organisation
    ).first()
