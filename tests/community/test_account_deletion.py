"""Deleting an account does what its page promises, read back from the database:
"Your account, profile and organisation memberships will be deleted. Good
practices you submitted stay online, credited to their organisation. Your
messages in the forums stay, but no longer show your name." """

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from community.models import MemberProfile, OrganisationMembership
from events.models import EventIndexPage, EventPage, Registration
from forums.models import Message, Post, Room, Thread
from forums.services.threads import create_thread, promote_excerpt, reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def maria(make_user):
    return make_user("maria@example.org", first_name="Maria", last_name="Lopez")


@pytest.fixture
def jan(make_user):
    return make_user("jan@example.org", first_name="Jan", last_name="Vos")


@pytest.fixture
def contributions(maria, jan, home, make_organisation, make_practice):
    """Maria's traces across the apps: a room she opened, chat messages quoted in
    a promoted excerpt, a thread of her own, a reply, a practice, a registration."""
    org = make_organisation(slug="skills-lab")
    OrganisationMembership.objects.create(user=maria, organisation=org)
    practice = make_practice("Tutors in every workshop", organisation=org)
    practice.submitted_by = maria
    practice.save()
    room = Room.objects.create(name="Tutors", slug="tutors", created_by=maria)
    said = Message.objects.create(
        room=room, author=maria, text="Pair each apprentice with a tutor"
    )
    Message.objects.create(room=room, author=jan, text="We do that too")
    excerpt = promote_excerpt(
        jan, room, list(room.messages.values_list("pk", flat=True)), "Tutoring"
    )
    own = create_thread(maria, "Green skills", "Who teaches heat pumps?")
    answer = reply(maria, excerpt, "Thanks for sharing")
    index = home.add_child(instance=EventIndexPage(title="Events", slug="events"))
    start = timezone.now() + timedelta(days=5)
    event = EventPage(title="Rome workshop", slug="rome", start=start, end=start)
    index.add_child(instance=event)
    registration = Registration.objects.create(
        event=event,
        name="Maria Lopez",
        email="maria@example.org",
        country="ES",
        role="trainer",
        status=Registration.Status.CONFIRMED,
        consent=True,
    )
    return {
        "org": org,
        "practice": practice,
        "room": room,
        "said": said,
        "excerpt": excerpt,
        "own": own,
        "answer": answer,
        "registration": registration,
    }


def test_export_lists_what_each_app_keeps(client, maria, contributions):
    client.force_login(maria)
    data = json.loads(client.get("/members/me/export.json").content)
    assert [p["title"] for p in data["submitted_practices"]] == [
        "Tutors in every workshop"
    ]
    assert [m["text"] for m in data["forum_messages"]] == [
        "Pair each apprentice with a tutor"
    ]
    assert [p["text"] for p in data["forum_posts"]] == [
        "Who teaches heat pumps?",
        "Thanks for sharing",
    ]
    assert [r["event"] for r in data["event_registrations"]] == ["Rome workshop"]


def test_deleted_account_leaves_contributions_without_its_name(
    client, maria, jan, contributions, caplog
):
    c = contributions
    client.force_login(maria)
    response = client.post("/members/me/delete/", {"confirm": "on"})
    assert response.status_code == 302

    # Account, profile and memberships are gone.
    assert not get_user_model().objects.filter(pk=maria.pk).exists()
    assert not MemberProfile.objects.filter(user_id=maria.pk).exists()
    assert not OrganisationMembership.objects.filter(user_id=maria.pk).exists()
    # The practice stays online, credited to its organisation.
    c["practice"].refresh_from_db()
    assert c["practice"].live and c["practice"].organisation == c["org"]
    assert c["practice"].submitted_by is None
    # Forum messages, posts and threads stay, without an author.
    said = Message.objects.get(pk=c["said"].pk)
    assert said.author is None and said.text == "Pair each apprentice with a tutor"
    assert Post.objects.get(pk=c["answer"].pk).author is None
    own = Thread.objects.get(pk=c["own"].pk)
    assert own.author is None
    assert [p.author for p in own.posts.all()] == [None]
    assert Room.objects.get(pk=c["room"].pk).created_by is None
    # The excerpt quoted her by name: the quote stays, the name does not.
    quote = c["excerpt"].posts.order_by("created_at").first().body
    assert "former member: Pair each apprentice with a tutor" in quote
    assert "Jan Vos: We do that too" in quote
    assert not Post.objects.filter(body__contains="Maria Lopez").exists()
    assert not Message.objects.filter(text__contains="Maria Lopez").exists()
    # Other members' contributions keep their author.
    assert Message.objects.filter(author=jan).count() == 1
    # Event registrations are kept by e-mail, not by account: the registrant still
    # manages them with the link in the confirmation e-mail.
    registration = Registration.objects.get(pk=c["registration"].pk)
    assert registration.email == "maria@example.org"
    assert registration.status == Registration.Status.CONFIRMED
    # Deletion found every app's eraser (it used to log a missing function).
    assert "missing" not in caplog.text
