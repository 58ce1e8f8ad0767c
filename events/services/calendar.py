"""iCalendar files of events, made with the icalendar library."""

from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

PRODID = "-//VET NET Community//Events//EN"
DEFAULT_FROM = settings.DEFAULT_FROM_EMAIL


def event_location(event):
    parts = [event.venue_name, event.venue_address, event.city]
    if event.country:
        parts.append(event.country.name)
    return ", ".join(part for part in parts if part)


def event_uid(event):
    """One UID per event, in every file about it: a later file replaces (or, with
    METHOD:CANCEL, removes) the entry an earlier one put in a calendar."""
    return f"event-{event.translation_key}@vetnet"


def event_ics(event, url="", registration=None, cancelled=False):
    """The event as a .ics file (bytes); times in the event's own time zone.

    ``cancelled``: the entry that takes the event out of the registrant's
    calendar (METHOD:CANCEL, same UID, a higher SEQUENCE)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    entry = Event()
    entry.add("uid", event_uid(event))
    entry.add("sequence", 1 if cancelled else 0)
    if cancelled:
        entry.add("status", "CANCELLED")
    entry.add("organizer", vCalAddress(f"mailto:{parseaddr(DEFAULT_FROM)[1]}"))
    entry.add("summary", event.title)
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.start.astimezone(event.zone))
    entry.add("dtend", event.end.astimezone(event.zone))
    location = event_location(event)
    if location:
        entry.add("location", location)
    description = event.summary or ""
    if event.online_url:
        description = f"{description}\n\n{event.online_url}".strip()
    if description:
        entry.add("description", description)
    if url:
        entry.add("url", url)
    if registration is not None:
        attendee = vCalAddress(f"mailto:{registration.email}")
        attendee.params["cn"] = registration.name
        entry.add("attendee", attendee)
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
