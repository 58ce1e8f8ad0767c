"""One organisation's page: its practices, events and public members."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from community.models import MemberProfile, Organisation

from .memberships import approved_members, is_admin_of, membership_of, pending_requests


def organisation_detail(slug, user):
    organisation = get_object_or_404(
        Organisation.objects.select_related("logo").prefetch_related("sectors"),
        slug=slug,
    )
    # Practices and events point at their organisation; community does not import
    # those apps, it follows their relations (absent when an app is not installed).
    practices = []
    if hasattr(organisation, "practices"):
        practices = list(
            organisation.practices.live().public().order_by("-first_published_at")
        )
    events = []
    if hasattr(organisation, "events"):
        events = list(
            organisation.events.live()
            .public()
            .filter(end__gte=timezone.now())
            .order_by("start")
        )
    members = list(
        MemberProfile.objects.filter(
            user__in=approved_members(organisation),
            is_public=True,
            user__is_active=True,
        ).select_related("user")
    )
    is_admin = is_admin_of(user, organisation)
    return {
        "organisation": organisation,
        "practices": practices,
        "events": events,
        "members": members,
        "membership": membership_of(user, organisation),
        "is_org_admin": is_admin,
        "pending_requests": list(pending_requests(organisation)) if is_admin else [],
    }
