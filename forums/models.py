"""Peer-counselling rooms (real-time, see consumers.py) and discussion threads.

Rooms are open to every member, or private counselling rooms whose members were
invited by the person who asked for counselling. Messages live in the database;
the channel layer only fans them out. A hidden message is kept (moderation log)
and shown to everyone as "hidden by a moderator".
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX_LENGTH = 4000
POST_MAX_LENGTH = 20000


def posts_per_page():
    """Posts on one page of a thread (settings.FORUMS_POSTS_PER_PAGE)."""
    return max(1, int(getattr(settings, "FORUMS_POSTS_PER_PAGE", 20)))


class Room(models.Model):
    class Kind(models.TextChoices):
        OPEN = "open", _("Open to all members")
        PRIVATE = "private", _("Private counselling room")

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=180, unique=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.OPEN
    )
    anonymous_can_read = models.BooleanField(
        _("visitors without an account can read"),
        default=False,
        help_text=_("Only for open rooms. Visitors can never write."),
    )
    topic = models.CharField(_("counselling topic"), max_length=200, blank=True)
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="counselled_rooms",
        verbose_name=_("counsellor"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="created_rooms",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="RoomMembership",
        through_fields=("room", "user"),
        related_name="forum_rooms",
        blank=True,
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        permissions = [
            ("moderate_forums", _("Can moderate rooms and threads")),
        ]

    def __str__(self):
        return self.name

    @property
    def is_private(self):
        return self.kind == self.Kind.PRIVATE

    def get_absolute_url(self):
        return reverse("forums:room", kwargs={"slug": self.slug})


class RoomMembership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        COUNSELLOR = "counsellor", _("counsellor")

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="room_memberships",
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("room membership")
        verbose_name_plural = _("room memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["room", "user"], name="forums_one_membership_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user} in {self.room}"


class Message(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_messages",
    )
    # Plain text as typed; escaped wherever it is shown (templates, textContent).
    text = models.TextField(_("text"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.CharField(max_length=300, blank=True)
    # Made by the client when the message is composed and kept across resends:
    # a resend whose acknowledgement was lost (a server died) finds this row
    # instead of storing the message twice.
    client_id = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["room", "-id"], name="forums_msg_room_id")]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "author", "client_id"],
                condition=models.Q(client_id__isnull=False),
                name="forums_msg_once_per_client_id",
            )
        ]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"#{self.pk} in {self.room_id}"

    @property
    def state(self):
        if self.hidden_at:
            return "hidden"
        if self.deleted_at:
            return "deleted"
        return "visible"


class MessageFlag(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("message flag")
        verbose_name_plural = _("message flags")
        constraints = [
            models.UniqueConstraint(
                fields=["message", "flagged_by"], name="forums_one_flag_per_user"
            )
        ]


class ModerationAction(models.Model):
    """The moderation log: who hid what, when and why (the message stays)."""

    class Action(models.TextChoices):
        HIDE = "hide", _("hidden")
        UNHIDE = "unhide", _("shown again")

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="moderation_actions"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        ordering = ["-created_at"]


class Thread(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_threads",
    )
    source_room = models.ForeignKey(
        Room,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="promoted_threads",
        help_text=_("The room a chat excerpt was promoted from"),
    )
    promoted_practice = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-last_activity_at"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        thread = super().from_db(db, field_names, values)
        thread._stored_slug = thread.__dict__.get("slug")
        return thread

    def save(self, *args, **kwargs):
        """`renamed_from`: the slug the thread had before this save when it
        changed (an editor's rename), read by what follows the save (its old
        address purged from the front cache and redirected)."""
        stored = getattr(self, "_stored_slug", None)
        self.renamed_from = stored if stored and stored != self.slug else None
        super().save(*args, **kwargs)
        self._stored_slug = self.slug

    def get_absolute_url(self):
        return reverse("forums:thread_detail", kwargs={"slug": self.slug})

    def page_url(self, number):
        """The address of one page of the thread (the first has no ?page=)."""
        url = self.get_absolute_url()
        return url if number <= 1 else f"{url}?page={number}"


class Post(models.Model):
    """A post in a thread; `parent` makes it a reply to another post."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_posts",
    )
    body = models.TextField(_("text"), max_length=POST_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    # Made when the reply form is shown: the same reply submitted again (a lost
    # answer, a double click) is stored once (see Message.client_id).
    client_id = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "author", "client_id"],
                condition=models.Q(client_id__isnull=False),
                name="forums_post_once_per_client_id",
            )
        ]

    def get_absolute_url(self):
        """The post on the page of its thread that shows it (the id in
        templates/forums/_post.html): one query to count the posts before it."""
        return f"{self.thread.page_url(self.page_number())}#p{self.pk}"

    def page_number(self):
        """The page of its thread this post is on (posts_per_page() a page, in
        the order they were written; hidden posts keep their place)."""
        earlier = Post.objects.filter(
            models.Q(created_at__lt=self.created_at)
            | models.Q(created_at=self.created_at, pk__lt=self.pk),
            thread_id=self.thread_id,
        ).count()
        return earlier // posts_per_page() + 1

    def __str__(self):
        return f"post #{self.pk} in {self.thread_id}"
