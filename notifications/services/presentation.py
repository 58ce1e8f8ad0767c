"""How a notification reads, in the active language (page and e-mail alike)."""

from django.utils.translation import gettext as _

from vetnet.site import absolute_url, localised_path

from ..models import Notification

Kind = Notification.Kind


def describe(kind, title, detail):
    values = {"title": title, "who": detail}
    if kind == Kind.PRACTICE:
        return _("New practice: %(title)s") % values
    if kind == Kind.EVENT:
        return _("New event: %(title)s") % values
    if kind == Kind.REPLY:
        return _("%(who)s replied in “%(title)s”") % values
    if kind == Kind.ROOM:
        return _("New messages in the room “%(title)s”") % values
    if kind == Kind.MENTION:
        return _("%(who)s mentioned you in “%(title)s”") % values
    if kind == Kind.REVIEW:
        if detail == "published":
            return _("Your practice “%(title)s” was published") % values
        return _("Changes were requested on your practice “%(title)s”") % values
    if kind == Kind.SEAT:
        return _("You have a seat at “%(title)s” (from the waiting list)") % values
    if kind == Kind.BOOKING:
        changes = {
            "booked": _("booked"),
            "cancelled": _("cancelled"),
            "rescheduled": _("moved"),
            "declined": _("declined"),
        }
        return _("Counselling session “%(title)s”: %(change)s") % {
            **values,
            "change": changes.get(detail, detail),
        }
    return title


def item(notification, language):
    """A notification as a list or e-mail shows it."""
    path = localised_path(notification.path, language)
    return {
        "id": notification.pk,
        "text": describe(notification.kind, notification.title, notification.detail),
        "path": path,
        "url": absolute_url(path),
        "created_at": notification.created_at,
        "unread": notification.read_at is None,
    }
