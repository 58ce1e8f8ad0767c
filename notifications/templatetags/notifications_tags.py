"""The header's unread count and the follow buttons.

Both render only for a signed-in request: an anonymous page (cached and shared)
shows a link to log in instead of a button, and never a count.
"""

from django import template

from ..services import follows as follow_svc
from ..services import inbox

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    cached = getattr(request, "_unread_notifications", None)
    if cached is None:
        cached = request._unread_notifications = inbox.unread_count(user)
    return cached


@register.inclusion_tag("notifications/_follow_button.html", takes_context=True)
def follow_button(context, kind, value, label=""):
    """A Follow / Unfollow form for `kind` `value` (a saved search: the query
    string), or a link to log in for visitors."""
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    value = str(value)
    following = False
    if signed_in:
        key = value
        if kind == follow_svc.Kind.SEARCH:
            key = follow_svc.saved_search_key(*follow_svc.saved_search(value))
        elif kind == follow_svc.Kind.COUNTRY:
            key = value.upper()
        following = (kind, key) in follow_svc.followed_keys(user)
    return {
        "signed_in": signed_in,
        "kind": kind,
        "value": value,
        "label": label,
        "following": following,
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("notifications/_follow_buttons.html", takes_context=True)
def follow_buttons(context, obj):
    """Follow buttons for what `obj` (a practice, event, thread, room or
    organisation) is about; visitors get one link to log in."""
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    targets = follow_svc.targets_of(obj, user) if signed_in else []
    followed = follow_svc.followed_keys(user) if signed_in else set()
    return {
        "signed_in": signed_in,
        "buttons": [
            {**target, "following": (target["kind"], target["value"]) in followed}
            for target in targets
        ],
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }
