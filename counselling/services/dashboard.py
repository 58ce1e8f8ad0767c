"""The counsellor's dashboard and the moderators' view of the network's activity.

Moderators see counts only: no topics, no feedback text, no messages.
"""

from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from community.names import display_name
from forums.services.permissions import is_moderator
from vetnet import csv_export

from ..models import Booking, Counsellor
from .sessions import feedback_summary


def counsellor_of(user):
    if not user.is_authenticated:
        return None
    return Counsellor.objects.filter(user=user).select_related("user").first()


def dashboard(counsellor, now=None):
    now = now or timezone.now()
    bookings = Booking.objects.filter(counsellor=counsellor).select_related("member")
    held = bookings.filter(status=Booking.Status.BOOKED, start__lte=now)
    return {
        "upcoming": bookings.filter(status=Booking.Status.BOOKED, end__gt=now),
        "past": held.filter(end__lte=now).order_by("-start")[:50],
        "changes": bookings.exclude(status=Booking.Status.BOOKED).order_by(
            "-changed_at"
        )[:20],
        "summary": feedback_summary(held),
        "feedback": held.exclude(rating=None).order_by("-feedback_at")[:20],
    }


def csv_header(counsellor):
    """The headers of csv_rows in the counsellor's language; the times are in
    the zone their hours are published in, which the headers name."""
    start, end, topic, no_show, rating, feedback = csv_export.field_headers(
        Booking, ["start", "end", "topic", "no_show", "rating", "feedback"]
    )
    return [
        csv_export.zone_header(start, counsellor.time_zone),
        csv_export.zone_header(end, counsellor.time_zone),
        _("Member"),
        _("E-mail"),
        topic,
        _("Status"),  # the field has no name of its own
        no_show,
        rating,
        feedback,
    ]


def csv_rows(counsellor):
    bookings = (
        Booking.objects.filter(counsellor=counsellor)
        .select_related("member")
        .order_by("start", "id")
    )
    for b in bookings:
        yield [
            csv_export.local_time(b.start, counsellor.zone),
            csv_export.local_time(b.end, counsellor.zone),
            display_name(b.member),
            b.member.email,
            b.topic,
            b.get_status_display(),
            "✓" if b.no_show else "",
            b.rating or "",
            b.feedback,
        ]


def can_see_activity(user):
    return is_moderator(user)


def network_activity(now=None):
    """Per counsellor: bookings ahead, sessions held, cancelled, declined,
    no-shows, ratings (counts and the average only)."""
    now = now or timezone.now()
    booked = Q(bookings__status=Booking.Status.BOOKED)
    return (
        Counsellor.objects.select_related("user", "organisation")
        .annotate(
            ahead=Count("bookings", filter=booked & Q(bookings__start__gt=now)),
            held=Count("bookings", filter=booked & Q(bookings__end__lte=now)),
            cancelled=Count(
                "bookings",
                filter=Q(
                    bookings__status__in=[
                        Booking.Status.CANCELLED,
                        Booking.Status.RESCHEDULED,
                    ]
                ),
            ),
            declined=Count(
                "bookings", filter=Q(bookings__status=Booking.Status.DECLINED)
            ),
            no_shows=Count("bookings", filter=booked & Q(bookings__no_show=True)),
            rated=Count("bookings", filter=Q(bookings__rating__isnull=False)),
            average=Avg("bookings__rating"),
        )
        .order_by("user__last_name", "user__first_name")
    )
