"""What an event page shows: state, free seats, agenda by day, organisers, map."""

from itertools import groupby

from vetnet.routing import version_memo

from .calendar import event_location
from .registration import counts, registration_state


def event_page_context(event):
    # Seats taken and organisers change only with what bumps the content version
    # (registrations, the page, organisations): kept per version. The state is
    # worked out per request (it depends on the time).
    current, organisers = version_memo(
        "event-shown", event.pk, lambda: (counts(event), list(event.organisers.all()))
    )
    sessions = [block for block in event.agenda if block.block_type == "session"]
    sessions.sort(key=lambda block: (block.value["day"], block.value["start"]))
    agenda_days = [
        (day, list(blocks))
        for day, blocks in groupby(sessions, key=lambda block: block.value["day"])
    ]
    return {
        "state": registration_state(event, current=current),
        "free_seats": current.free(event.capacity),
        "counts": current,
        "agenda_days": agenda_days,
        "organisers": organisers,
        "map_query": event_location(event)
        if (event.venue_address or event.city)
        else "",
    }
