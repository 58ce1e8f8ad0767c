"""Registration rules: seats, waiting list, cancellation and promotion.

Every change of seats follows one pattern (pretix's): a single durable transaction
locks the event's EventSeats row once, late, before any write; re-reads the counts
under that lock; then writes. E-mails go out only after the commit.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from community.models import MemberProfile
from vetnet import ratelimit
from vetnet.ratelimit import parse_rate

from ..models import EventPage, EventSeats, Registration

# How long a registration waits for the event's seat lock before giving up with
# RegistrationBusy (settings.EVENTS_LOCK_TIMEOUT_MS overrides it).
DEFAULT_LOCK_TIMEOUT_MS = 5000
POSTGRES_LOCK_NOT_AVAILABLE = "55P03"


def member_details(user):
    """What a signed-in member's registration form starts with: name and
    address from the account, organisation and country from the profile (the
    organisation's country when the profile names none). The member can change
    any of it; a visitor starts from an empty form."""
    if not user.is_authenticated:
        return {}
    details = {"name": user.get_full_name(), "email": user.email}
    profile = (
        MemberProfile.objects.filter(user=user).select_related("organisation").first()
    )
    if profile is not None:
        organisation = profile.organisation
        details["organisation"] = organisation.name if organisation else ""
        country = profile.country or (organisation.country if organisation else "")
        details["country"] = getattr(country, "code", country) or ""
    return {field: value for field, value in details.items() if value}


class RegistrationError(Exception):
    """A registration could not be taken; the message is for the visitor."""


class RegistrationBusy(RegistrationError):
    """The event's seats stayed locked longer than the lock timeout."""


class RegistrationClosed(RegistrationError):
    def __init__(self, state):
        super().__init__(state)
        self.state = state


class AlreadyRegistered(RegistrationError):
    def __init__(self, registration):
        super().__init__(registration.email)
        self.registration = registration


class State(StrEnum):
    OPEN = "open"
    NOT_YET_OPEN = "not_yet_open"
    CLOSED = "closed"
    PAST = "past"
    FULL = "full"  # every seat taken and no waiting list
    WAITING_LIST = "waiting_list"  # every seat taken, new registrants wait


@dataclass(frozen=True)
class Counts:
    confirmed: int
    waitlisted: int

    def free(self, capacity):
        return max(capacity - self.confirmed, 0)


def counts(event):
    status = Registration.Status
    totals = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("id", filter=Q(status=status.CONFIRMED)),
        waitlisted=Count("id", filter=Q(status=status.WAITLISTED)),
    )
    return Counts(**totals)


def registration_state(event, now=None, current=None):
    """What the event page offers right now (an unlocked read, for display)."""
    now = now or timezone.now()
    if event.end <= now:
        return State.PAST
    if event.start <= now:
        return State.CLOSED  # registration ends when the event begins
    if event.registration_opens and now < event.registration_opens:
        return State.NOT_YET_OPEN
    if event.registration_closes and now >= event.registration_closes:
        return State.CLOSED
    current = current or counts(event)
    if current.confirmed >= event.capacity:
        return State.WAITING_LIST if event.waiting_list else State.FULL
    return State.OPEN


def find_active(event, email):
    return (
        Registration.objects.filter(event=event, email__iexact=email.strip())
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )


def _lock_seats(event_id):
    """Take the event's seat lock; the first statement of the transaction.

    PostgreSQL: SELECT ... FOR UPDATE on the EventSeats row, waiting at most
    EVENTS_LOCK_TIMEOUT_MS. SQLite has no row locks and ignores FOR UPDATE; there a write
    as the transaction's first statement takes the database's write lock (waiting
    for the connection's busy timeout), which serialises registrations just the same.
    """
    if connection.features.has_select_for_update:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                timeout = getattr(
                    settings, "EVENTS_LOCK_TIMEOUT_MS", DEFAULT_LOCK_TIMEOUT_MS
                )
                cursor.execute(f"SET LOCAL lock_timeout = {int(timeout)}")
        EventSeats.objects.select_for_update().get(event_id=event_id)
    else:
        EventSeats.objects.filter(event_id=event_id).update(version=F("version") + 1)


def _is_lock_timeout(error):
    cause = error.__cause__
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if sqlstate == POSTGRES_LOCK_NOT_AVAILABLE:
        return True
    return "database is locked" in str(error)


def _atomic_seats(event_id, work):
    """Run work() under the seat lock in one durable transaction."""
    # The lock row exists from the page's first save; made here for older pages,
    # outside the transaction so that the lock stays its first statement.
    EventSeats.objects.get_or_create(event_id=event_id)
    try:
        with transaction.atomic(durable=True):
            _lock_seats(event_id)
            return work()
    except OperationalError as error:
        if _is_lock_timeout(error):
            raise RegistrationBusy() from error
        raise


def _promote_locked(event, changed):
    """Fill free seats from the waiting list, first come first served (locked)."""
    free = counts(event).free(event.capacity)
    if free <= 0:
        return
    waiting = list(
        Registration.objects.filter(
            event=event, status=Registration.Status.WAITLISTED
        ).order_by("created_at", "id")[:free]
    )
    now = timezone.now()
    for registration in waiting:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        changed.append(("promoted", registration))


def _notify_after_commit(changed):
    """Queue the e-mails and announce promotions (events.signals) once the seats
    are committed (sending is a task)."""
    from ..signals import seat_promoted
    from .emails import send_registration_email

    for kind, registration in changed:
        transaction.on_commit(
            lambda kind=kind, pk=registration.pk: send_registration_email(kind, pk)
        )
        if kind == "promoted":
            transaction.on_commit(
                lambda registration=registration: seat_promoted.send(
                    sender=Registration, registration=registration
                )
            )


def register(event, data, *, enforce_window=True):
    """Take a registration: a seat if one is free, else the waiting list.

    data: name, email, organisation, country, role, needs, language, consent.
    Raises RegistrationClosed, AlreadyRegistered or RegistrationBusy.
    """
    email = data["email"].strip()

    def work():
        # Re-checked under the lock: a seat counted before it may be gone now.
        event.refresh_from_db(
            fields=[
                "capacity",
                "waiting_list",
                "registration_opens",
                "registration_closes",
                "start",
                "end",
            ]
        )
        existing = find_active(event, email)
        if existing is not None:
            raise AlreadyRegistered(existing)
        current = counts(event)
        state = registration_state(event, current=current)
        if not enforce_window and state in {State.NOT_YET_OPEN, State.CLOSED}:
            state = (
                State.OPEN
                if current.confirmed < event.capacity
                else (State.WAITING_LIST if event.waiting_list else State.FULL)
            )
        if state == State.OPEN:
            status = Registration.Status.CONFIRMED
        elif state == State.WAITING_LIST:
            status = Registration.Status.WAITLISTED
        else:
            raise RegistrationClosed(state)
        registration = Registration.objects.create(
            event=event,
            name=data["name"].strip(),
            email=email,
            organisation=data.get("organisation", "").strip(),
            country=data["country"],
            role=data["role"],
            needs=data.get("needs", "").strip(),
            language=data.get("language") or "en",
            consent=bool(data.get("consent")),
            status=status,
        )
        kind = "confirmed" if status == Registration.Status.CONFIRMED else "waitlisted"
        _notify_after_commit([(kind, registration)])
        return registration

    try:
        return _atomic_seats(event.pk, work)
    except IntegrityError:
        # The partial unique index is the last word on "one active per e-mail".
        existing = find_active(event, email)
        if existing is None:
            raise
        raise AlreadyRegistered(existing) from None


def cancel(registration, by):
    """Cancel a registration; a freed seat goes to the first person waiting.

    by: who cancelled ("self", or the organiser's name). Cancelling twice is a no-op.
    Returns the registration as it is after the call.
    """
    event = registration.event

    def work():
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Registration.Status.CANCELLED:
            return current
        was_confirmed = current.status == Registration.Status.CONFIRMED
        current.status = Registration.Status.CANCELLED
        current.cancelled_at = timezone.now()
        current.cancelled_by = str(by)[:200]
        current.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        changed = [("cancelled", current)]
        if was_confirmed:
            event.refresh_from_db(fields=["capacity"])
            _promote_locked(event, changed)
        _notify_after_commit(changed)
        return current

    return _atomic_seats(event.pk, work)


def promote_next(event):
    """Give free seats (after a cancellation or more capacity) to those waiting.

    Returns the promoted registrations, first in line first.
    """

    def work():
        event.refresh_from_db(fields=["capacity"])
        changed = []
        _promote_locked(event, changed)
        _notify_after_commit(changed)
        return [registration for _kind, registration in changed]

    return _atomic_seats(event.pk, work)


# At most one "send my link again" e-mail per registration in this period.
RESEND_RATE = parse_rate("1/10m")


def resend_manage_link(event, email):
    """E-mail the manage link of an active registration to its own address.

    At most once per RESEND_RATE per registration, so the form cannot be used to
    flood someone's inbox. Returns True when an e-mail went out.
    """
    from .emails import send_registration_email

    registration = find_active(event, email) if email else None
    if registration is None:
        return False
    if not ratelimit.hit(RESEND_RATE, "registration-resend", registration.pk):
        return False
    send_registration_email("reminder", registration.pk)
    return True


def waiting_position(registration):
    """Place of a waitlisted registration in the queue (1 = next to get a seat),
    or None when it is not waiting."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    return (
        Registration.objects.filter(
            event_id=registration.event_id,
            status=Registration.Status.WAITLISTED,
            created_at__lte=registration.created_at,
        )
        .exclude(created_at=registration.created_at, id__gt=registration.id)
        .count()
    )


def get_event(slug):
    """The live event with this slug (registrations attach to the default locale)."""
    from wagtail.models import Locale

    pages = EventPage.objects.live().filter(slug=slug)
    page = pages.filter(locale=Locale.get_active()).first() or pages.first()
    if page is None:
        return None
    source = (
        EventPage.objects.filter(
            translation_key=page.translation_key, locale=Locale.get_default()
        ).first()
        or page
    )
    return source
