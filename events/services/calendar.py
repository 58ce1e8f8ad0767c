"""iCalendar files of events, made with the icalendar library."""

from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

PRODID = "-//VET NET Community//Events//EN"


def event_location(event):
    parts = [event.venue_name, event.venue_address, event.city]
    if event.country:
        parts.append(event.country.name)
    return ", ".join(part for part in parts if part)


def event_ics(event, url="", registration=None):
    """The event as a .ics file (bytes); times in the event's own time zone."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = Event()
    entry.add("uid", f"event-{event.translation_key}@vetnet")
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
