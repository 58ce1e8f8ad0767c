"""How a notification reads, in the active language (page and e-mail alike)."""

from datetime import datetime

from django.utils.translation import gettext as _

from counselling.templatetags.counselling_time import local_text
from vetnet.site import absolute_url, localised_path

from ..models import Notification

Kind = Notification.Kind


def describe(kind, title, detail, facts=None):
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
        return _booking(title, detail, facts or {})
    return title


def _booking(title, change, facts):
    """Who the session is with and when, in the reader's time zone (the one
    stored for them), with the topic; the short sentence for a notification
    written before these facts were kept."""
    if not facts.get("start") or not facts.get("zone"):
        changes = {
            "booked": _("booked"),
            "cancelled": _("cancelled"),
            "rescheduled": _("moved"),
            "declined": _("declined"),
        }
        return _("Counselling session “%(title)s”: %(change)s") % {
            "title": title,
            "change": changes.get(change, change),
        }
    start = datetime.fromisoformat(facts["start"])
    zone = facts["zone"]
    values = {
        "title": title,
        "who": facts.get("with") or _("former member"),
        "when": f"{local_text(start, zone, 'DATETIME_FORMAT')} ({zone})",
    }
    if facts.get("role") == "counsellor":
        sentences = {
            "booked": _(
                "%(who)s booked a counselling session with you on %(when)s: “%(title)s”"
            ),
            "rescheduled": _(
                "%(who)s moved their counselling session with you to %(when)s: "
                "“%(title)s”"
            ),
            "cancelled": _(
                "The counselling session with %(who)s on %(when)s was cancelled: "
                "“%(title)s”"
            ),
            "declined": _(
                "You declined the counselling session with %(who)s on %(when)s: "
                "“%(title)s”"
            ),
        }
    else:
        sentences = {
            "booked": _(
                "You booked a counselling session with %(who)s on %(when)s: “%(title)s”"
            ),
            "rescheduled": _(
                "You moved your counselling session with %(who)s to %(when)s: "
                "“%(title)s”"
            ),
            "cancelled": _(
                "Your counselling session with %(who)s on %(when)s was cancelled: "
                "“%(title)s”"
            ),
            "declined": _(
                "%(who)s declined your counselling session on %(when)s: “%(title)s”"
            ),
        }
    return sentences.get(change, sentences["booked"]) % values


def item(notification, language, gone=False):
    """A notification as a list or e-mail shows it; `gone` (targets.gone): its
    page is no longer there for the reader, so it has no link."""
    path = localised_path(notification.path, language)
    return {
        "available": not gone,
        "id": notification.pk,
        "text": describe(
            notification.kind,
            notification.title,
            notification.detail,
            notification.facts,
        ),
        "path": path,
        "url": absolute_url(path),
        "created_at": notification.created_at,
        "unread": notification.read_at is None,
    }
