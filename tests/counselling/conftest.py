"""Counsellors with weekly hours, made the way the admin makes them."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from counselling.models import Counsellor, WeeklyHours


def add_hours(counsellor, weekday, start, end):
    return WeeklyHours.objects.create(
        counsellor=counsellor, weekday=weekday, start=start, end=end
    )


def new_counsellor(user, slug, hours=((0, time(10), time(12)),), **fields):
    """A counsellor (Mondays 10:00-12:00 in Rome, one-hour sessions, no notice
    and no buffer unless told otherwise) with weekly `hours`."""
    fields.setdefault("time_zone", "Europe/Rome")
    fields.setdefault("minimum_notice_minutes", 0)
    fields.setdefault("buffer_minutes", 0)
    fields.setdefault("session_minutes", 60)
    counsellor = Counsellor.objects.create(user=user, slug=slug, **fields)
    for weekday, start, end in hours:
        add_hours(counsellor, weekday, start, end)
    return counsellor


@pytest.fixture
def make_counsellor(make_user):
    """make_counsellor(slug, hours=[(weekday, start, end)], **fields)."""

    def make(slug="giulia", **fields):
        user = make_user(
            email=f"{slug}@example.org", first_name=slug.title(), last_name="Counsellor"
        )
        return new_counsellor(user, slug, **fields)

    return make


def zone_in_daytime():
    """A zone where it is between 01:00 and 20:59 now: a session starting within
    the next few hours there falls on today's date."""
    for name in ("Europe/Rome", "America/New_York", "Asia/Tokyo"):
        if 1 <= datetime.now(ZoneInfo(name)).hour <= 20:
            return name
    raise AssertionError("every candidate zone is near midnight")
