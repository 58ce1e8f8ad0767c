"""Reminders leave through the real task worker and arrive in a real SMTP server
(aiosmtpd on loopback) at the right time.

The offsets are seconds here (settings.COUNSELLING_REMINDERS; 24 h and 1 h on the
site): a session 12 s ahead with reminders 8 s and 4 s before it. The
confirmations arrive at once; each reminder not before its moment and soon after.
"""

import time
from datetime import timedelta
from email.header import decode_header, make_header
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from counselling.models import Booking, WeeklyHours
from counselling.services import booking as svc
from tests.counselling.conftest import zone_in_daytime
from tests.worker import running_worker, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

LEAD = 12
OFFSETS = [8, 4]


@pytest.fixture
def inbox(smtp, settings):
    settings.COUNSELLING_REMINDERS = OFFSETS
    controller, inbox = smtp
    controller.start()
    return inbox


def subject(message):
    return str(make_header(decode_header(message["Subject"])))


def test_reminders_arrive_by_smtp_at_their_offsets(make_counsellor, make_user, inbox):
    zone = zone_in_daytime()
    local_start = (timezone.now() + timedelta(seconds=LEAD)).astimezone(ZoneInfo(zone))
    local_start = local_start.replace(microsecond=0)
    counsellor = make_counsellor("anna", time_zone=zone, session_minutes=5, hours=())
    WeeklyHours.objects.create(
        counsellor=counsellor,
        weekday=local_start.weekday(),
        start=local_start.time(),
        end=(local_start + timedelta(minutes=5)).time(),
    )
    member = make_user(email="pau@example.org")
    start = local_start.astimezone(ZoneInfo("UTC"))

    booking = svc.book(counsellor, member, start, "Dual training", "Europe/Madrid")
    assert Booking.objects.get().start == booking.start == start

    with running_worker(interval=0.1):
        wait_for(lambda: len(inbox.arrivals) >= 6, timeout=LEAD + 15)
        time.sleep(0.5)  # nothing else may arrive

    start_ts = start.timestamp()
    by_kind = {}
    for arrived, message in inbox.arrivals:
        kind = "reminder" if "Reminder" in subject(message) else "confirmation"
        by_kind.setdefault(kind, []).append((arrived, message["To"]))
    confirmations = by_kind["confirmation"]
    reminders = sorted(by_kind["reminder"])
    assert sorted(to for _t, to in confirmations) == [
        "anna@example.org",
        "pau@example.org",
    ]
    assert all(t < start_ts - OFFSETS[0] for t, _to in confirmations)
    assert len(reminders) == 4
    for (arrived, _to), offset in zip(reminders, [8, 8, 4, 4], strict=True):
        due = start_ts - offset
        assert due - 0.5 <= arrived <= due + 3, (offset, arrived - due)
    assert {to for _t, to in reminders} == {"anna@example.org", "pau@example.org"}
