"""Pages: follow / unfollow without JavaScript, the notifications list, the
header's count (signed-in pages only), one-click unsubscribe without login."""

import pytest

from notifications.models import EmailPreference, Follow, Notification
from notifications.services.unsubscribe import make_token
from tests.factories import MemberFactory, PracticePageFactory

pytestmark = pytest.mark.django_db


def make_notes(user, n):
    Notification.objects.bulk_create(
        [
            Notification(
                user=user,
                kind="practice",
                key=f"k{i}",
                title=f"P{i}",
                path="/practices/",
            )
            for i in range(n)
        ]
    )


def test_follow_and_unfollow_from_a_practice_page(client, member, practice_index):
    page = PracticePageFactory(parent=practice_index, sectors=["construction"])
    client.force_login(member)
    html = client.get(page.url).content.decode()
    assert "Follow Construction" in html
    response = client.post(
        "/follows/add/",
        {
            "kind": "sector",
            "value": "construction",
            "label": "Construction",
            "next": page.url,
        },
    )
    assert response.status_code == 302 and response["Location"] == page.url
    assert Follow.objects.filter(
        user=member, kind="sector", value="construction"
    ).exists()
    assert "Unfollow Construction" in client.get(page.url).content.decode()
    client.post("/follows/remove/", {"kind": "sector", "value": "construction"})
    assert not Follow.objects.filter(user=member).exists()


def test_anonymous_practice_page_has_no_form_no_count_and_stays_cacheable(
    client, practice_index
):
    page = PracticePageFactory(parent=practice_index, sectors=["construction"])
    response = client.get(page.url)
    html = response.content.decode()
    assert "Log in to follow" in html
    assert "data-unread-count" not in html
    assert "csrftoken" not in response.cookies
    assert "public" in response["Cache-Control"]


def test_save_a_search_from_the_listing(client, member, practice_index):
    client.force_login(member)
    html = client.get("/practices/?sector=construction&page=1").content.decode()
    assert "Follow this search" in html
    client.post(
        "/follows/add/", {"kind": "search", "value": "?sector=construction&page=1"}
    )
    (saved,) = Follow.objects.filter(user=member)
    assert (saved.kind, saved.query) == ("search", "sector=construction")
    assert "sector=construction" in client.get("/follows/").content.decode()


def test_header_count_and_marking_read(client, member):
    make_notes(member, 3)
    client.force_login(member)
    html = client.get("/notifications/").content.decode()
    assert 'data-unread-count aria-label="unread">3<' in html
    first = Notification.objects.filter(user=member).first()
    response = client.post(f"/notifications/{first.pk}/read/", {"open": "1"})
    assert response["Location"] == "/practices/"
    assert Notification.objects.filter(user=member, read_at__isnull=True).count() == 2
    client.post("/notifications/read-all/")
    html = client.get("/notifications/").content.decode()
    assert 'data-unread-count aria-label="unread" hidden>0<' in html


def test_notifications_are_paginated_and_private(client, member):
    make_notes(member, 25)
    other = MemberFactory()
    client.force_login(other)
    assert "P24" not in client.get("/notifications/").content.decode()
    assert (
        client.post(
            f"/notifications/{Notification.objects.first().pk}/read/"
        ).status_code
        == 302
    )
    assert not Notification.objects.filter(read_at__isnull=False).exists()
    client.force_login(member)
    page_two = client.get("/notifications/?page=2").content.decode()
    assert "New practice: P0" in page_two
    assert '<span aria-current="page">2</span>' in page_two
    assert client.get("/notifications/", secure=False).status_code == 200


def test_notifications_need_login(client):
    response = client.get("/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_one_click_unsubscribe_without_login(client, member):
    token = make_token(member.pk, ["practice", "reply"])
    response = client.post(
        f"/notifications/unsubscribe/{token}/",
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    assert dict(
        EmailPreference.objects.filter(user=member).values_list("kind", "frequency")
    ) == {"practice": "off", "reply": "off"}


def test_unsubscribe_needs_a_valid_signature(client, member):
    token = make_token(member.pk, ["practice"])
    forged = token.replace(f"{member.pk}.", f"{member.pk + 1}.")
    assert client.post(f"/notifications/unsubscribe/{forged}/").status_code == 404
    # A GET (a link scanner) changes nothing; it asks to confirm.
    assert client.get(f"/notifications/unsubscribe/{token}/").status_code == 200
    assert not EmailPreference.objects.exists()


def test_mention_autocomplete_lists_public_profiles_only(client, member):
    hidden = MemberFactory(first_name="Annette")
    member.profile.is_public = True
    member.profile.save()
    client.force_login(MemberFactory())
    data = client.get("/notifications/members.json?q=ann").json()
    assert data["members"] == [{"username": member.username, "name": "Anna Moretti"}]
    assert hidden.username not in str(data)


def test_preferences_form(client, member):
    client.force_login(member)
    client.post("/follows/preferences/", {"practice": "weekly", "mention": "off"})
    assert dict(
        EmailPreference.objects.filter(user=member).values_list("kind", "frequency")
    ) == {"practice": "weekly", "mention": "off"}


def test_the_follows_list_names_a_followed_theme_in_the_pages_language(
    client, member, practice_index
):
    page = PracticePageFactory(parent=practice_index, themes=["work-based learning"])
    client.force_login(member)
    greek_page = client.get(f"/el{page.url}").content.decode()
    assert "μάθηση στον χώρο εργασίας" in greek_page
    # Followed from the English page: the label saved with the follow is English.
    client.post(
        "/follows/add/",
        {
            "kind": "theme",
            "value": "work-based-learning",
            "label": "work-based learning",
        },
    )
    greek = client.get("/el/follows/").content.decode()
    assert "μάθηση στον χώρο εργασίας" in greek
    assert "work-based learning" in client.get("/follows/").content.decode()
