"""Follows, notifications, preferences and digests in the Wagtail admin: listed,
searched by member and filtered by kind for administrators; nobody else gets in,
not even an editor with access to the admin."""

import pytest
from django.contrib.auth import get_user_model

from notifications.models import Digest, EmailPreference, Follow, Notification
from notifications.services import follows
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

LISTS = (
    "/admin/notification_follows/",
    "/admin/notification_items/",
    "/admin/notification_preferences/",
    "/admin/notification_digests/",
)


@pytest.fixture
def rows(member):
    other = MemberFactory(username="bruno")
    follows.follow(member, "sector", "construction", label="Construction")
    follows.follow(other, "country", "ES", label="Spain")
    Notification.objects.create(
        user=member, kind="practice", key="practice:1", title="Green roofs", path="/"
    )
    Notification.objects.create(
        user=other, kind="reply", key="post:1", title="Apprentice pay", path="/"
    )
    EmailPreference.objects.create(user=member, kind="practice", frequency="daily")
    Digest.objects.create(
        user=member,
        period="daily:2026-11-26",
        run="r1",
        language="it",
        to=member.email,
        subject="Novità per te",
        text="...",
        html="...",
        unsubscribe_url="/u/",
    )
    return member, other


def test_administrators_list_search_and_filter(client, rows):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    for url in LISTS:
        assert client.get(url).status_code == 200, url

    html = client.get(LISTS[0], {"kind": "sector"}).content.decode()
    assert "construction" in html and "Spain" not in html
    html = client.get(LISTS[0], {"q": "bruno"}).content.decode()
    assert "Spain" in html and "construction" not in html
    html = client.get(LISTS[1], {"kind": "reply"}).content.decode()
    assert "Apprentice pay" in html and "Green roofs" not in html
    html = client.get(LISTS[1], {"user__username__iexact": "anna"}).content.decode()
    assert "Green roofs" in html and "Apprentice pay" not in html
    digest = Digest.objects.get()
    detail = client.get(f"{LISTS[3]}inspect/{digest.pk}/")
    assert detail.status_code == 200 and "Novità per te" in detail.content.decode()
    # Read-mostly: no hand-made rows, no edits.
    assert client.get(f"{LISTS[0]}new/").status_code in (302, 403)
    follow = Follow.objects.first()
    assert client.get(f"{LISTS[0]}edit/{follow.pk}/").status_code in (302, 403)


def test_editors_and_members_are_kept_out(client, rows):
    editor = MemberFactory(username="edith", groups=["Editors"])
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200  # an editor reaches the admin
    for url in LISTS:
        assert client.get(url).status_code in (302, 403), url
    assert b"notification_follows" not in client.get("/admin/").content

    client.force_login(rows[1])
    for url in LISTS:
        assert client.get(url).status_code in (302, 403), url
