"""The events section of the home page (registered in EventsConfig.ready)."""

from django.utils import timezone

from vetnet.routing import public, version_memo

from ..models import EventPage

UPCOMING_EVENTS = 3
KEPT = 30  # events not yet over kept per content version, soonest first


def _upcoming(now, limit):
    return list(
        public(EventPage.objects.live()).filter(end__gte=now).order_by("start")[:limit]
    )


def upcoming_events(limit=UPCOMING_EVENTS):
    """The next events not yet over. The events not over when the content version
    began are kept (up to KEPT); as time passes the ones that ended drop out of
    that list, and no other event can come in without a publish, which moves the
    version. Only when too few are left of a full list is the database asked."""
    now = timezone.now()
    kept = version_memo("home-upcoming-events", None, lambda: _upcoming(now, KEPT))
    left = [event for event in kept if event.end >= now]
    if len(left) >= limit or len(kept) < KEPT:
        return left[:limit]
    return _upcoming(now, limit)
