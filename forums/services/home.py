"""The rooms section of the home page (registered in ForumsConfig.ready)."""

from ..models import Room

ACTIVE_ROOMS = 4


def active_rooms(limit=ACTIVE_ROOMS):
    return list(
        Room.objects.filter(kind=Room.Kind.OPEN).order_by("-last_activity_at")[:limit]
    )
