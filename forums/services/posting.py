"""Posting a room message: one sequence for the socket and the plain form.

Check the text, count the member's rate, save, serialise, fan the frame out to the
room. The view runs it synchronously; the consumer runs the database part through
database_sync_to_async and fans out with its own channel layer, which tells the
sender when live updates are down.
"""

from channels.db import database_sync_to_async

from vetnet import ratelimit

from . import realtime
from .errors import RateLimited
from .messages import clean_text, post_message, serialize, socket_access

RATE_LIMIT_COUNT = 10  # messages per member ...
RATE_LIMIT_WINDOW = 10  # ... in this many seconds, socket and form together
MESSAGE_RATE = ratelimit.parse_rate(f"{RATE_LIMIT_COUNT}/{RATE_LIMIT_WINDOW}s")


def count_message(user_id):
    """Count one message of a member; RateLimited past MESSAGE_RATE."""
    if not ratelimit.hit(MESSAGE_RATE, "forum-message", user_id):
        raise RateLimited()


def post(access, text, *, author=None):
    """Check, count, save and serialise. Returns (message, its message.new frame)."""
    clean_text(text)  # fail fast, before counting the rate
    count_message(access.user_id)
    message = post_message(access, text, author=author)
    return message, {"type": "message.new", "message": serialize(message)}


def post_and_broadcast(access, text, *, author=None):
    """The plain form's way: post, then fan out (an outage is logged, not raised:
    the message is saved and shows on the next page load). Returns the message."""
    message, frame = post(access, text, author=author)
    realtime.broadcast_from_sync(access.room.slug, realtime.frame_event(frame))
    return message


def _socket_post(user, slug, text):
    access = socket_access(user, slug)  # re-checked: access may have been revoked
    _message, frame = post(access, text, author=user)
    return access, frame


async def post_and_broadcast_async(user, slug, text, *, broadcast, ref=None):
    """The socket's way: the same sequence; `broadcast(frame)` is the consumer's
    fan-out. Returns the member's (re-checked) room access."""
    access, frame = await database_sync_to_async(_socket_post)(user, slug, text)
    await broadcast({**frame, "ref": ref})
    return access
