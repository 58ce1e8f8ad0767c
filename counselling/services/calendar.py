"""The calendar entry of a booking (.ics, made with the icalendar library).

One UID for the booking's whole life and a SEQUENCE raised by every change:
METHOD:REQUEST puts (or updates) the session in the calendar, METHOD:CANCEL with
the same UID takes it out. Times are written in the recipient's zone with its
VTIMEZONE, so the instant is exact and the calendar shows the familiar wall-clock.
"""

from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

PRODID = "-//VET NET Community//Counselling//EN"


def booking_uid(booking):
    return f"counselling-{booking.uid}@vetnet"


def _address(email, name):
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = name
    return address


def booking_ics(booking, zone, url="", cancelled=False):
    """The booking as .ics bytes, times in ``zone`` (a zone name)."""
    counsellor = booking.counsellor
    member = booking.member
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    entry = Event()
    entry.add("uid", booking_uid(booking))
    entry.add("sequence", booking.sequence)
    entry.add("dtstamp", timezone.now())
    tz = ZoneInfo(zone)
    entry.add("dtstart", booking.start.astimezone(tz))
    entry.add("dtend", booking.end.astimezone(tz))
    entry.add(
        "summary",
        _("Counselling with %(counsellor)s: %(topic)s")
        % {"counsellor": counsellor.name, "topic": booking.topic},
    )
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    sender = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    entry.add("organizer", vCalAddress(f"mailto:{sender}"))
    if counsellor.user.email:
        entry.add("attendee", _address(counsellor.user.email, counsellor.name))
    if member.email:
        entry.add(
            "attendee",
            _address(member.email, member.get_full_name() or member.get_username()),
        )
    if counsellor.mode == counsellor.Mode.IN_PERSON and counsellor.place:
        entry.add("location", counsellor.place)
    elif url:
        entry.add("location", url)
    if url:
        entry.add("url", url)
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
