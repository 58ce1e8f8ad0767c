"""Member profiles: creation, the public directory, GDPR export and deletion."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from community.models import MemberProfile, OrganisationMembership
from vetnet.pagination import paginate

from .personal_data import erase_personal_data, export_personal_data, iso

MEMBERS_GROUP = "Members"
MEMBERS_PER_PAGE = 24


def profile_for(user):
    profile, _ = MemberProfile.objects.get_or_create(user=user)
    return profile


def welcome_new_member(user):
    """A new sign-up joins the Members group and gets an (private) profile."""
    group, _ = Group.objects.get_or_create(name=MEMBERS_GROUP)
    user.groups.add(group)
    return profile_for(user)


def public_profiles(params):
    profiles = (
        MemberProfile.objects.filter(is_public=True, user__is_active=True)
        .select_related("user", "organisation")
        .prefetch_related("expertise")
    )
    q = (params.get("q") or "").strip()
    if q:
        profiles = profiles.filter(
            Q(user__first_name__icontains=q)
            | Q(user__last_name__icontains=q)
            | Q(role__icontains=q)
            | Q(bio__icontains=q)
            | Q(organisation__name__icontains=q)
            | Q(expertise__name__icontains=q)
        ).distinct()
    page, pages = paginate(profiles, MEMBERS_PER_PAGE, params)
    return {"profiles": page, "pages": pages, "query": q}


def export_member_data(user):
    """Everything the platform keeps about a member, as a JSON-ready dict."""
    profile = profile_for(user)
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in user.emailaddress_set.all()
        ],
        "profile": {
            "organisation": profile.organisation.name if profile.organisation else None,
            "role": profile.role,
            "country": str(profile.country.code or ""),
            "languages": profile.languages,
            "expertise": sorted(t.name for t in profile.expertise.all()),
            "bio": profile.bio,
            "is_public": profile.is_public,
        },
        "organisation_memberships": [
            {
                "organisation": m.organisation.name,
                "role": m.role,
                "status": m.status,
                "requested_at": iso(m.requested_at),
            }
            for m in user.organisation_memberships.select_related("organisation")
        ],
    }
    data.update(export_personal_data(user))
    return data


def delete_member(user):
    """Delete an account as the deletion page says: account, profile and
    memberships go; the apps that keep the member's contributions make them
    anonymous first (forum messages and posts stay without the name, practices
    stay with their organisation)."""
    with transaction.atomic():
        erase_personal_data(user)
        OrganisationMembership.objects.filter(user=user).delete()
        user.delete()
