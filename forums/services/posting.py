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
from .messages import (
    AlreadyPosted,
    clean_client_id,
    clean_text,
    post_message,
    serialize,
    socket_access,
    stored_message,
)

RATE_LIMIT_COUNT = 10  # messages per member ...
RATE_LIMIT_WINDOW = 10  # ... in this many seconds, socket and form together
MESSAGE_RATE = ratelimit.parse_rate(f"{RATE_LIMIT_COUNT}/{RATE_LIMIT_WINDOW}s")


def count_message(user_id):
    """Count one message of a member; RateLimited past MESSAGE_RATE."""
    if not ratelimit.hit(MESSAGE_RATE, "forum-message", user_id):
        raise RateLimited()


def post(access, text, *, author=None, client_id=None):
    """Check, count, save and serialise. Returns (message, its message.new frame,
    new): `new` is False for a resend of a message stored already (same member,
    room and client id), which is neither counted nor stored again."""
    client_id = clean_client_id(client_id)
    earlier = stored_message(access, client_id)
    if earlier is None:
        clean_text(text)  # fail fast, before counting the rate
        count_message(access.user_id)
        try:
            message = post_message(access, text, author=author, client_id=client_id)
        except AlreadyPosted as resent:  # two resends at once
            earlier = resent.message
        else:
            return message, {"type": "message.new", "message": serialize(message)}, True
    return earlier, {"type": "message.new", "message": serialize(earlier)}, False


def post_and_broadcast(access, text, *, author=None, client_id=None):
    """The plain form's way: post, then fan out (an outage is logged, not raised:
    the message is saved and shows on the next page load). Returns the message."""
    message, frame, new = post(access, text, author=author, client_id=client_id)
    if new:
        realtime.broadcast_from_sync(access.room.slug, realtime.frame_event(frame))
    return message


def _socket_post(user, slug, text, client_id):
    access = socket_access(user, slug)  # re-checked: access may have been revoked
    _message, frame, new = post(access, text, author=user, client_id=client_id)
    return access, frame, new


async def post_and_broadcast_async(
    user, slug, text, *, broadcast, reply, ref=None, client_id=None
):
    """The socket's way: the same sequence; `broadcast(frame)` is the consumer's
    fan-out, `reply(frame)` answers the sender alone: a resend of a stored message
    gets the stored message's acknowledgement, the room hears nothing new.
    Returns the member's (re-checked) room access."""
    access, frame, new = await database_sync_to_async(_socket_post)(
        user, slug, text, client_id
    )
    await (broadcast if new else reply)({**frame, "ref": ref})
    return access
