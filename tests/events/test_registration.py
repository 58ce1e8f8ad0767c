"""Seat rules through the services: confirm, wait, one per e-mail, cancel, promote."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Registration
from events.services.registration import (
    AlreadyRegistered,
    RegistrationClosed,
    State,
    cancel,
    promote_next,
    register,
    registration_state,
)
from tests.events.conftest import person

pytestmark = pytest.mark.django_db


def statuses(event):
    return list(
        Registration.objects.filter(event=event)
        .order_by("id")
        .values_list("email", "status")
    )


def test_seats_then_waiting_list(event, commit):
    for n in range(1, 5):
        with commit():
            register(event, person(n))
    assert statuses(event) == [
        ("person1@example.org", "confirmed"),
        ("person2@example.org", "confirmed"),
        ("person3@example.org", "waitlisted"),
        ("person4@example.org", "waitlisted"),
    ]
    assert registration_state(event) == State.WAITING_LIST
    subjects = [message.subject for message in mail.outbox]
    assert subjects[0].startswith("Registration confirmed")
    assert subjects[2].startswith("You are on the waiting list")


def test_one_active_registration_per_email_case_insensitive(event):
    first = register(event, person(1))
    with pytest.raises(AlreadyRegistered) as error:
        register(event, person(9, email="PERSON1@Example.org"))
    assert error.value.registration == first
    cancel(first, by="self")
    again = register(event, person(1))
    assert again.status == "confirmed"


def test_cancel_promotes_first_waiting_and_tells_them(event, commit):
    confirmed = register(event, person(1))
    register(event, person(2))
    third = register(event, person(3))
    fourth = register(event, person(4))
    mail.outbox.clear()
    with commit():
        cancel(confirmed, by="self")
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == "confirmed" and third.promoted_at
    assert fourth.status == "waitlisted"
    assert [m.to[0] for m in mail.outbox] == [
        "person1@example.org",
        "person3@example.org",
    ]
    assert mail.outbox[1].subject.startswith("A seat is yours")
    # Cancelling again changes nothing, promotes nobody more.
    cancel(confirmed, by="self")
    fourth.refresh_from_db()
    assert fourth.status == "waitlisted"


def test_cancelling_a_waiting_person_promotes_nobody(event):
    register(event, person(1))
    register(event, person(2))
    waiting = register(event, person(3))
    last = register(event, person(4))
    cancel(waiting, by="Organiser Olga")
    last.refresh_from_db()
    waiting.refresh_from_db()
    assert last.status == "waitlisted"
    assert waiting.cancelled_by == "Organiser Olga"


def test_more_capacity_promotes_in_order(event):
    for n in range(1, 6):
        register(event, person(n))
    event.capacity = 4
    event.save()
    promoted = promote_next(event)
    assert [r.email for r in promoted] == ["person3@example.org", "person4@example.org"]
    assert Registration.objects.filter(event=event, status="waitlisted").count() == 1


def test_full_without_waiting_list_refuses(make_event):
    event = make_event(waiting_list=False, capacity=1)
    register(event, person(1))
    assert registration_state(event) == State.FULL
    with pytest.raises(RegistrationClosed) as error:
        register(event, person(2))
    assert error.value.state == State.FULL
    assert Registration.objects.filter(event=event).count() == 1


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        ({"registration_closes": timezone.now() - dt.timedelta(hours=1)}, State.CLOSED),
        (
            {"registration_opens": timezone.now() + dt.timedelta(days=1)},
            State.NOT_YET_OPEN,
        ),
        (
            {
                "start": timezone.now() - dt.timedelta(days=2),
                "end": timezone.now() - dt.timedelta(days=1),
            },
            State.PAST,
        ),
    ],
)
def test_closed_windows_refuse(make_event, fields, state):
    event = make_event(**fields)
    assert registration_state(event) == state
    with pytest.raises(RegistrationClosed):
        register(event, person(1))
    # Organisers may still add people by hand outside the window.
    if state != State.PAST:
        assert register(event, person(1), enforce_window=False).status == "confirmed"


def test_publishing_more_seats_promotes_those_waiting(event, commit):
    for n in range(1, 5):
        register(event, person(n))
    event.capacity = 3
    with commit():
        event.save_revision().publish()
    assert list(
        Registration.objects.filter(event=event)
        .order_by("id")
        .values_list("status", flat=True)
    ) == ["confirmed", "confirmed", "confirmed", "waitlisted"]
    assert mail.outbox[-1].to == ["person3@example.org"]
    assert mail.outbox[-1].subject.startswith("A seat is yours")


def test_upcoming_events_for_the_home_page(make_event):
    from events.services.listing import upcoming_events

    now = timezone.now()
    make_event("past", start=now - dt.timedelta(days=3), end=now - dt.timedelta(days=2))
    make_event("soon", start=now + dt.timedelta(days=1), end=now + dt.timedelta(days=2))
    make_event(
        "later", start=now + dt.timedelta(days=9), end=now + dt.timedelta(days=10)
    )
    assert [e.slug for e in upcoming_events(limit=2)] == ["soon", "later"]
