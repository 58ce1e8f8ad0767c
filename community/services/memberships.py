"""Joining an organisation: a member asks, one of its admins approves."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from community.models import MemberProfile, OrganisationMembership

Status = OrganisationMembership.Status
Role = OrganisationMembership.Role


def is_admin_of(user, organisation):
    if not user.is_authenticated:
        return False
    return OrganisationMembership.objects.filter(
        user=user, organisation=organisation, role=Role.ADMIN, status=Status.APPROVED
    ).exists()


def request_to_join(user, organisation):
    """Create (or re-open after a rejection) a pending request. Returns it."""
    membership, created = OrganisationMembership.objects.get_or_create(
        user=user, organisation=organisation
    )
    if not created and membership.status == Status.REJECTED:
        membership.status = Status.PENDING
        membership.decided_at = None
        membership.decided_by = None
        membership.save(update_fields=["status", "decided_at", "decided_by"])
    return membership


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
