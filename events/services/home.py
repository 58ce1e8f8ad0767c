"""The events section of the home page (registered in EventsConfig.ready)."""

from django.utils import timezone

from vetnet.routing import public

from ..models import EventPage

UPCOMING_EVENTS = 3


def upcoming_events(limit=UPCOMING_EVENTS):
    return list(
        public(EventPage.objects.live())
        .filter(end__gte=timezone.now())
        .order_by("start")[:limit]
    )
