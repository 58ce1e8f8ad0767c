"""Taking, cancelling, moving and declining bookings.

Every change that takes or frees a time follows the pattern of event seats
(pretix's): one durable transaction locks the counsellor's row first
(``SELECT ... FOR UPDATE``, waiting at most COUNSELLING_LOCK_TIMEOUT_MS on
PostgreSQL), recomputes the free times under that lock, then writes. Fifty
members asking for the same time queue on the lock; the first gets it, the
others find it gone (a group session: the first n). E-mails, reminders and the
``booking_changed`` signal follow the commit.
"""

from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Booking, Counsellor
from ..signals import booking_changed
from .availability import Hours, Rules, free_slots, is_free

DEFAULT_LOCK_TIMEOUT_MS = 5000
POSTGRES_LOCK_NOT_AVAILABLE = "55P03"


class BookingError(Exception):
    """The booking could not be changed; the message is for the member."""


class TimeTaken(BookingError):
    def __init__(self):
        super().__init__(
            _("Sorry, this time is no longer free. Please choose another.")
        )


class AlreadyBooked(BookingError):
    """The member holds this very time already (a second click, a resent form)."""

    def __init__(self, booking):
        super().__init__(_("You have already booked this time."))
        self.booking = booking


class BookingBusy(BookingError):
    def __init__(self):
        super().__init__(
            _("Many members are booking right now. Please try again in a moment.")
        )


def rules_for(counsellor):
    """The counsellor's settings as the pure rules of availability.py."""
    return Rules(
        zone=counsellor.time_zone,
        hours=tuple(
            Hours(h.weekday, h.start, h.end) for h in counsellor.weekly_hours.all()
        ),
        days_off=tuple((t.first_day, t.last_day) for t in counsellor.time_off.all()),
        session=timedelta(minutes=counsellor.session_minutes),
        buffer=timedelta(minutes=counsellor.buffer_minutes),
        capacity=counsellor.capacity,
        window=timedelta(days=counsellor.booking_window_days),
        notice=timedelta(minutes=counsellor.minimum_notice_minutes),
    )


def active_periods(counsellor, exclude=None):
    bookings = Booking.objects.filter(
        counsellor=counsellor, status=Booking.Status.BOOKED, end__gt=timezone.now()
    )
    if exclude is not None:
        bookings = bookings.exclude(pk=exclude.pk)
    return list(bookings.values_list("start", "end"))


def free_slot(counsellor, start, exclude=None):
    """The free slot at ``start`` (unlocked read), or None."""
    return is_free(
        rules_for(counsellor),
        active_periods(counsellor, exclude),
        timezone.now(),
        start,
    )


def other_free_times(booking):
    """The free times a booking could move to (its own time left out)."""
    return [
        slot
        for slot in free_slots(
            rules_for(booking.counsellor),
            active_periods(booking.counsellor, exclude=booking),
            timezone.now(),
        )
        if slot.start != booking.start
    ]


def lock_counsellor(counsellor_id):
    """Take the counsellor's booking lock: the first statement of the transaction."""
    if connection.vendor == "postgresql":
        timeout = getattr(
            settings, "COUNSELLING_LOCK_TIMEOUT_MS", DEFAULT_LOCK_TIMEOUT_MS
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = {int(timeout)}")
    # SQLite ignores FOR UPDATE; there the first write of the transaction takes
    # the database's write lock, so the embedded run writes a no-op first.
    if not connection.features.has_select_for_update:
        Counsellor.objects.filter(pk=counsellor_id).update(is_active=F("is_active"))
    return Counsellor.objects.select_for_update().get(pk=counsellor_id)


def _is_lock_timeout(error):
    cause = error.__cause__
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    return sqlstate == POSTGRES_LOCK_NOT_AVAILABLE or "database is locked" in str(error)


def under_lock(counsellor_id, work):
    try:
        with transaction.atomic(durable=True):
            counsellor = lock_counsellor(counsellor_id)
            return work(counsellor)
    except OperationalError as error:
        if _is_lock_timeout(error):
            raise BookingBusy() from error
        raise


def create_booking(counsellor, member, start, topic, zone):
    """The row of a booking at a slot already found free (no check here)."""
    now = timezone.now()
    return Booking.objects.create(
        counsellor=counsellor,
        member=member,
        start=start,
        end=start + timedelta(minutes=counsellor.session_minutes),
        topic=topic.strip(),
        member_time_zone=zone,
        created_at=now,
        changed_at=now,
    )


def _announce(change, booking, **extra):
    """After the commit: e-mails, reminders and the signal."""
    from .notify import after_change

    transaction.on_commit(lambda: after_change(change, booking, **extra))


def book(counsellor, member, start, topic, zone):
    """Book ``start`` for ``member``. Raises TimeTaken, AlreadyBooked, BookingBusy,
    BookingError."""
    if member.pk == counsellor.user_id:
        raise BookingError(_("You cannot book a session with yourself."))

    def work(locked):
        if not locked.is_active:
            raise BookingError(_("This counsellor is not taking bookings."))
        mine = Booking.objects.filter(
            counsellor=locked, member=member, start=start, status=Booking.Status.BOOKED
        ).first()
        if mine is not None:
            raise AlreadyBooked(mine)
        # Re-checked under the lock: a time seen free before may be gone now.
        if free_slot(locked, start) is None:
            raise TimeTaken()
        booking = create_booking(locked, member, start, topic, zone)
        _announce("booked", booking)
        return booking

    return under_lock(counsellor.pk, work)


def _end(booking, status, reason=""):
    booking.status = status
    booking.decline_reason = reason
    booking.sequence += 1
    booking.changed_at = timezone.now()
    booking.save(update_fields=["status", "decline_reason", "sequence", "changed_at"])


def cancel(booking, by):
    """The member (or the counsellor) cancels: the time is free again."""
    if by.pk not in (booking.member_id, booking.counsellor.user_id):
        raise BookingError(_("Only the member or the counsellor can cancel."))

    def work(_counsellor):
        booking.refresh_from_db()
        if not booking.is_active:
            raise BookingError(_("This booking is no longer active."))
        _end(booking, Booking.Status.CANCELLED)
        _announce("cancelled", booking)
        return booking

    return under_lock(booking.counsellor_id, work)


def decline(booking, by, reason):
    if by.pk != booking.counsellor.user_id:
        raise BookingError(_("Only the counsellor can decline a booking."))

    def work(_counsellor):
        booking.refresh_from_db()
        if not booking.is_active:
            raise BookingError(_("This booking is no longer active."))
        _end(booking, Booking.Status.DECLINED, reason.strip())
        _announce("declined", booking)
        return booking

    return under_lock(booking.counsellor_id, work)


def reschedule(booking, by, start):
    """Move the member's booking to another free time: the old time is freed
    (its calendar entry cancelled) and a new booking takes the new one."""
    if by.pk != booking.member_id:
        raise BookingError(_("Only the member who booked can move the booking."))

    def work(locked):
        booking.refresh_from_db()
        if not booking.is_active:
            raise BookingError(_("This booking is no longer active."))
        if free_slot(locked, start, exclude=booking) is None:
            raise TimeTaken()
        new = create_booking(
            locked, booking.member, start, booking.topic, booking.member_time_zone
        )
        _end(booking, Booking.Status.RESCHEDULED)
        booking.rescheduled_to = new
        booking.save(update_fields=["rescheduled_to"])
        _announce("rescheduled", new, previous=booking)
        return new

    return under_lock(booking.counsellor_id, work)


def announce_signal(change, booking, **extra):
    booking_changed.send(sender=Booking, booking=booking, change=change, **extra)
