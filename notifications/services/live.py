"""The unread count, pushed to a member's open pages over the channel layer.

Each member's sockets join one group (group_name); a change sends the new count
to that group. Fan-out uses the rooms' channel layer (Redis pub/sub when
configured: one PUBLISH per member), and an outage is logged, never raised: the
notifications are saved and the count is right on the next page load.
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from redis.exceptions import RedisError

from forums.services.realtime import layer_alias  # the rooms' layer

logger = logging.getLogger(__name__)


def group_name(user_id):
    """The channel-layer group of one member's sockets (the only place that
    builds it)."""
    return f"notifications.user.{int(user_id)}"


def unread_event(count):
    return {"type": "unread.count", "count": int(count)}


async def _send_all(layer, counts):
    for user_id, count in counts.items():
        await layer.group_send(group_name(user_id), unread_event(count))


def push_counts(counts):
    """Send {user_id: unread count} to the members' sockets."""
    if not counts:
        return True
    layer = get_channel_layer(layer_alias())
    if layer is None:
        return False
    try:
        async_to_sync(_send_all)(layer, counts)
    except (TimeoutError, RedisError, OSError) as exc:
        logger.warning("notifications: live counts skipped: %s", exc)
        return False
    return True
