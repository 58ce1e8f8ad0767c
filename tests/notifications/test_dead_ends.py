"""Notifications whose page is gone for their reader (a practice unpublished, a
thread deleted, a private room left) are marked "no longer available" without
a link on the list, and left out of the e-mail digest, instead of leading to a
404 or a 403."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.utils import timezone

from forums.models import Room, RoomMembership
from forums.services import messages as room_messages
from forums.services import threads
from forums.services.permissions import room_access
from notifications.models import Notification
from notifications.services import digests, follows, preferences
from tests.factories import MemberFactory, PracticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_commit_hooks(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def three_notes(member, practice_index, run_commit_hooks):
    """A followed practice (then unpublished), a reply in a thread (then
    deleted), a mention in a private room (then left) and a practice that
    stays: four notifications, three of them dead ends."""
    follows.follow(member, "sector", "construction")
    with run_commit_hooks():
        gone = PracticePageFactory(
            parent=practice_index, title="Gone practice", sectors=["construction"]
        )
    with run_commit_hooks():
        kept = PracticePageFactory(
            parent=practice_index, title="Kept practice", sectors=["construction"]
        )
    author = MemberFactory(first_name="Bruno", last_name="Keller")
    with run_commit_hooks():
        thread = threads.create_thread(member, "Deleted thread", "How much?")
    with run_commit_hooks():
        threads.reply(author, thread, "About 800 euros")
    room = Room.objects.create(name="Closed room", slug="closed", kind="private")
    membership = RoomMembership.objects.create(room=room, user=member)
    RoomMembership.objects.create(room=room, user=author)
    with run_commit_hooks():
        room_messages.post_message(
            room_access(author, room), f"@{member.username} welcome"
        )
    assert Notification.objects.filter(user=member).count() == 4
    with run_commit_hooks():
        gone.unpublish()
    with run_commit_hooks():
        thread.delete()
    with run_commit_hooks():
        membership.delete()
    return kept


@pytest.fixture
def daily_digest(member, three_notes):
    """The member of the three notes, with a verified address and a daily
    digest of practices, replies and mentions."""
    EmailAddress.objects.update_or_create(
        user=member,
        email=member.email,
        defaults={"verified": True, "primary": True},
    )
    preferences.set_frequencies(
        member, {"practice": "daily", "reply": "daily", "mention": "daily"}
    )
    return member


def badge(client, path="/follows/"):
    """The header's unread count on a page, None when hidden."""
    page = client.get(path).content.decode()
    [span] = re.findall(r"<span [^>]*data-unread-count[^>]*>[^<]*</span>", page)
    return None if " hidden" in span else int(re.sub(r"<[^>]+>", "", span))


def listed(client):
    page = client.get("/notifications/").content.decode()
    items = re.findall(r'<li class="card notification.*?</li>', page, re.S)
    return {
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item)).strip(): item
        for item in items
    }


def test_the_list_marks_dead_ends_and_does_not_link_them(member, three_notes):
    client = Client()
    client.force_login(member)
    items = listed(client)
    assert len(items) == 4
    for text, item in items.items():
        if "Kept practice" in text:
            assert "no longer available" not in text
            assert 'name="open"' in item
        else:
            assert "no longer available" in text, text
            assert 'name="open"' not in item, text


def test_the_count_is_what_the_reader_can_open(member, three_notes):
    """Three of the four notifications lead nowhere now: the header says 1 on
    every page, before the list was ever opened, and so does the list."""
    client = Client()
    client.force_login(member)
    assert badge(client) == 1
    assert badge(client, "/notifications/") == 1
    page = client.get("/notifications/").content.decode()
    assert "1 unread notification<" in page
    # Marking everything read leaves nothing unread, dead ends included.
    client.post("/notifications/read-all/")
    assert badge(client) is None
    assert not Notification.objects.filter(user=member, read_at__isnull=True).exists()


def test_what_comes_back_counts_again(member, three_notes, run_commit_hooks):
    client = Client()
    client.force_login(member)
    assert badge(client) == 1
    gone = Notification.objects.get(user=member, title="Gone practice")
    page = PracticePageFactory._meta.model.objects.get(pk=gone.key.split(":")[1])
    with run_commit_hooks():
        page.save_revision().publish()
    assert badge(client) == 2


def test_opening_a_dead_end_says_so_on_the_list(member, three_notes):
    client = Client()
    client.force_login(member)
    note = Notification.objects.get(user=member, title="Gone practice")
    response = client.post(f"/de/notifications/{note.pk}/read/", {"open": "1"})
    assert response["Location"] == "/de/notifications/"
    page = client.get(response["Location"]).content.decode()
    assert "Worum es in dieser Benachrichtigung ging, ist nicht mehr verfügbar." in (
        page
    )
    assert "nicht mehr verfügbar</span>" in page
    kept = Notification.objects.get(user=member, title="Kept practice")
    response = client.post(f"/notifications/{kept.pk}/read/", {"open": "1"})
    assert response["Location"] == three_notes.url


def test_the_digest_leaves_dead_ends_out(daily_digest, three_notes, mailoutbox):
    mailoutbox.clear()
    digests.run("daily")
    [mail] = mailoutbox
    assert "Kept practice" in mail.body
    for title in ("Gone practice", "Deleted thread", "Closed room"):
        assert title not in mail.body
    assert mail.subject.startswith("1 new notification")
    # Everything was weighed once: what waits is known to be gone, and the
    # next digest leaves it alone.
    assert not Notification.objects.filter(
        user=daily_digest, digest__isnull=True, gone_at__isnull=True
    ).exists()


def test_a_digest_run_does_not_weigh_dead_ends_again(
    daily_digest, three_notes, mailoutbox, django_assert_max_num_queries
):
    """A member whose only news is gone gets no e-mail, and the next runs do
    not load and check those notifications again: they know they are gone."""
    Notification.objects.filter(title="Kept practice").update(read_at=timezone.now())
    mailoutbox.clear()
    digests.run("daily")
    assert not mailoutbox
    # The next run finds no member with anything to weigh: one query.
    with django_assert_max_num_queries(1):
        assert digests.build("daily")[1] == 0


def test_a_page_for_members_stays_open_to_the_members_it_lets_in(
    member, practice_index, run_commit_hooks
):
    """A practice restricted to signed-in users, or to a group the reader is in,
    is still there for them; one restricted to a group they are not in is not."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    follows.follow(member, "sector", "construction")
    with run_commit_hooks():
        for title in ("For members", "For partners", "For reviewers"):
            PracticePageFactory(
                parent=practice_index, title=title, sectors=["construction"]
            )
    partners, reviewers = (
        Group.objects.create(name="partners"),
        Group.objects.create(name="reviewers"),
    )
    member.groups.add(partners)
    for title, kind, groups in (
        ("For members", PageViewRestriction.LOGIN, []),
        ("For partners", PageViewRestriction.GROUPS, [partners]),
        ("For reviewers", PageViewRestriction.GROUPS, [reviewers]),
    ):
        page = practice_index.get_children().get(title=title)
        rule = PageViewRestriction.objects.create(page=page, restriction_type=kind)
        rule.groups.set(groups)

    client = Client()
    client.force_login(member)
    items = listed(client)
    assert len(items) == 3
    for text, item in items.items():
        if "For reviewers" in text:
            assert "no longer available" in text and 'name="open"' not in item
        else:
            assert "no longer available" not in text, text
            assert 'name="open"' in item
