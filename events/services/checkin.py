"""Check-in on the day: the organiser's list of confirmed registrants, one tap each."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from ..models import Registration

CHECKIN_LIST_LIMIT = 200


@dataclass(frozen=True)
class CheckinList:
    people: list
    present: int
    expected: int


def checkin_list(event, query="", limit=CHECKIN_LIST_LIMIT):
    """Confirmed registrants matching `query` (name or organisation), by name,
    with how many of all confirmed registrants are present."""
    confirmed = Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED
    )
    people = confirmed
    if query:
        people = people.filter(
            Q(name__icontains=query) | Q(organisation__icontains=query)
        )
    return CheckinList(
        people=list(people.order_by("name")[:limit]),
        present=confirmed.filter(checked_in_at__isnull=False).count(),
        expected=confirmed.count(),
    )


def check_in(registration, present=True):
    """Mark a confirmed registrant present (or undo it).

    Returns True when the registration is confirmed (and so was changed)."""
    updated = Registration.objects.filter(
        pk=registration.pk, status=Registration.Status.CONFIRMED
    ).update(checked_in_at=timezone.now() if present else None)
    registration.refresh_from_db()
    return bool(updated)
