"""Room messages: history, post, edit, delete, flag, hide.

Every function takes the acting user and re-checks their permission; consumers
call these through `database_sync_to_async`, views call them directly.
"""

import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.names import display_name

from ..models import MESSAGE_MAX_LENGTH, Message, MessageFlag, ModerationAction, Room
from .errors import Forbidden, InvalidInput, NotFound
from .permissions import room_access

HISTORY_PAGE = 50
ACTIVITY_PRECISION = timedelta(minutes=1)
REASON_MAX_LENGTH = 300


def get_room(slug):
    try:
        return Room.objects.select_related("counsellor").get(slug=slug)
    except Room.DoesNotExist as exc:
        raise NotFound() from exc


def access_for(user, slug):
    return room_access(user, get_room(slug))


def clean_text(value, *, max_length=MESSAGE_MAX_LENGTH):
    """Validate message text: a string, not blank, not too long."""
    if not isinstance(value, str):
        raise InvalidInput(_("A message needs a text."), code="invalid")
    text = value.replace("\r\n", "\n").replace("\x00", "").strip()
    if not text:
        raise InvalidInput(_("An empty message cannot be sent."), code="empty")
    if len(text) > max_length:
        raise InvalidInput(
            _("A message can have at most %(max)s characters (this one has %(n)s).")
            % {"max": f"{max_length:,}", "n": f"{len(text):,}"},
            code="too_long",
        )
    return text


def clean_reason(value):
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(_("The reason must be text."))
    return value.strip()[:REASON_MAX_LENGTH]


def clean_id(value):
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInput(_("A message id is needed."), code="invalid")
    try:
        number = int(value)
    except ValueError as exc:
        raise InvalidInput(_("A message id is needed."), code="invalid") from exc
    if number <= 0:
        raise InvalidInput(_("A message id is needed."), code="invalid")
    return number


def serialize(message):
    state = message.state
    return {
        "id": message.pk,
        "author": {
            "id": message.author_id,
            "name": display_name(message.author)
            if message.author
            else _("former member"),
        },
        # Hidden and deleted messages never carry their text to clients.
        "text": message.text if state == "visible" else "",
        "state": state,
        "created_at": message.created_at.isoformat(),
        "edited": bool(message.edited_at) and state == "visible",
    }


def _require_read(access):
    if not access.can_read:
        raise Forbidden(_("This room is private."))


def _require_write(access):
    if not access.can_write:
        if access.user_id is None:
            raise Forbidden(_("Sign in to write in this room."), code="sign_in")
        raise Forbidden()


def history(access, before=None, limit=HISTORY_PAGE):
    """The `limit` messages before id `before` (newest page when None), oldest first.

    Returns (messages, has_more)."""
    _require_read(access)
    queryset = Message.objects.filter(room=access.room).select_related("author")
    if before is not None:
        queryset = queryset.filter(pk__lt=clean_id(before))
    page = list(queryset.order_by("-pk")[: limit + 1])
    has_more = len(page) > limit
    page = page[:limit]
    page.reverse()
    return page, has_more


def history_payload(access, before=None, limit=HISTORY_PAGE):
    messages, has_more = history(access, before=before, limit=limit)
    return {
        "messages": [serialize(m) for m in messages],
        "has_more": has_more,
        "before": messages[0].pk if messages else None,
    }


class AlreadyPosted(Exception):  # noqa: N818 - an outcome, not a failure
    """A resend: the member's message with this client id is stored already."""

    def __init__(self, message):
        super().__init__(message.pk)
        self.message = message


def clean_client_id(value):
    """The client's id of a message (a UUID), None when absent or malformed (a
    message without one is stored as it comes, as before)."""
    if value in (None, ""):
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def stored_message(access, client_id):
    """The member's message in this room with `client_id`, or None."""
    if client_id is None or access.user_id is None:
        return None
    return (
        Message.objects.select_related("author")
        .filter(room=access.room, author_id=access.user_id, client_id=client_id)
        .first()
    )


def post_message(access, text, author=None, client_id=None):
    """Save a message. `author` (the acting user) saves a query when serialising.
    Raises AlreadyPosted when `client_id` is stored already (two resends at once)."""
    _require_write(access)
    text = clean_text(text)
    now = timezone.now()
    try:
        with transaction.atomic():
            message = Message.objects.create(
                room=access.room,
                author_id=access.user_id,
                text=text,
                created_at=now,
                client_id=client_id,
            )
    except IntegrityError:
        earlier = stored_message(access, client_id)
        if earlier is None:
            raise
        raise AlreadyPosted(earlier) from None
    if author is not None and author.pk == access.user_id:
        message.author = author
    # "Last activity" needs minute precision; a busy room does not rewrite its row
    # for every message.
    Room.objects.filter(
        pk=access.room.pk, last_activity_at__lt=now - ACTIVITY_PRECISION
    ).update(last_activity_at=now)
    return message


def _own_or_moderated(access, message_id):
    try:
        message = Message.objects.select_related("author").get(
            pk=clean_id(message_id), room=access.room
        )
    except Message.DoesNotExist as exc:
        raise NotFound(_("This message does not exist.")) from exc
    return message


def edit_message(access, message_id, text):
    _require_write(access)
    text = clean_text(text)
    message = _own_or_moderated(access, message_id)
    if message.author_id != access.user_id:
        raise Forbidden(_("You can only edit your own messages."))
    if message.state != "visible":
        raise Forbidden(_("This message can no longer be edited."))
    message.text = text
    message.edited_at = timezone.now()
    message.save(update_fields=["text", "edited_at"])
    return message


def delete_message(access, message_id):
    _require_write(access)
    message = _own_or_moderated(access, message_id)
    if message.author_id != access.user_id and not access.can_moderate:
        raise Forbidden(_("You can only delete your own messages."))
    if message.deleted_at is None:
        message.deleted_at = timezone.now()
        message.save(update_fields=["deleted_at"])
    return message


def flag_message(access, message_id, reason):
    """Flag a message for the moderators. Returns (message, created)."""
    _require_write(access)
    reason = clean_reason(reason)
    if not reason:
        # A flag without a reason leaves the moderators guessing (issue 14).
        raise InvalidInput(_("Please say why you flag this message."))
    message = _own_or_moderated(access, message_id)
    if message.author_id == access.user_id:
        raise Forbidden(_("You cannot flag your own message."))
    try:
        with transaction.atomic():
            MessageFlag.objects.create(
                message=message, flagged_by_id=access.user_id, reason=reason
            )
        created = True
    except IntegrityError:
        created = False
    return message, created


def hide_message(access, message_id, reason=""):
    if not access.can_moderate:
        raise Forbidden(_("Only moderators can hide messages."))
    reason = clean_reason(reason)
    message = _own_or_moderated(access, message_id)
    if message.hidden_at is None:
        with transaction.atomic():
            message.hidden_at = timezone.now()
            message.hidden_by_id = access.user_id
            message.hidden_reason = reason
            message.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
            ModerationAction.objects.create(
                message=message,
                moderator_id=access.user_id,
                action=ModerationAction.Action.HIDE,
                reason=reason,
            )
    return message


def flagged_messages(user):
    """Messages awaiting a moderator: flagged, not hidden, in rooms they moderate."""
    from .permissions import is_moderator

    queryset = Message.objects.filter(flags__isnull=False, hidden_at__isnull=True)
    if not is_moderator(user):
        queryset = queryset.filter(room__counsellor=user, room__kind=Room.Kind.PRIVATE)
    else:
        queryset = queryset.filter(room__kind=Room.Kind.OPEN) | queryset.filter(
            room__counsellor=user
        )
    return queryset.select_related("room", "author").distinct().order_by("-pk")


# --- socket actions: one database round each (access re-checked, act, serialise) ---


def socket_access(user, slug):
    access = access_for(user, slug)
    if not access.can_read:
        raise Forbidden(_("You no longer have access to this room."), code="revoked")
    return access


def socket_edit(user, slug, message_id, text):
    access = socket_access(user, slug)
    return access, serialize(edit_message(access, message_id, text))


def socket_delete(user, slug, message_id):
    access = socket_access(user, slug)
    return access, serialize(delete_message(access, message_id))


def socket_flag(user, slug, message_id, reason):
    access = socket_access(user, slug)
    message, created = flag_message(access, message_id, reason)
    return access, {"id": message.pk, "new": created}


def socket_hide(user, slug, message_id, reason):
    access = socket_access(user, slug)
    return access, serialize(hide_message(access, message_id, reason))


def socket_history(user, slug, before):
    access = socket_access(user, slug)
    return access, history_payload(access, before=before)
