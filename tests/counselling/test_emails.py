"""Confirmation, cancellation and decline e-mails: each person in their own
language and zone, with a calendar entry that icalendar parses to the right
UTC instants (REQUEST, then CANCEL with the same UID and a higher SEQUENCE)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from icalendar import Calendar
from wagtail.users.models import UserProfile

from counselling.models import Booking
from counselling.services import booking as svc
from counselling.services.availability import free_slots
from counselling.signals import booking_changed

pytestmark = pytest.mark.django_db


def speaks(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def calendar_of(message, name="counselling.ics"):
    (content,) = [c for n, c, _t in message.attachments if n == name]
    return Calendar.from_ical(content)


def entry(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


@pytest.fixture
def booked(make_counsellor, make_user, django_capture_on_commit_callbacks):
    counsellor = make_counsellor("maria", time_zone="Europe/Rome")
    speaks(counsellor.user, "it")
    member = make_user(email="nikos@example.org", first_name="Nikos")
    speaks(member, "el")
    start = free_slots(svc.rules_for(counsellor), [], datetime.now(UTC))[0].start
    with django_capture_on_commit_callbacks(execute=True):
        booking = svc.book(counsellor, member, start, "Green skills", "Europe/Athens")
    return booking


def test_both_get_a_request_in_their_language_and_zone(booked):
    to_member, to_counsellor = mail.outbox
    assert to_member.to == ["nikos@example.org"]
    assert to_counsellor.to == ["maria@example.org"]
    assert "Green skills" in to_member.body
    # Greek for the member, Italian for the counsellor (subjects are translated).
    assert to_member.subject != to_counsellor.subject
    athens = booked.start.astimezone(ZoneInfo("Europe/Athens"))
    rome = booked.start.astimezone(ZoneInfo("Europe/Rome"))
    assert athens.strftime("%H:%M") in to_member.body
    assert rome.strftime("%H:%M") in to_counsellor.body
    assert "(Europe/Athens)" in to_member.body
    for message, zone in ((to_member, "Europe/Athens"), (to_counsellor, "Europe/Rome")):
        calendar = calendar_of(message)
        assert calendar["method"] == "REQUEST"
        event = entry(calendar)
        assert event["uid"] == f"counselling-{booked.uid}@vetnet"
        assert event["sequence"] == 0
        start = event.decoded("dtstart")
        assert str(start.tzinfo) == zone  # written in the reader's zone...
        assert start.astimezone(UTC) == booked.start  # ...at the same instant
        assert event.decoded("dtend").astimezone(UTC) == booked.end
        assert {str(a) for a in event.get("attendee")} == {
            "mailto:nikos@example.org",
            "mailto:maria@example.org",
        }
        assert calendar.walk("VTIMEZONE")


def test_cancelling_frees_the_time_and_sends_a_cancel_entry(
    booked, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    assert svc.free_slot(booked.counsellor, booked.start) is None
    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(booked, booked.member)
    assert svc.free_slot(booked.counsellor, booked.start) is not None
    assert len(mail.outbox) == 2
    calendar = calendar_of(mail.outbox[0], "counselling-cancelled.ics")
    assert calendar["method"] == "CANCEL"
    event = entry(calendar)
    assert event["uid"] == f"counselling-{booked.uid}@vetnet"
    assert event["sequence"] == 1
    assert event["status"] == "CANCELLED"
    assert event.decoded("dtstart").astimezone(UTC) == booked.start


def test_decline_tells_the_member_why_and_signals(
    booked, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    heard = []

    def receiver(sender, booking, change, **kwargs):
        heard.append((sender, booking.pk, change))

    booking_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            svc.decline(booked, booked.counsellor.user, "I am ill that day")
    finally:
        booking_changed.disconnect(receiver)
    assert heard == [(Booking, booked.pk, "declined")]
    to_member = mail.outbox[0]
    assert "I am ill that day" in to_member.body
    assert calendar_of(to_member, "counselling-cancelled.ics")["method"] == "CANCEL"
    with pytest.raises(svc.BookingError):
        svc.decline(booked, booked.member, "not mine to decline")


def test_rescheduling_moves_the_booking_and_cancels_the_old_entry(
    booked, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    counsellor = booked.counsellor
    later = [
        s
        for s in free_slots(svc.rules_for(counsellor), [], datetime.now(UTC))
        if s.start > booked.start
    ][0]
    with django_capture_on_commit_callbacks(execute=True):
        new = svc.reschedule(booked, booked.member, later.start)
    booked.refresh_from_db()
    assert booked.status == Booking.Status.RESCHEDULED
    assert booked.rescheduled_to == new
    assert svc.free_slot(counsellor, booked.start) is not None
    assert svc.free_slot(counsellor, new.start) is None
    message = mail.outbox[0]
    assert entry(calendar_of(message)).decoded("dtstart").astimezone(UTC) == new.start
    old = calendar_of(message, "counselling-cancelled.ics")
    assert old["method"] == "CANCEL"
    assert entry(old)["uid"] == f"counselling-{booked.uid}@vetnet"


def test_a_reminder_of_a_changed_booking_sends_nothing(
    booked, django_capture_on_commit_callbacks
):
    from counselling.services.notify import send_reminder

    mail.outbox.clear()
    assert send_reminder.call(booked.pk, booked.sequence) == 1
    # The counsellor reads Italian, the member Greek.
    assert mail.outbox[1].subject.startswith("Promemoria: sessione di consulenza")
    assert mail.outbox[0].subject.startswith("Υπενθύμιση")
    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(booked, booked.member)
    mail.outbox.clear()
    assert send_reminder.call(booked.pk, 0) == 0
    assert not mail.outbox
