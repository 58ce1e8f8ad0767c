"""A session's time reads the same in its e-mails as on its page: the same
per-language format, in the reader's zone, with the end and the zone named.
The e-mails leave through the real task worker and arrive in a real SMTP server.

The Greek member booked in Athens time, the Italian counsellor keeps Rome's."""

import html
import re
import time
from datetime import UTC, datetime
from email.header import decode_header, make_header

import pytest
from django.test import Client
from wagtail.users.models import UserProfile

from counselling.services import booking as svc
from counselling.services.availability import free_slots
from counselling.services.notify import send_reminder
from tests.factories import PASSWORD
from tests.worker import running_worker, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def inbox(smtp, settings):
    settings.COUNSELLING_REMINDERS = []  # the test sends the one reminder itself
    controller, inbox = smtp
    controller.start()
    return inbox


def speaks(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def subject(message):
    return str(make_header(decode_header(message["Subject"])))


def body(message):
    (text,) = [
        part
        for part in message.walk()
        if part.get_content_type() == "text/plain" and not part.get_filename()
    ]
    return text.get_payload(decode=True).decode(text.get_content_charset())


def attachments(message):
    return {part.get_filename() for part in message.walk() if part.get_filename()}


def page_times(user, language, booking):
    """(the session's time as its page writes it, its start alone), as text."""
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    page = client.get(f"/{language}/counselling/bookings/{booking.pk}/")
    assert page.status_code == 200
    facts = page.content.decode().split('class="counsellor-facts"', 1)[1]
    when = re.search(r"<dd>(.*?)</dd>", facts).group(1)
    start = re.search(r"<time [^>]*>(.*?)</time>", when).group(1)
    return html.unescape(re.sub(r"<[^>]+>", "", when)), html.unescape(start)


def line_ending_with(text, ending):
    return [line for line in text.splitlines() if line.endswith(" " + ending)]


def test_the_e_mails_write_the_time_as_the_session_page_does(
    make_counsellor, make_user, inbox
):
    counsellor = make_counsellor("maria", time_zone="Europe/Rome")
    speaks(counsellor.user, "it")
    member = make_user(email="nikos@example.org", first_name="Nikos")
    speaks(member, "el")
    slots = free_slots(svc.rules_for(counsellor), [], datetime.now(UTC))
    first = svc.book(counsellor, member, slots[0].start, "Tutors", "Europe/Athens")
    moved = svc.reschedule(first, member, slots[2].start)  # a week later
    send_reminder.enqueue(moved.pk, moved.sequence)

    with running_worker(interval=0.1):
        wait_for(lambda: len(inbox.arrivals) >= 6)
        time.sleep(0.3)  # nothing else may arrive
    assert len(inbox.arrivals) == 6

    for user, language in ((member, "el"), (counsellor.user, "it")):
        before, _ = page_times(user, language, first)
        now, now_start = page_times(user, language, moved)
        mine = [m for _t, m in inbox.arrivals if m["To"] == user.email]
        by_files = {frozenset(attachments(m)): m for m in mine}
        booked = by_files[frozenset({"counselling.ics"})]
        rescheduled = by_files[
            frozenset({"counselling.ics", "counselling-cancelled.ics"})
        ]
        reminder = by_files[frozenset()]
        # Greek pages and mails say "Δευτέρα 7 Δεκεμβρίου 2026, 11:00–12:00
        # (Europe/Athens)"; Italian ones "lunedì 7 dicembre 2026, 10:00–11:00
        # (Europe/Rome)".
        assert ("(Europe/Athens)" in now) == (language == "el")
        assert len(line_ending_with(body(booked), before)) == 1, body(booked)
        text = body(rescheduled)
        assert len(line_ending_with(text, before)) == 1, text  # was: start only
        assert len(line_ending_with(text, now)) == 1, text
        assert len(line_ending_with(body(reminder), now)) == 1
        # The subject: the page's start, not a pattern of its own ("7 Dic, 10:00").
        assert subject(reminder).endswith(" " + now_start), subject(reminder)
