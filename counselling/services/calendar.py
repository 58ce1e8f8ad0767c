"""The calendar entry of a booking (the .ics format itself: community's calendar).

One UID for the booking's whole life and a SEQUENCE raised by every change:
METHOD:REQUEST puts (or updates) the session in the calendar, METHOD:CANCEL with
the same UID takes it out. Times are written in the recipient's zone.
"""

from django.utils.translation import gettext as _

from community.names import display_name
from community.services.calendar import calendar_file


def booking_uid(booking):
    return f"counselling-{booking.uid}@vetnet"


def booking_ics(booking, zone, url="", cancelled=False):
    """The booking as .ics bytes, times in ``zone`` (a zone name)."""
    counsellor = booking.counsellor
    member = booking.member
    attendees = []
    if counsellor.user.email:
        attendees.append((counsellor.user.email, counsellor.name))
    if member.email:
        attendees.append((member.email, display_name(member)))
    if counsellor.mode == counsellor.Mode.IN_PERSON and counsellor.place:
        location = counsellor.place
    else:
        location = url
    return calendar_file(
        product="Counselling",
        uid=booking_uid(booking),
        summary=_("Counselling with %(counsellor)s: %(topic)s")
        % {"counsellor": counsellor.name, "topic": booking.topic},
        start=booking.start,
        end=booking.end,
        zone=zone,
        method="CANCEL" if cancelled else "REQUEST",
        sequence=booking.sequence,
        status="CANCELLED" if cancelled else "CONFIRMED",
        location=location,
        url=url,
        attendees=attendees,
    )
