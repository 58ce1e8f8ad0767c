"""Demo steps that need the other apps' demo content: organisation sectors,
demo members with public profiles."""

import json

from django.contrib.auth import get_user_model
from wagtail.models import Locale

from .demo import FIXTURES
from .models import MemberProfile, Organisation, OrganisationMembership
from .services.profiles import welcome_new_member

DEMO_MEMBERS = [
    # email, first, last, organisation slug, role, country, languages, expertise
    (
        "giulia.demo@vetnet.local",
        "Giulia",
        "Rossi",
        "ecipa-foundation",
        "Project coordinator",
        "IT",
        ["it", "en"],
        ["apprenticeships", "continuing VET"],
    ),
    (
        "jordi.demo@vetnet.local",
        "Jordi",
        "Puig",
        None,
        "Trainer",
        "ES",
        ["ca", "es", "en"],
        ["digital skills", "craft"],
    ),
]


def link_sectors():
    from taxonomy.models import Sector

    default_locale = Locale.get_default()
    sectors = {s.slug: s for s in Sector.objects.filter(locale=default_locale)}
    if not sectors:
        return 0
    rows = json.loads((FIXTURES / "organisations.json").read_text(encoding="utf-8"))
    linked = 0
    orgs = Organisation.objects.in_bulk([r["slug"] for r in rows], field_name="slug")
    for row in rows:
        org = orgs.get(row["slug"])
        wanted = [sectors[s] for s in row.get("sectors", []) if s in sectors]
        if org is not None and wanted and not org.sectors.exists():
            org.sectors.add(*wanted)
            linked += 1
    return linked


def ensure_members():
    User = get_user_model()
    created = 0
    for email, first, last, org_slug, role, country, languages, tags in DEMO_MEMBERS:
        if User.objects.filter(email=email).exists():
            continue
        user = User.objects.create_user(
            username=email.split("@")[0],
            email=email,
            first_name=first,
            last_name=last,
        )
        user.set_unusable_password()
        user.save()
        profile = welcome_new_member(user)
        organisation = Organisation.objects.filter(slug=org_slug).first()
        MemberProfile.objects.filter(pk=profile.pk).update(
            organisation=organisation,
            role=role,
            country=country,
            languages=languages,
            bio=f"{role} in the VET NET network.",
            is_public=True,
        )
        profile.expertise.add(*tags)
        if organisation is not None:
            OrganisationMembership.objects.create(
                user=user,
                organisation=organisation,
                role=OrganisationMembership.Role.ADMIN,
                status=OrganisationMembership.Status.APPROVED,
            )
        created += 1
    return created


def load():
    linked = link_sectors()
    members = ensure_members()
    return f"{linked} organisations linked to sectors, {members} members"
