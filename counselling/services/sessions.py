"""The session itself: its private room, feedback afterwards, no-shows.

The room is a forums private Room. It opens COUNSELLING_ROOM_OPENS_BEFORE
(seconds, 5 minutes by default) before the start: the first of the people booked
to ask for it then creates it (under the counsellor's lock, so a group gets one
room), with the counsellor as its counsellor and everyone booked at that time as
members. Before that moment nobody can enter: the room does not exist yet.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.models import RoomMembership
from forums.services.threads import create_counselling_room

from ..models import Booking
from .booking import BookingError, under_lock

DEFAULT_OPENS_BEFORE = 300


def opens_before():
    return timedelta(
        seconds=float(
            getattr(settings, "COUNSELLING_ROOM_OPENS_BEFORE", DEFAULT_OPENS_BEFORE)
        )
    )


def room_opens_at(booking):
    return booking.start - opens_before()


def is_participant(booking, user):
    return user.is_authenticated and user.pk in (
        booking.member_id,
        booking.counsellor.user_id,
    )


@dataclass(frozen=True)
class SessionState:
    opens_at: object
    is_open: bool  # the room can be entered now
    has_started: bool  # no-shows can be recorded
    is_over: bool  # the session has ended: feedback


def session_state(booking, now=None):
    now = now or timezone.now()
    opens_at = room_opens_at(booking)
    return SessionState(
        opens_at=opens_at,
        is_open=booking.is_active and opens_at <= now,
        has_started=booking.start <= now,
        is_over=booking.end <= now,
    )


def slot_bookings(booking):
    """Everyone booked at the booking's time with the same counsellor."""
    return Booking.objects.filter(
        counsellor_id=booking.counsellor_id,
        start=booking.start,
        status=Booking.Status.BOOKED,
    ).select_related("member")


def open_room(booking, user, now=None):
    """The session's room, created on the first request once it opens."""
    if not is_participant(booking, user):
        raise BookingError(_("This session is not yours."))
    if not session_state(booking, now).is_open:
        raise BookingError(_("The room is not open yet."))

    def work(locked):
        booking.refresh_from_db()
        if booking.room_id:
            return booking.room
        others = slot_bookings(booking)
        room = next((b.room for b in others if b.room_id), None)
        if room is None:
            topic = booking.topic if not locked.is_group else _("Group session")
            room = create_counselling_room(
                booking.member,
                topic[:160],
                _("Counselling session with %(name)s") % {"name": locked.name},
                [b.member for b in others],
                counsellor=locked.user,
            )
        for other in others:
            RoomMembership.objects.get_or_create(room=room, user=other.member)
        others.update(room=room)
        return room

    return under_lock(booking.counsellor_id, work)


def leave_feedback(booking, user, rating, comment):
    if user.pk != booking.member_id:
        raise BookingError(_("Only the member who booked can leave feedback."))
    if not booking.is_active or not session_state(booking).is_over:
        raise BookingError(_("Feedback opens once the session is over."))
    booking.rating = rating
    booking.feedback = comment.strip()
    booking.feedback_at = timezone.now()
    booking.save(update_fields=["rating", "feedback", "feedback_at"])
    return booking


def record_no_show(booking, user, no_show=True):
    if user.pk != booking.counsellor.user_id:
        raise BookingError(_("Only the counsellor records who did not come."))
    if not booking.is_active or booking.start > timezone.now():
        raise BookingError(_("No-shows are recorded once the session has started."))
    booking.no_show = no_show
    booking.save(update_fields=["no_show"])
    return booking


def feedback_summary(bookings):
    return bookings.aggregate(
        sessions=Count("id"),
        rated=Count("id", filter=Q(rating__isnull=False)),
        average=Avg("rating"),
        no_shows=Count("id", filter=Q(no_show=True)),
    )
