"""Signed one-click unsubscribe links (RFC 8058): who, and from which kinds."""

from django.core import signing

from ..models import Notification

SALT = "notifications.unsubscribe"


def make_token(user_id, kinds):
    return signing.Signer(salt=SALT).sign(f"{int(user_id)}.{','.join(sorted(kinds))}")


def read_token(token):
    """(user_id, [kinds]) from a token, or None when it was not signed by us."""
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    user_id, _dot, kinds = value.partition(".")
    kinds = [kind for kind in kinds.split(",") if kind in Notification.Kind.values]
    if not user_id.isdigit() or not kinds:
        return None
    return int(user_id), kinds
