"""What the home page shows: latest practices, upcoming events, active rooms."""

from django.apps import apps
from django.utils import timezone

LATEST_PRACTICES = 6
UPCOMING_EVENTS = 3
ACTIVE_ROOMS = 4


def latest_practices(limit=LATEST_PRACTICES):
    from practices.models import PracticePage

    return list(
        PracticePage.objects.live()
        .public()
        .select_related("organisation")
        .order_by("-first_published_at")[:limit]
    )


def upcoming_events(limit=UPCOMING_EVENTS):
    if not apps.is_installed("events"):
        return []
    from events.models import EventPage

    return list(
        EventPage.objects.live()
        .public()
        .filter(end__gte=timezone.now())
        .order_by("start")[:limit]
    )


def active_rooms(limit=ACTIVE_ROOMS):
    if not apps.is_installed("forums"):
        return []
    from forums.models import Room

    return list(
        Room.objects.filter(kind=Room.Kind.OPEN).order_by("-last_activity_at")[:limit]
    )


def home_context():
    return {
        "latest_practices": latest_practices(),
        "upcoming_events": upcoming_events(),
        "active_rooms": active_rooms(),
    }
