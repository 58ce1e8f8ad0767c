"""A member's notifications: created in bulk, counted, listed, marked read."""

from django.db.models import Count
from django.utils import timezone

from ..models import Notification
from . import live


def unread(**filters):
    """The unread notifications a reader can still open (what they lead to is
    not known to be gone: targets.record), whose count the header shows."""
    return Notification.objects.filter(
        read_at__isnull=True, gone_at__isnull=True, **filters
    )


def unread_count(user):
    if not user.is_authenticated:
        return 0
    return unread(user=user).count()


def unread_counts(user_ids):
    """{user_id: unread count} for many members in one query."""
    counts = dict.fromkeys(user_ids, 0)
    rows = (
        unread(user_id__in=list(user_ids))
        .values("user_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts.update({row["user_id"]: row["n"] for row in rows})
    return counts


def notify(user_ids, *, kind, key, title, path, detail="", facts=None):
    """One notification of the same trigger for each member in `user_ids`.

    One bulk insert that skips members who already have this
    trigger's notification (`key`), one count query, one push per member. Returns
    the ids of the members that were notified now."""
    user_ids = sorted(set(user_ids))
    if not user_ids:
        return []
    now = timezone.now()
    # One INSERT whatever the number of members (PostgreSQL takes any number of
    # parameters; Django splits it only where the database needs it, e.g. SQLite).
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=user_id,
                kind=kind,
                key=key,
                title=title[:300],
                detail=detail[:300],
                path=path[:500],
                facts=facts or {},
                created_at=now,
            )
            for user_id in user_ids
        ],
        ignore_conflicts=True,
    )
    created = list(
        Notification.objects.filter(key=key, created_at=now, user_id__in=user_ids)
        .order_by()
        .values_list("user_id", flat=True)
    )
    live.push_counts(unread_counts(created))
    return created


def notifications_of(user):
    return Notification.objects.filter(user=user)


def mark_read(user, notification_id):
    """Mark one notification read; returns it (None when not the member's)."""
    notification = Notification.objects.filter(user=user, pk=notification_id).first()
    if notification is None:
        return None
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
        live.push_counts(unread_counts([user.pk]))
    return notification


def mark_all_read(user):
    """Mark every unread notification read, those leading nowhere now too;
    returns how many of them the member could open (what the count said)."""
    counted = unread(user=user).count()
    changed = Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if changed:
        live.push_counts({user.pk: 0})
    return counted
