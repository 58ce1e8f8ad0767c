"""Member profiles: creation, the public directory, GDPR export and deletion."""

import importlib
import logging

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from community.models import MemberProfile, OrganisationMembership

logger = logging.getLogger(__name__)

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
    page = Paginator(profiles, MEMBERS_PER_PAGE).get_page(params.get("page"))
    return {"profiles": page, "query": q}


def _iso(value):
    return value.isoformat() if value else None


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
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
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
                "requested_at": _iso(m.requested_at),
            }
            for m in user.organisation_memberships.select_related("organisation")
        ],
        "submitted_practices": [
            {"title": p.title, "url": p.url_path, "live": p.live}
            for p in user.submitted_practices.all()
        ]
        if hasattr(user, "submitted_practices")
        else [],
    }
    data.update(_forum_contributions(user))
    data["event_registrations"] = _event_registrations(user)
    for label, exporter in _app_exporters():
        data[label] = exporter(user)
    return data


def _forum_contributions(user):
    if not apps.is_installed("forums"):
        return {}
    messages = user.forum_messages.select_related("room").order_by("created_at")
    posts = user.forum_posts.select_related("thread").order_by("created_at")
    return {
        "forum_messages": [
            {"room": m.room.name, "text": m.text, "created_at": _iso(m.created_at)}
            for m in messages
        ],
        "forum_posts": [
            {"thread": p.thread.title, "text": p.body, "created_at": _iso(p.created_at)}
            for p in posts
        ],
    }


def _event_registrations(user):
    """Registrations are kept by e-mail address (visitors register without an
    account), so the member's addresses find theirs."""
    if not apps.is_installed("events") or not user.email:
        return []
    from events.models import Registration

    addresses = {user.email.lower()} | {
        a.email.lower() for a in user.emailaddress_set.all()
    }
    query = Q()
    for address in addresses:
        query |= Q(email__iexact=address)
    return [
        {
            "event": r.event.title,
            "name": r.name,
            "email": r.email,
            "organisation": r.organisation,
            "needs": r.needs,
            "status": r.status,
            "registered_at": _iso(r.created_at),
        }
        for r in Registration.objects.filter(query).select_related("event")
    ]


def _app_hook(module_name, function_name):
    """A function another app offers (forums, events), or None if it has none."""
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, function_name, None)


def _app_exporters():
    for label, module_name in (
        ("forums", "forums.services"),
        ("events", "events.services"),
    ):
        exporter = _app_hook(module_name, "export_user_data")
        if exporter is not None:
            yield label, exporter


def delete_member(user):
    """Delete an account: practices stay with their organisation (submitted_by is
    SET_NULL), forum messages are anonymised by the forums app, memberships and the
    profile go with the user."""
    with transaction.atomic():
        anonymise = _app_hook("forums.services", "anonymise_user")
        if anonymise is not None:
            anonymise(user)
        else:
            logger.warning(
                "forums.services.anonymise_user missing: nothing to anonymise"
            )
        OrganisationMembership.objects.filter(user=user).delete()
        user.delete()
