"""The room socket: /ws/forums/rooms/<slug>/.

Thin by design: every client action is validated, permission-checked and carried
out by a service in forums/services/ (ORM work through database_sync_to_async);
channel-layer events are handled by methods named after their type.
"""

import asyncio
import json
import logging

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

from .services import messages as svc
from .services import posting, realtime
from .services.errors import Forbidden, ForumError, InvalidInput, NotFound

logger = logging.getLogger(__name__)

MAX_FRAME_BYTES = 16_384  # a 4,000-character message in JSON stays well below
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_SERVICE_DOWN = 4503  # Daphne (autobahn) only sends 1000 or 3000-4999

access_for = database_sync_to_async(svc.access_for)
history_payload = database_sync_to_async(svc.history_payload)
socket_edit = database_sync_to_async(svc.socket_edit)
socket_delete = database_sync_to_async(svc.socket_delete)
socket_flag = database_sync_to_async(svc.socket_flag)
socket_hide = database_sync_to_async(svc.socket_hide)
socket_history = database_sync_to_async(svc.socket_history)


class RoomConsumer(AsyncJsonWebsocketConsumer):
    # Client actions -> handler. Anything else is refused with an error frame.
    ACTIONS = {
        "message.send": "action_send",
        "message.edit": "action_edit",
        "message.delete": "action_delete",
        "message.flag": "action_flag",
        "message.hide": "action_hide",
        "history": "action_history",
        "ping": "action_ping",
    }

    access = None
    group = None

    # Channels closes stale database connections (one hop to the ORM thread)
    # before every handler. Fan-out events never touch the database: in a room of
    # 100 that would queue 100 hops per message behind the ORM work. Handlers that
    # do use the ORM go through database_sync_to_async, which closes them itself.
    FAN_OUT_EVENTS = frozenset({"room.frame", "presence.joined", "presence.left"})

    @property
    def channel_layer_alias(self):
        return realtime.layer_alias()

    async def dispatch(self, message):
        if message.get("type") in self.FAN_OUT_EVENTS:
            await getattr(self, get_handler_name(message))(message)
            return
        await super().dispatch(message)

    heartbeat_task = None
    present = False

    async def connect(self):
        slug = self.scope["url_route"]["kwargs"]["slug"]
        try:
            self.access = await access_for(self.scope["user"], slug)
        except NotFound:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        if not self.access.can_read:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.slug = slug
        self.group = realtime.group_name(slug)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json(
            {
                "type": "welcome",
                "room": {"slug": slug, "name": self.access.room.name},
                "user": self.access.as_dict(),
                "limits": {
                    "max_length": svc.MESSAGE_MAX_LENGTH,
                    "rate": posting.RATE_LIMIT_COUNT,
                    "window": posting.RATE_LIMIT_WINDOW,
                },
            }
        )
        await self.send_json(
            {
                "type": "history",
                "initial": True,
                **await history_payload(self.access),
            }
        )
        if self.access.user_id is not None:
            me = {"id": self.access.user_id, "name": self.access.user_name}
            await realtime.presence_join(slug, self.channel_name, me)
            self.present = True
            await self.channel_layer.group_send(
                self.group, {"type": "presence.joined", "user": me}
            )
            self.heartbeat_task = asyncio.create_task(self._heartbeat(me))
        await self.send_json(
            {"type": "presence", "users": await realtime.presence_list(slug)}
        )

    async def disconnect(self, code):
        if self.heartbeat_task:
            self.heartbeat_task.cancel()
        if self.group is None:
            return
        try:
            await self.channel_layer.group_discard(self.group, self.channel_name)
        except (RedisError, OSError) as exc:
            logger.warning("forums: leaving %s without Redis: %s", self.slug, exc)
            return
        if self.present:
            await realtime.presence_leave(self.slug, self.channel_name)
            if not await realtime.user_still_present(self.slug, self.access.user_id):
                await self.channel_layer.group_send(
                    self.group,
                    {
                        "type": "presence.left",
                        "user": {
                            "id": self.access.user_id,
                            "name": self.access.user_name,
                        },
                    },
                )

    async def _heartbeat(self, me):
        """Keep our presence fresh; if Redis is gone, close so the client shows
        "reconnecting…" and comes back (with the history it missed) later."""
        while True:
            await asyncio.sleep(realtime.heartbeat_interval())
            try:
                await realtime.presence_join(self.slug, self.channel_name, me)
            except (RedisError, OSError) as exc:
                logger.warning("forums: closing %s, Redis is gone: %s", self.slug, exc)
                self.present = False
                await self.close(code=CLOSE_SERVICE_DOWN)
                return

    # --- incoming frames -----------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        """Decode and validate a frame; a bad frame gets an error, never a close."""
        if text_data is None:
            await self.send_error("invalid", _("Only text frames are accepted."))
            return
        if len(text_data.encode()) > MAX_FRAME_BYTES:
            await self.send_error(
                "too_long",
                _("A message can have at most %(max)s characters.")
                % {"max": f"{svc.MESSAGE_MAX_LENGTH:,}"},
            )
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            await self.send_error("malformed", _("That message was not valid JSON."))
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.send_error("malformed", _("A message needs a type."))
            return
        handler = self.ACTIONS.get(content["type"])
        ref = content.get("ref") if isinstance(content.get("ref"), str) else None
        if handler is None:
            await self.send_error("unknown_type", _("Unknown message type."), ref=ref)
            return
        try:
            # Each action's service re-checks the permission (a member removed
            # from a private room loses it without reconnecting).
            await getattr(self, handler)(content, ref)
        except ForumError as exc:
            await self.send_error(exc.code, exc.message, ref=ref)
            if exc.code == "revoked":
                await self.close(code=CLOSE_FORBIDDEN)
        except (RedisError, OSError) as exc:
            # Fan-out and presence need Redis; the page's plain form does not.
            logger.warning(
                "forums: %s in %s without Redis: %s", content["type"], self.slug, exc
            )
            await self.send_error(
                "service_down",
                _("Live updates are interrupted. Your text is kept: send it again."),
                ref=ref,
            )
            await self.close(code=CLOSE_SERVICE_DOWN)

    async def send_error(self, code, message, ref=None):
        frame = {"type": "error", "code": code, "message": str(message)}
        if ref:
            frame["ref"] = ref[:64]
        await self.send_json(frame)

    async def broadcast(self, frame):
        """Fan a frame out to the room, encoded once for every socket."""
        try:
            await self.channel_layer.group_send(self.group, realtime.frame_event(frame))
        except (RedisError, OSError) as exc:
            # Saved in the database already: it shows when the client reconnects.
            logger.warning("forums: live fan-out to %s failed: %s", self.slug, exc)
            await self.send_error(
                "service_down",
                _("Live updates are interrupted; your change is saved."),
            )
            await self.close(code=CLOSE_SERVICE_DOWN)

    async def action_send(self, content, ref):
        if self.access.user_id is None:
            raise Forbidden(_("Sign in to write in this room."), code="sign_in")
        self.access = await posting.post_and_broadcast_async(
            self.scope["user"],
            self.slug,
            content.get("text"),
            broadcast=self.broadcast,
            reply=self.send_json,
            ref=ref,
            client_id=content.get("client_id"),
        )

    async def action_edit(self, content, ref):
        self.access, message = await socket_edit(
            self.scope["user"], self.slug, content.get("id"), content.get("text")
        )
        await self.broadcast({"type": "message.update", "message": message})

    async def action_delete(self, content, ref):
        self.access, message = await socket_delete(
            self.scope["user"], self.slug, content.get("id")
        )
        await self.broadcast({"type": "message.update", "message": message})

    async def action_flag(self, content, ref):
        self.access, flag = await socket_flag(
            self.scope["user"], self.slug, content.get("id"), content.get("reason")
        )
        await self.send_json({"type": "flagged", **flag, "ref": ref})

    async def action_hide(self, content, ref):
        self.access, message = await socket_hide(
            self.scope["user"], self.slug, content.get("id"), content.get("reason")
        )
        await self.broadcast({"type": "message.update", "message": message})

    async def action_history(self, content, ref):
        before = content.get("before")
        if before is None:
            raise InvalidInput(_("Say which message to page back from."))
        self.access, page = await socket_history(self.scope["user"], self.slug, before)
        await self.send_json({"type": "history", "initial": False, **page})

    async def action_ping(self, content, ref):
        await self.send_json({"type": "pong"})

    # --- channel-layer events (handlers named after the event type) ----------

    async def room_frame(self, event):
        """A frame for every socket in the room, already encoded (see broadcast)."""
        await self.send(text_data=event["text"])

    async def presence_joined(self, event):
        await self.send_json({"type": "presence.joined", "user": event["user"]})

    async def presence_left(self, event):
        await self.send_json({"type": "presence.left", "user": event["user"]})
