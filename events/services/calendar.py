"""The calendar entry of an event (the .ics format itself: community's calendar)."""

from community.services.calendar import calendar_file


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
    description = event.summary or ""
    if event.online_url:
        description = f"{description}\n\n{event.online_url}".strip()
    attendees = []
    if registration is not None:
        attendees.append((registration.email, registration.name))
    return calendar_file(
        product="Events",
        uid=event_uid(event),
        summary=event.title,
        start=event.start,
        end=event.end,
        zone=event.zone,
        method="CANCEL" if cancelled else "PUBLISH",
        sequence=1 if cancelled else 0,
        status="CANCELLED" if cancelled else "",
        location=event_location(event),
        description=description,
        url=url,
        attendees=attendees,
    )
