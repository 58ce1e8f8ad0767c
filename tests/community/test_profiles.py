"""Member profile editing, the public directory, GDPR export and account deletion."""

import json

import pytest
from django.contrib.auth import get_user_model

from community.models import MemberProfile, OrganisationMembership
from tests.factories import MessageFactory, RegistrationFactory, RoomFactory

pytestmark = pytest.mark.django_db


def test_member_edits_profile_and_it_shows_in_the_directory(
    client, member, make_organisation
):
    org = make_organisation(slug="cna-roma", name="CNA Roma")
    # The organisation accepted the member (issue 14: no affiliation without it).
    OrganisationMembership.objects.create(
        user=member, organisation=org, status="approved"
    )
    client.force_login(member)
    response = client.post(
        "/members/me/",
        {
            "first_name": "Maria",
            "last_name": "Bianchi",
            "organisation": org.pk,
            "role": "Trainer",
            "country": "IT",
            "languages": ["it", "en"],
            "expertise": "apprenticeships, green skills",
            "bio": "Ten years of training welders.",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=member)
    assert profile.organisation == org and profile.languages == ["it", "en"]
    assert sorted(profile.expertise.names()) == ["apprenticeships", "green skills"]
    client.logout()
    directory = client.get("/members/").content.decode()
    assert "Maria Bianchi" in directory and "green skills" in directory
    assert "CNA Roma" in client.get(f"/members/{profile.pk}/").content.decode()


def test_choosing_an_organisation_in_the_profile_does_not_affiliate(
    client, member, make_organisation
):
    """Issue 14: the profile's organisation was a free choice, and the member
    appeared on that organisation's page without any approval."""
    org = make_organisation(slug="cna-roma", name="CNA Roma")
    client.force_login(member)
    form = {
        "first_name": "Maria",
        "last_name": "Intrusa",
        "organisation": org.pk,
        "is_public": "on",
    }
    response = client.post("/members/me/", form)
    assert response.status_code == 200  # refused: not a choice the member has
    assert "organisation" in response.context["form"].errors
    assert MemberProfile.objects.get(user=member).organisation is None
    # A profile that names the organisation anyway (older data) lists nobody.
    MemberProfile.objects.filter(user=member).update(organisation=org)
    page = client.get("/organisations/cna-roma/").content.decode()
    assert "Maria" not in page and "Request to join" in page
    # Once the organisation's admins approve, the member is listed.
    OrganisationMembership.objects.create(
        user=member, organisation=org, status="approved"
    )
    assert client.post("/members/me/", form).status_code == 302
    page = client.get("/organisations/cna-roma/").content.decode()
    assert "Maria Intrusa" in page


def test_private_profiles_stay_out_of_the_directory(client, member):
    profile = member.profile
    assert "Test User" not in client.get("/members/").content.decode()
    assert client.get(f"/members/{profile.pk}/").status_code == 404


def test_profile_errors_keep_values_and_point_at_the_field(client, member):
    client.force_login(member)
    response = client.post(
        "/members/me/",
        {"first_name": "", "last_name": "Kept", "role": "Coach", "country": "XX"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Kept"' in html and 'value="Coach"' in html
    assert html.count("field--error") == 2  # first name and country
    assert MemberProfile.objects.get(user=member).role == ""


def test_export_contains_what_we_keep(client, member, make_organisation):
    org = make_organisation(slug="ecipa")
    profile = member.profile
    profile.role = "Coordinator"
    profile.bio = "Bio text"
    profile.save()
    profile.expertise.add("tutoring")
    OrganisationMembership.objects.create(user=member, organisation=org)
    client.force_login(member)
    response = client.get("/members/me/export.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "member@example.org"
    assert data["account"]["groups"] == ["Members"]
    assert data["profile"]["role"] == "Coordinator"
    assert data["profile"]["expertise"] == ["tutoring"]
    assert data["email_addresses"] == [
        {"email": "member@example.org", "verified": True, "primary": True}
    ]
    assert data["organisation_memberships"][0]["status"] == "pending"
    assert data["forum_messages"] == [] and data["event_registrations"] == []


def test_export_includes_forum_messages_and_event_registrations(
    client, member, make_event
):
    room = RoomFactory(name="Tutors")
    MessageFactory(room=room, author=member, text="How do you train tutors?")
    event = make_event("rome", title="Rome workshop")
    RegistrationFactory(
        event=event, name="Test User", email="MEMBER@example.org", role="researcher"
    )
    client.force_login(member)
    data = json.loads(client.get("/members/me/export.json").content)
    assert data["forum_messages"][0]["text"] == "How do you train tutors?"
    assert data["forum_messages"][0]["room"] == "Tutors"
    assert [r["event"] for r in data["event_registrations"]] == ["Rome workshop"]


def test_delete_keeps_practices_and_anonymises_messages(
    client, member, make_organisation, make_practice
):

    org = make_organisation(slug="skills-lab")
    practice = make_practice("Welding apprenticeships", organisation=org)
    practice.submitted_by = member
    practice.save()
    message = MessageFactory(
        room__name="Apprenticeships", author=member, text="Hello all"
    )

    client.force_login(member)
    # A GET only asks; nothing is deleted without the confirmation box.
    assert client.get("/members/me/delete/").status_code == 200
    response = client.post("/members/me/delete/", {})
    assert response.status_code == 200
    assert get_user_model().objects.filter(pk=member.pk).exists()

    response = client.post("/members/me/delete/", {"confirm": "on"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=member.pk).exists()
    assert not MemberProfile.objects.filter(pk=member.profile.pk).exists()
    practice.refresh_from_db()
    assert practice.live and practice.organisation == org
    assert practice.submitted_by is None
    message.refresh_from_db()
    assert message.author is None and message.text == "Hello all"
    assert "_auth_user_id" not in client.session
