"""Replies, mentions, reviews and seats reach the right members, and privacy holds:
private rooms, hidden messages and practices in review reveal nothing."""

import pytest
from taggit.models import Tag

from events.models import Registration
from events.services import registration as registration_service
from forums.models import Room, RoomMembership
from forums.services import messages as room_messages
from forums.services import threads
from forums.services.permissions import room_access
from notifications.models import Notification
from notifications.services import follows
from tests.factories import (
    EventPageFactory,
    MemberFactory,
    PracticePageFactory,
    RegistrationFactory,
    RoomFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_commit_hooks(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def notes(user):
    return list(
        Notification.objects.filter(user=user).values_list("kind", "title", "detail")
    )


def test_reply_in_a_followed_thread(member, run_commit_hooks):
    author = MemberFactory(first_name="Bruno", last_name="Keller")
    with run_commit_hooks():
        thread = threads.create_thread(author, "Apprentice pay", "How much?")
    follows.follow(member, "thread", str(thread.pk))
    with run_commit_hooks():
        threads.reply(author, thread, "About 800 euros")
    assert notes(member) == [("reply", "Apprentice pay", "Bruno Keller")]
    assert notes(author) == []


def test_a_reply_notification_leads_to_the_reply(member, run_commit_hooks, client):
    """The notification's link ends in the reply's own anchor on the thread page,
    so a long thread opens at the reply, not at its top."""
    author = MemberFactory(first_name="Bruno", last_name="Keller")
    with run_commit_hooks():
        thread = threads.create_thread(member, "Apprentice pay", "How much?")
    with run_commit_hooks():
        post = threads.reply(author, thread, "About 800 euros")
    path = Notification.objects.get(user=member).path
    page, anchor = path.split("#")
    assert page == thread.get_absolute_url()
    assert f'id="{anchor}"' in client.get(page).content.decode()
    assert anchor == f"p{post.pk}"


def test_who_writes_in_a_thread_hears_of_its_replies(member, run_commit_hooks):
    replier = MemberFactory(first_name="Bruno", last_name="Keller")
    with run_commit_hooks():
        thread = threads.create_thread(member, "Tutor training", "Who has a plan?")
    with run_commit_hooks():
        threads.reply(replier, thread, "We run one in Bologna")
    assert notes(member) == [("reply", "Tutor training", "Bruno Keller")]
    # Unfollowing stops it.
    follows.unfollow(member, "thread", str(thread.pk))
    with run_commit_hooks():
        threads.reply(replier, thread, "And one in Bari")
    assert len(notes(member)) == 1


def test_mention_in_a_thread(member, run_commit_hooks):
    author = MemberFactory(first_name="Bruno", last_name="Keller")
    with run_commit_hooks():
        threads.create_thread(
            author, "Tools", f"What do you think, @{member.username}?"
        )
    assert notes(member) == [("mention", "Tools", "Bruno Keller")]


def test_mention_in_a_private_room_reaches_members_only(member, run_commit_hooks):
    counsellor = MemberFactory()
    outsider = MemberFactory()
    room = Room.objects.create(
        name="Secret counselling", slug="secret", kind=Room.Kind.PRIVATE
    )
    RoomMembership.objects.create(room=room, user=member)
    RoomMembership.objects.create(room=room, user=counsellor)
    access = room_access(counsellor, room)
    with run_commit_hooks():
        room_messages.post_message(
            access, f"@{member.username} and @{outsider.username}, welcome"
        )
    assert notes(member) == [
        ("mention", "Secret counselling", counsellor.get_full_name())
    ]
    # The outsider learns nothing, not even the room's name.
    assert notes(outsider) == []


def test_private_room_cannot_be_followed_by_outsiders(member):
    room = Room.objects.create(name="Closed", slug="closed", kind=Room.Kind.PRIVATE)
    with pytest.raises(follows.CannotFollow):
        follows.follow(member, "room", str(room.pk))


def test_followers_of_a_private_room_who_left_hear_nothing(member, run_commit_hooks):
    other = MemberFactory()
    room = Room.objects.create(name="Closed", slug="closed", kind=Room.Kind.PRIVATE)
    membership = RoomMembership.objects.create(room=room, user=member)
    RoomMembership.objects.create(room=room, user=other)
    follows.follow(member, "room", str(room.pk))
    membership.delete()
    with run_commit_hooks():
        room_messages.post_message(room_access(other, room), "News for members")
    assert notes(member) == []


def test_room_followers_hear_of_activity_once_a_day(member, run_commit_hooks):
    other = MemberFactory()
    room = RoomFactory(name="Green skills")
    follows.follow(member, "room", str(room.pk))
    for text in ("one", "two"):
        with run_commit_hooks():
            room_messages.post_message(room_access(other, room), text)
    assert notes(member) == [("room", "Green skills", "")]


def test_hidden_message_notifies_nobody(member, run_commit_hooks):
    from notifications.services import triggers

    author = MemberFactory()
    room = RoomFactory(name="Open room")
    message = room_messages.post_message(
        room_access(author, room), f"@{member.username} rude words"
    )
    message.hidden_at = message.created_at
    message.save(update_fields=["hidden_at"])
    assert triggers.room_message_created(message.pk) == []
    assert notes(member) == []


def test_review_outcome_on_own_practice(member, practice_index, run_commit_hooks):
    from django.contrib.auth.models import Group

    from practices.services.workflow import ensure_review_setup, submit_for_review

    ensure_review_setup(practice_index)
    editor = MemberFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    page = PracticePageFactory(
        parent=practice_index, publish=False, submitted_by=member, title="My draft"
    )
    with run_commit_hooks():
        submit_for_review(page, member)
    task_state = page.current_workflow_task_state
    with run_commit_hooks():
        task_state.task.specific.on_action(
            task_state, editor, "reject", comment="More detail"
        )
    assert notes(member) == [("review", "My draft", "changes_requested")]


def test_seat_from_the_waiting_list(member, home, run_commit_hooks):
    event = EventPageFactory(parent=home, capacity=1, title="Rome workshop")
    first = RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)
    RegistrationFactory(
        event=event, email=member.email, status=Registration.Status.WAITLISTED
    )
    with run_commit_hooks():
        registration_service.cancel(first, by="organiser")
    assert notes(member) == [("seat", "Rome workshop", "")]


def test_new_event_in_a_followed_country(member, home, run_commit_hooks):
    follows.follow(member, "country", "IT")
    with run_commit_hooks():
        EventPageFactory(parent=home, title="Bologna fair", country="IT")
    with run_commit_hooks():
        EventPageFactory(parent=home, title="Madrid fair", country="ES")
    assert notes(member) == [("event", "Bologna fair", "")]


def test_new_event_in_a_followed_sector_or_theme(member, home, run_commit_hooks):
    themer = MemberFactory()
    follows.follow(member, "sector", "construction")
    with run_commit_hooks():
        EventPageFactory(parent=home, title="Green building day", country="ES")
    # A theme the migrations name (taxonomy 0004), as the demo tags it.
    Tag.objects.get_or_create(name="green skills", slug="green-skills")
    follows.follow(themer, "theme", "green-skills")
    with run_commit_hooks():
        EventPageFactory(
            parent=home,
            title="Builders' fair",
            country="ES",
            sectors=["construction"],
            themes=["green skills"],
        )
    with run_commit_hooks():
        EventPageFactory(
            parent=home, title="Bakers' fair", country="ES", sectors=["food-catering"]
        )
    assert notes(member) == [("event", "Builders' fair", "")]
    assert notes(themer) == [("event", "Builders' fair", "")]


def test_counselling_booking_change_reaches_member_and_counsellor(
    member, run_commit_hooks
):
    """counselling.signals.booking_changed's receiver (connected when the
    counselling app is installed), called as the signal would call it."""
    from types import SimpleNamespace

    from notifications.receivers import on_booking_changed

    counsellor = MemberFactory()
    booking = SimpleNamespace(
        pk=7,
        member_id=member.pk,
        counsellor=SimpleNamespace(user_id=counsellor.pk),
        topic="Apprenticeship contracts",
    )
    with run_commit_hooks():
        on_booking_changed(sender=None, booking=booking, change="rescheduled")
    expected = [("booking", "Apprenticeship contracts", "rescheduled")]
    assert notes(member) == expected
    assert notes(counsellor) == expected
