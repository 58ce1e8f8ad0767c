"""The one .ics builder: what a calendar program reads from its file."""

from datetime import UTC, datetime

from icalendar import Calendar

from community.services.calendar import calendar_file

START = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
END = datetime(2026, 12, 3, 10, 30, tzinfo=UTC)


def entry(data):
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_times_in_the_readers_zone_with_its_definition(settings):
    settings.DEFAULT_FROM_EMAIL = "VET NET <hello@vetnet.example>"
    data = calendar_file(
        product="Tests",
        uid="x-1@vetnet",
        summary="Workshop",
        start=START,
        end=END,
        zone="Europe/Athens",
        attendees=[("ann@example.org", "Ann Bee")],
    )
    calendar, event = entry(data)
    assert str(calendar["prodid"]) == "-//VET NET Community//Tests//EN"
    assert calendar["method"] == "PUBLISH"
    assert event.decoded("dtstart").strftime("%H:%M %Z") == "11:00 EET"
    assert event.decoded("dtend").astimezone(UTC) == END
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Athens"]
    assert str(event["organizer"]) == "mailto:hello@vetnet.example"
    assert event["attendee"].params["cn"] == "Ann Bee"
    assert "STATUS" not in event and "LOCATION" not in event


def test_a_cancel_keeps_the_uid_and_raises_the_sequence():
    data = calendar_file(
        product="Tests",
        uid="x-1@vetnet",
        summary="Workshop",
        start=START,
        end=END,
        zone="UTC",
        method="CANCEL",
        sequence=2,
        status="CANCELLED",
    )
    calendar, event = entry(data)
    assert calendar["method"] == "CANCEL"
    assert (str(event["uid"]), event["sequence"], event["status"]) == (
        "x-1@vetnet",
        2,
        "CANCELLED",
    )
