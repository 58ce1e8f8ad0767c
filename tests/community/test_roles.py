"""Roles as groups: each has what its job needs in the admin, and no more."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Locale

from events.permissions import grant_organiser_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    return {
        role: make_user(
            f"{role.lower()}@example.org", groups=[role] if role != "Members" else []
        )
        for role in ("Members", "Editors", "Moderators", "Organisers")
    }


@pytest.fixture
def event_page(make_event):
    return make_event("rome", title="Rome workshop")


def test_the_four_groups_and_the_seven_locales_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Members",
        "Editors",
        "Moderators",
        "Organisers",
    }
    assert set(Locale.objects.values_list("language_code", flat=True)) == {
        "en",
        "it",
        "es",
        "ca",
        "el",
        "de",
        "nl",
    }


@pytest.mark.parametrize(
    ("role", "admin_access"),
    [
        ("Members", False),
        ("Editors", True),
        ("Moderators", False),
        ("Organisers", True),
    ],
)
def test_admin_access_per_role(client, people, role, admin_access):
    client.force_login(people[role])
    response = client.get("/admin/")
    assert (response.status_code == 200) is admin_access
    if not admin_access:
        assert response.status_code == 302


def test_editors_review_and_publish_practices(people, make_practice):
    practice = make_practice("Green skills for bakers")
    assert practice.permissions_for_user(people["Editors"]).can_publish()
    for role in ("Members", "Moderators", "Organisers"):
        perms = practice.permissions_for_user(people[role])
        assert not perms.can_publish() and not perms.can_edit(), role


def test_editors_approve_submitted_practices():
    from wagtail.models import GroupApprovalTask

    moderators = Group.objects.get(name="Moderators")
    assert not GroupApprovalTask.objects.filter(groups=moderators).exists()


def test_moderators_hold_no_page_or_image_rights():
    moderators = Group.objects.get(name="Moderators")
    assert not GroupPagePermission.objects.filter(group=moderators).exists()
    assert not moderators.collection_permissions.exists()
    assert not moderators.permissions.filter(codename="access_admin").exists()


def test_organisers_publish_events_only(people, event_page, make_practice):
    organiser = people["Organisers"]
    assert not event_page.permissions_for_user(organiser).can_publish()
    assert grant_organiser_pages() == 3
    assert grant_organiser_pages() == 0  # idempotent
    organiser = type(organiser).objects.get(pk=organiser.pk)  # drop cached perms
    assert event_page.permissions_for_user(organiser).can_publish()
    practice = make_practice("Not theirs")
    assert not practice.permissions_for_user(organiser).can_edit()
    assert not event_page.permissions_for_user(people["Members"]).can_edit()


def test_site_admins_manage_organisations_and_memberships(client, make_organisation):
    from django.contrib.auth import get_user_model

    make_organisation(slug="alpha", name="Alpha Training")
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    listing = client.get("/admin/snippets/community/organisation/")
    assert listing.status_code == 200 and "Alpha Training" in listing.content.decode()
    assert (
        client.get("/admin/snippets/community/organisationmembership/").status_code
        == 200
    )
