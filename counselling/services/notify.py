"""What follows a committed booking change: e-mails with calendar entries, the
reminders, and the ``booking_changed`` signal.

Each person gets the e-mail in their own language (practices.services.member_mail
keeps it) with times in their own zone (the member's: the one they booked in; the
counsellor's: their profile's). ``send()`` queues the message as a task
(vetnet/mail.py). Reminders are tasks that wait: ``run_after`` the start minus each
of ``settings.COUNSELLING_REMINDERS`` (seconds); a reminder whose booking changed
since (cancelled, moved: its SEQUENCE is higher) sends nothing.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from community.names import display_name
from practices.services.member_mail import member_language
from vetnet.site import absolute_url, reverse_in

from ..models import Booking
from .booking import announce_signal
from .calendar import booking_ics

logger = logging.getLogger(__name__)

DEFAULT_REMINDERS = (24 * 3600, 3600)
# Which calendar entry each kind of e-mail carries.
REQUEST_KINDS = {"booked", "rescheduled"}
CANCEL_KINDS = {"cancelled", "declined"}


def reminder_offsets():
    return [
        timedelta(seconds=float(s))
        for s in getattr(settings, "COUNSELLING_REMINDERS", DEFAULT_REMINDERS)
    ]


def _people(booking):
    """(user, zone, role) of each person the booking concerns."""
    counsellor = booking.counsellor
    return [
        (booking.member, booking.member_time_zone, "member"),
        (counsellor.user, counsellor.time_zone, "counsellor"),
    ]


def build_email(kind, booking, user, zone, role, previous=None):
    language = member_language(user)
    with translation.override(language):
        url = absolute_url(
            reverse_in(language, "counselling:booking", kwargs={"pk": booking.pk})
        )
        context = {
            "kind": kind,
            "role": role,
            "booking": booking,
            "previous": previous,
            "zone": zone,
            "name": display_name(user),
            "counsellor": booking.counsellor.name,
            "member": display_name(booking.member),
            "url": url,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = render_to_string(f"counselling/email/{kind}_subject.txt", context)
        body = render_to_string(f"counselling/email/{kind}.txt", context)
        message = EmailMessage(" ".join(subject.split()), body, to=[user.email])
        if kind in REQUEST_KINDS:
            message.attach(
                "counselling.ics", booking_ics(booking, zone, url), "text/calendar"
            )
        if kind in CANCEL_KINDS or previous is not None:
            message.attach(
                "counselling-cancelled.ics",
                booking_ics(previous or booking, zone, url, cancelled=True),
                "text/calendar",
            )
    return message


def send_emails(kind, booking, previous=None):
    for user, zone, role in _people(booking):
        if user.email:
            build_email(kind, booking, user, zone, role, previous).send()


@task()
def send_reminder(booking_pk, sequence):
    """One reminder to both people, unless the booking changed since."""
    booking = (
        Booking.objects.select_related("counsellor__user", "member")
        .filter(pk=booking_pk, sequence=sequence, status=Booking.Status.BOOKED)
        .first()
    )
    if booking is None or booking.start <= timezone.now():
        return 0
    send_emails("reminder", booking)
    return 1


def schedule_reminders(booking):
    """Queue a reminder task for each offset still ahead; returns how many."""
    backend = send_reminder.get_backend()
    if not backend.supports_defer:
        # The immediate backend (unit tests) cannot wait: no reminders there.
        logger.info("counselling: task backend cannot defer; no reminders")
        return 0
    now = timezone.now()
    queued = 0
    for offset in reminder_offsets():
        when = booking.start - offset
        if when <= now:
            continue
        send_reminder.using(run_after=when).enqueue(booking.pk, booking.sequence)
        queued += 1
    return queued


def after_change(change, booking, previous=None):
    booking = Booking.objects.select_related("counsellor__user", "member").get(
        pk=booking.pk
    )
    send_emails(change, booking, previous=previous)
    if change in REQUEST_KINDS:
        schedule_reminders(booking)
    extra = {"previous": previous} if previous is not None else {}
    announce_signal(change, booking, **extra)
