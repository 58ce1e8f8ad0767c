"""Follows, saved searches, in-site notifications, e-mail preferences and digests.

A Follow names what a member follows by kind and value (a sector's slug, a country
code, a thread's id, ...); a saved search is a Follow of kind SEARCH whose `query`
is the listing's normalised query string. A Notification is one line in a
member's list; `key` makes a trigger idempotent (a practice published twice
notifies once). A Digest is one e-mail to one member for one period: its unique
(user, period) row, written with the rendered message before the message is
queued, is what keeps a restarted worker from sending it twice.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    class Kind(models.TextChoices):
        SECTOR = "sector", _("sector")
        THEME = "theme", _("theme")
        COUNTRY = "country", _("country")
        TARGET = "target", _("target group")
        ORGANISATION = "organisation", _("organisation")
        THREAD = "thread", _("thread")
        ROOM = "room", _("room")
        EVENT = "event", _("event")
        SEARCH = "search", _("saved search")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # Slug, country code or id; for a saved search, the page it searches
    # ("practices" for the repository listing).
    value = models.CharField(max_length=200)
    # Saved searches only: the listing's normalised query string.
    query = models.CharField(max_length=2000, blank=True, default="")
    label = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["kind", "label", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "value", "query"],
                name="notifications_one_follow",
            )
        ]
        indexes = [models.Index(fields=["kind", "value"], name="notif_follow_target")]

    def __str__(self):
        return f"{self.user_id} follows {self.kind}:{self.value}{self.query}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        PRACTICE = "practice", _("New practices you follow")
        REPLY = "reply", _("Replies in threads you follow")
        ROOM = "room", _("Activity in rooms you follow")
        MENTION = "mention", _("Mentions of you")
        REVIEW = "review", _("Reviews of your practices")
        SEAT = "seat", _("Seats from the waiting list")
        BOOKING = "booking", _("Counselling bookings")
        EVENT = "event", _("New events you follow")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    key = models.CharField(max_length=120)
    # Stored in the words the trigger gave (titles are content, not UI strings);
    # the verb is rendered from `kind` in the reader's language.
    title = models.CharField(max_length=300)
    detail = models.CharField(max_length=300, blank=True)
    # A site path without language prefix; shown under the reader's language.
    path = models.CharField(max_length=500)
    # What the sentence says beyond the title, for this reader, stored as data
    # and written in the reader's language and time zone when shown: for a
    # booking {"role": "member"|"counsellor", "with": the other person's name,
    # "start": ISO time, "zone": the reader's time zone}.
    facts = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Since when what it is about can no longer be opened by its reader
    # (services.targets.gone); null while it can. Recorded when the list, an
    # opening or a digest finds it gone, and when what it leads to is
    # unpublished, restricted or deleted (receivers), so that unread counts
    # and digests leave it out with a plain filter.
    gone_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey(
        "Digest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], name="notifications_one_per_trigger"
            )
        ]
        indexes = [
            models.Index(
                fields=["user", "read_at"],
                name="notif_unread",
                condition=models.Q(read_at__isnull=True),
            ),
            # What a trigger's thing became: its notifications, by key (equality
            # and prefixes such as "room:<id>:").
            models.Index(
                fields=["key"], name="notif_key", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(
                fields=["user", "id"],
                name="notif_undigested",
                condition=models.Q(digest__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.kind} for {self.user_id}: {self.title}"


class Frequency(models.TextChoices):
    OFF = "off", _("Never")
    IMMEDIATE = "immediate", _("Immediately")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")


class EmailPreference(models.Model):
    """How often a member hears about one kind of notification by e-mail (a kind
    without a row gets the default of services.preferences)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(max_length=16, choices=Notification.Kind.choices)
    frequency = models.CharField(max_length=12, choices=Frequency.choices)

    class Meta:
        verbose_name = _("email preference")
        verbose_name_plural = _("email preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notifications_one_preference"
            )
        ]


class Digest(models.Model):
    """One e-mail of notifications to one member for one period ("daily:2026-11-26",
    "weekly:2026-W48", "immediate:<first notification id>")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    period = models.CharField(max_length=40)
    run = models.CharField(max_length=32, db_index=True)
    language = models.CharField(max_length=8)
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    text = models.TextField()
    html = models.TextField()
    unsubscribe_url = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period"], name="notifications_one_digest_per_period"
            )
        ]
        indexes = [
            models.Index(
                fields=["id"],
                name="notif_digest_unqueued",
                condition=models.Q(queued_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"digest {self.period} for {self.user_id}"
