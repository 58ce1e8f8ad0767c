"""Shared real-time state: group names, fan-out and presence.

With REDIS_URL set, presence lives in Redis so that every Daphne process sees the
same rooms; the embedded default keeps it in Django's (local-memory) cache, which
is enough for one process. Message rate limits: forums.services.posting.
"""

import asyncio
import json
import logging
import time
import weakref

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from redis import asyncio as aioredis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

PRESENCE_TTL = 60  # seconds without a heartbeat before a connection counts as gone
PRESENCE_HEARTBEAT = (
    15  # seconds between heartbeats (settings.FORUMS_PRESENCE_HEARTBEAT)
)


def heartbeat_interval():
    return getattr(settings, "FORUMS_PRESENCE_HEARTBEAT", PRESENCE_HEARTBEAT)


def group_name(slug):
    """The channel-layer group of a room (the only place that builds it)."""
    return f"forums.room.{slug}"


def layer_alias():
    """The channel layer of the rooms: settings' "forums" alias (Redis pub/sub)
    when it is configured, else the default layer (in-memory when embedded)."""
    return "forums" if "forums" in settings.CHANNEL_LAYERS else "default"


def frame_event(frame):
    """A channel-layer event carrying a client frame for every socket of a room,
    JSON-encoded once here rather than once per socket."""
    return {"type": "room.frame", "text": json.dumps(frame)}


def _prefix():
    layer = settings.CHANNEL_LAYERS.get("default", {})
    base = layer.get("CONFIG", {}).get("prefix", "vetnet")
    return f"{base}:forums"


# One Redis client per event loop (pytest and Daphne each run their own loop)
# and URL.
_clients = weakref.WeakKeyDictionary()


def _redis():
    if not settings.REDIS_URL:
        return None
    loop = asyncio.get_running_loop()
    per_loop = _clients.setdefault(loop, {})
    client = per_loop.get(settings.REDIS_URL)
    if client is None:
        client = per_loop[settings.REDIS_URL] = aioredis.from_url(
            settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2
        )
    return client


# --- fan-out from synchronous code (views) --------------------------------------


def broadcast_from_sync(slug, event):
    """Send an event to a room's sockets; a channel-layer outage is logged, not raised.

    The message is already saved: people see it on their next page load."""
    layer = get_channel_layer(layer_alias())
    if layer is None:
        return False
    try:
        async_to_sync(layer.group_send)(group_name(slug), event)
    except (TimeoutError, RedisError, OSError) as exc:
        logger.warning("forums: live fan-out to %s skipped: %s", slug, exc)
        return False
    return True


# --- presence -----------------------------------------------------------------------
# Per room: a sorted set of channel names scored by the time their entry expires,
# and a hash channel name -> {"id", "name"} of the connected user.


def _presence_keys(slug):
    return f"{_prefix()}:presence:{slug}:exp", f"{_prefix()}:presence:{slug}:who"


def _local_presence(slug):
    key = f"{_prefix()}:presence:{slug}"
    return key, cache.get(key) or {}


async def presence_join(slug, channel_name, user):
    """Record a connection (also used as heartbeat)."""
    expires = time.time() + PRESENCE_TTL
    client = _redis()
    if client is not None:
        exp_key, who_key = _presence_keys(slug)
        async with client.pipeline(transaction=True) as pipe:
            pipe.zadd(exp_key, {channel_name: expires})
            pipe.hset(who_key, channel_name, json.dumps(user))
            pipe.expire(exp_key, 86400)
            pipe.expire(who_key, 86400)
            await pipe.execute()
        return
    key, entries = _local_presence(slug)
    entries[channel_name] = (expires, user)
    await cache.aset(key, entries, 86400)


async def presence_leave(slug, channel_name):
    client = _redis()
    if client is not None:
        exp_key, who_key = _presence_keys(slug)
        async with client.pipeline(transaction=True) as pipe:
            pipe.zrem(exp_key, channel_name)
            pipe.hdel(who_key, channel_name)
            await pipe.execute()
        return
    key, entries = _local_presence(slug)
    entries.pop(channel_name, None)
    await cache.aset(key, entries, 86400)


async def presence_list(slug):
    """Distinct users with a live connection to the room, sorted by name."""
    now = time.time()
    client = _redis()
    users = {}
    if client is not None:
        exp_key, who_key = _presence_keys(slug)
        stale = await client.zrangebyscore(exp_key, "-inf", now)
        if stale:
            async with client.pipeline(transaction=True) as pipe:
                pipe.zrem(exp_key, *stale)
                pipe.hdel(who_key, *stale)
                await pipe.execute()
        for raw in (await client.hgetall(who_key)).values():
            user = json.loads(raw)
            users[user["id"]] = user
    else:
        key, entries = _local_presence(slug)
        for expires, user in entries.values():
            if expires > now:
                users[user["id"]] = user
    return sorted(users.values(), key=lambda u: (u["name"].lower(), u["id"]))


async def user_still_present(slug, user_id):
    return any(u["id"] == user_id for u in await presence_list(slug))
