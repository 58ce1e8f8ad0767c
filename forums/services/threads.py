"""Discussion threads, counselling requests and promotions."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from community.names import display_name

from ..models import Message, Post, Room, RoomMembership, Thread
from .errors import Forbidden, InvalidInput, NotFound
from .permissions import is_moderator, room_access

EXCERPT_MAX_MESSAGES = 50


def unique_slug(model, text, max_length=200):
    base = slugify(text)[: max_length - 8] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def create_thread(user, title, body, *, source_room=None):
    if not user.is_authenticated:
        raise Forbidden(_("Sign in to start a thread."))
    now = timezone.now()
    with transaction.atomic():
        thread = Thread.objects.create(
            title=title,
            slug=unique_slug(Thread, title),
            author=user,
            source_room=source_room,
            created_at=now,
            last_activity_at=now,
        )
        Post.objects.create(thread=thread, author=user, body=body, created_at=now)
    return thread


def reply(user, thread, body, parent_id=None, client_id=None):
    """Add a reply; the same `client_id` again (a resubmitted form) returns the
    reply stored the first time instead of storing it twice."""
    if not user.is_authenticated:
        raise Forbidden(_("Sign in to reply."))
    earlier = _stored_reply(user, thread, client_id)
    if earlier is not None:
        return earlier
    parent = None
    if parent_id:
        parent = Post.objects.filter(pk=parent_id, thread=thread).first()
        if parent is None:
            raise NotFound(_("The post you replied to no longer exists."))
    now = timezone.now()
    try:
        with transaction.atomic():
            post = Post.objects.create(
                thread=thread,
                author=user,
                body=body,
                parent=parent,
                created_at=now,
                client_id=client_id,
            )
            Thread.objects.filter(pk=thread.pk).update(last_activity_at=now)
    except IntegrityError:  # the same reply twice at once
        earlier = _stored_reply(user, thread, client_id)
        if earlier is None:
            raise
        return earlier
    return post


def _stored_reply(user, thread, client_id):
    if client_id is None:
        return None
    return Post.objects.filter(thread=thread, author=user, client_id=client_id).first()


def create_counselling_room(user, topic, description, invitees, counsellor=None):
    """A private room on `topic` with the people `user` invites (and a counsellor)."""
    if not user.is_authenticated:
        raise Forbidden(_("Sign in to ask for counselling."))
    with transaction.atomic():
        room = Room.objects.create(
            name=topic,
            slug=unique_slug(Room, f"counselling {topic}"),
            description=description,
            kind=Room.Kind.PRIVATE,
            topic=topic,
            counsellor=counsellor,
            created_by=user,
        )
        people = {user.pk: user, **{u.pk: u for u in invitees}}
        RoomMembership.objects.bulk_create(
            [
                RoomMembership(room=room, user=person, invited_by=user)
                for person in people.values()
            ]
        )
        if counsellor is not None:
            RoomMembership.objects.update_or_create(
                room=room,
                user=counsellor,
                defaults={"role": RoomMembership.Role.COUNSELLOR, "invited_by": user},
            )
    return room


def counsellor_choices():
    User = get_user_model()
    return (
        User.objects.filter(is_active=True, groups__name__in=["Counsellors"])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def users_by_username(usernames):
    """Resolve usernames; returns (users, unknown names)."""
    User = get_user_model()
    wanted = {n for n in usernames if n}
    found = {
        u.username: u for u in User.objects.filter(username__in=wanted, is_active=True)
    }
    return list(found.values()), sorted(wanted - set(found))


def promote_excerpt(user, room, message_ids, title):
    """Start a public thread quoting a chat excerpt from an open room."""
    access = room_access(user, room)
    if room.is_private:
        raise Forbidden(_("Excerpts of private counselling rooms stay private."))
    if not access.can_write:
        raise Forbidden()
    ids = sorted({int(i) for i in message_ids})[:EXCERPT_MAX_MESSAGES]
    messages = list(
        Message.objects.filter(
            room=room, pk__in=ids, hidden_at__isnull=True, deleted_at__isnull=True
        ).select_related("author")
    )
    if not messages:
        raise InvalidInput(_("Choose at least one message to promote."))
    quote = "\n\n".join(
        f"{display_name(m.author) if m.author else _('former member')}: {m.text}"
        for m in messages
    )
    body = _("Excerpt from the room “%(room)s”:") % {"room": room.name} + "\n\n" + quote
    return create_thread(user, title, body, source_room=room)


def can_promote_thread(user, thread):
    return user.is_authenticated and (thread.author_id == user.pk or is_moderator(user))


def promote_thread_to_practice(user, thread, *, summary, content_language, country):
    """Create a draft PracticePage from the thread and start its review workflow.

    Returns the page. Raises NotFound when the practice repository does not exist."""
    from practices.models import PracticeIndexPage, PracticePage

    if not can_promote_thread(user, thread):
        raise Forbidden(_("Only the author of the thread or a moderator can do this."))
    index = PracticeIndexPage.objects.first()
    if index is None:
        raise NotFound(_("The good-practice repository is not set up yet."))
    body = []
    for post in thread.posts.select_related("author").filter(hidden_at__isnull=True):
        author = display_name(post.author) if post.author else _("former member")
        body.append(("heading", {"text": author, "level": "h3"}))
        for paragraph in post.body.split("\n\n"):
            if paragraph.strip():
                body.append(("paragraph", _paragraph_html(paragraph)))
    with transaction.atomic():
        page = PracticePage(
            title=thread.title,
            slug=_unique_child_slug(index, thread.title),
            summary=Truncator(summary).chars(600),
            content_language=content_language,
            country=country,
            submitted_by=user,
            live=False,
        )
        page.body = body
        index.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user)
        # Without a workflow the page simply stays a draft for editors to review.
        # Saved (not updated): the thread's cached pages say it is in review.
        thread.promoted_practice = page
        thread.save(update_fields=["promoted_practice"])
    return page


def _paragraph_html(text):
    from django.utils.html import escape

    return "<p>" + escape(text.strip()).replace("\n", "<br>") + "</p>"


def _unique_child_slug(parent, title):
    base = slugify(title)[:200] or "practice"
    slug, n = base, 2
    while parent.get_children().filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def hide_post(user, thread, post_id):
    """Moderators hide a post; it is kept and shown as hidden by a moderator."""
    if not is_moderator(user):
        raise Forbidden(_("Only moderators can hide posts."))
    post = Post.objects.filter(pk=post_id, thread=thread).first()
    if post is None:
        raise NotFound(_("This post does not exist."))
    if post.hidden_at is None:
        post.hidden_at = timezone.now()
        post.save(update_fields=["hidden_at"])
    return post


def address(slug):
    """A thread's address without a language prefix (English's)."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("forums:thread_detail", kwargs={"slug": slug})


def redirect_old_address(sender, instance, created=False, **kwargs):
    """A renamed thread's old address answers 301 to the new one, as a page's
    does after a slug change: a Wagtail redirect (listed under Settings >
    Redirects, followed under every language prefix by vetnet/redirects.py).
    Redirects made by earlier renames follow to the new address; one from the
    new address (a thread renamed back) goes."""
    old_slug = getattr(instance, "renamed_from", None)
    if created or not old_slug:
        return
    from wagtail.contrib.redirects.models import Redirect

    old, new = address(old_slug), address(instance.slug)
    Redirect.objects.filter(old_path=Redirect.normalise_path(new)).delete()
    Redirect.objects.filter(redirect_link=old).update(redirect_link=new)
    Redirect.objects.filter(old_path=Redirect.normalise_path(old)).delete()
    Redirect.add_redirect(old, redirect_to=new, is_permanent=True)
