"""iCalendar (.ics) files, made with the icalendar library: the one home of the
format for every app that puts something in a member's calendar (events,
counselling bookings).

A file holds one entry. Its UID stays the same for the thing's whole life, so a
later file replaces the entry (a higher SEQUENCE) or, with METHOD:CANCEL, takes
it out. Times are written in ``zone`` with its VTIMEZONE: the instant is exact
and the calendar shows the wall-clock its reader expects.
"""

from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress


def _address(email, name=None):
    address = vCalAddress(f"mailto:{email}")
    if name is not None:
        address.params["cn"] = name
    return address


def calendar_file(
    *,
    product,
    uid,
    summary,
    start,
    end,
    zone,
    method="PUBLISH",
    sequence=0,
    status="",
    location="",
    description="",
    url="",
    attendees=(),
):
    """One entry as .ics bytes.

    ``product`` names the app in PRODID; ``zone`` is a tzinfo or a zone name;
    ``attendees`` are (e-mail, name) pairs. The organiser is the site's sender.
    """
    if isinstance(zone, str):
        zone = ZoneInfo(zone)
    calendar = Calendar()
    calendar.add("prodid", f"-//VET NET Community//{product}//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    entry = Event()
    entry.add("uid", uid)
    entry.add("sequence", sequence)
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", start.astimezone(zone))
    entry.add("dtend", end.astimezone(zone))
    entry.add("summary", summary)
    if status:
        entry.add("status", status)
    sender = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    entry.add("organizer", _address(sender))
    for email, name in attendees:
        entry.add("attendee", _address(email, name))
    if location:
        entry.add("location", location)
    if description:
        entry.add("description", description)
    if url:
        entry.add("url", url)
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
