"""/ws/notifications/: a member's unread count, live.

Read-only: the socket sends the count on connect and whenever it changes
(services.live pushes "unread.count" to the member's group); anything the client
sends is ignored. Anonymous sockets are refused.
"""

import logging

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from redis.exceptions import RedisError

from .services import inbox, live

logger = logging.getLogger(__name__)

CLOSE_FORBIDDEN = 4403

count_unread = database_sync_to_async(inbox.unread_count)


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    group = None

    @property
    def channel_layer_alias(self):
        return live.layer_alias()

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.group = live.group_name(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json({"type": "unread", "count": await count_unread(user)})

    async def disconnect(self, code):
        if self.group is None:
            return
        try:
            await self.channel_layer.group_discard(self.group, self.channel_name)
        except (RedisError, OSError) as exc:
            logger.warning(
                "notifications: leaving %s without Redis: %s", self.group, exc
            )

    async def receive_json(self, content, **kwargs):
        """Nothing to do: the socket only listens."""

    async def unread_count(self, event):
        await self.send_json({"type": "unread", "count": int(event["count"])})
