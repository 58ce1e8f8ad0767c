"""One function per trigger. Each runs in the task worker (tasks.py), never in the
request that caused it, and only notifies members who may see what it is about."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import translation

from ..models import Follow, Notification
from . import matching
from .inbox import notify

Kind = Notification.Kind
MENTION = re.compile(r"(?<![\w@])@([\w.+-]{1,150})")
MAX_MENTIONS = 20


def page_path(page):
    """A page's path in the default language (no prefix), whatever the worker's
    active language; Notification.path is re-prefixed for each reader."""
    with translation.override(settings.LANGUAGE_CODE):
        return urlsplit(page.get_url() or "/").path


def practice_published(page_id):
    return _tell_of_practice(page_id, matching.practice_followers)


def practice_indexed(page_id):
    """A published practice is in the search index: members whose saved
    /search/ permalink finds it hear of it (once: the key is the publish
    trigger's, so a member who also follows its sector is told one time)."""
    return _tell_of_practice(page_id, matching.search_followers)


def _tell_of_practice(page_id, followers):
    """Notify ``followers(page)`` (not its author) of a visible practice; one
    key per practice, so whichever trigger comes second tells nobody twice."""
    page = matching.visible_practice(page_id)
    if page is None:
        return []
    users = followers(page)
    users.discard(page.submitted_by_id)
    return notify(
        users,
        kind=Kind.PRACTICE,
        key=f"practice:{page.pk}",
        title=page.title,
        path=page_path(page),
    )


def event_published(page_id):
    from events.models import EventPage

    event = EventPage.objects.live().public().filter(pk=page_id).first()
    if event is None:
        return []
    return notify(
        matching.event_followers(event),
        kind=Kind.EVENT,
        key=f"event:{event.pk}",
        title=event.title,
        path=page_path(event),
    )


def mentioned_users(text, exclude=None):
    """Active members named as @username in `text` (at most MAX_MENTIONS)."""
    names = list(dict.fromkeys(MENTION.findall(text or "")))[:MAX_MENTIONS]
    if not names:
        return []
    users = get_user_model().objects.filter(username__in=names, is_active=True)
    return [user for user in users if user.pk != exclude]


def thread_post_created(post_id):
    """A reply notifies the thread's followers; a mention notifies the member
    named. Hidden posts notify nobody."""
    from community.names import display_name
    from forums.models import Post

    post = Post.objects.select_related("thread", "author").filter(pk=post_id).first()
    if post is None or post.hidden_at is not None:
        return []
    thread = post.thread
    author = display_name(post.author)
    path = post.get_absolute_url()
    mentioned = {user.pk for user in mentioned_users(post.body, post.author_id)}
    followers = set(
        Follow.objects.filter(
            kind=Follow.Kind.THREAD, value=str(thread.pk), user__is_active=True
        ).values_list("user_id", flat=True)
    )
    followers.discard(post.author_id)
    # Who writes in a thread hears of the replies (unfollowing stops it until
    # they write there again), as forum members expect.
    Follow.objects.get_or_create(
        user_id=post.author_id,
        kind=Follow.Kind.THREAD,
        value=str(thread.pk),
        defaults={"label": thread.title[:300]},
    )
    notified = notify(
        mentioned,
        kind=Kind.MENTION,
        key=f"post-mention:{post.pk}",
        title=thread.title,
        detail=author,
        path=path,
    )
    is_reply = thread.posts.filter(pk__lt=post.pk).exists()
    if is_reply:
        notified += notify(
            followers - mentioned,
            kind=Kind.REPLY,
            key=f"post:{post.pk}",
            title=thread.title,
            detail=author,
            path=path,
        )
    return notified


def room_message_created(message_id):
    """A mention in a room notifies the member named if they may read the room
    (a private room's name never reaches anyone outside it)."""
    from community.names import display_name
    from forums.models import Message
    from forums.services.permissions import room_access

    message = (
        Message.objects.select_related("room", "author").filter(pk=message_id).first()
    )
    if message is None or message.state != "visible":
        return []
    room = message.room
    author = display_name(message.author)
    mentioned = [
        user
        for user in mentioned_users(message.text, message.author_id)
        if room_access(user, room).can_read
    ]
    notified = notify(
        [user.pk for user in mentioned],
        kind=Kind.MENTION,
        key=f"message-mention:{message.pk}",
        title=room.name,
        detail=author,
        path=room.get_absolute_url(),
    )
    # Followers hear of a room's activity once a day at most, and only while
    # they may still read it (a private room's membership is checked again).
    followers = (
        get_user_model()
        .objects.filter(
            is_active=True,
            follows__kind=Follow.Kind.ROOM,
            follows__value=str(room.pk),
        )
        .exclude(pk__in=[message.author_id, *(user.pk for user in mentioned)])
    )
    if room.is_private:
        followers = followers.filter(
            Q(room_memberships__room=room) | Q(pk=room.counsellor_id)
        )
    notified += notify(
        followers.values_list("pk", flat=True).distinct(),
        kind=Kind.ROOM,
        key=f"room:{room.pk}:{message.created_at.date().isoformat()}",
        title=room.name,
        path=room.get_absolute_url(),
    )
    return notified


def review_outcome(page_id, user_id, outcome, state_id):
    """A member's own practice was published or sent back for changes."""
    from practices.models import PracticePage

    page = PracticePage.objects.filter(pk=page_id).first()
    if page is None:
        return []
    if outcome == "published":
        path = page_path(page) if page.live else "/practices/mine/"
        title = page.title
    else:
        path = "/practices/mine/"
        title = page.get_latest_revision_as_object().title
    return notify(
        [user_id],
        kind=Kind.REVIEW,
        key=f"review:{state_id}:{outcome}",
        title=title,
        detail=outcome,
        path=path,
    )


def seat_promoted(registration_id):
    """A registration moved from the waiting list into a seat: its member (the
    account with that confirmed e-mail address) hears about it in the site too."""
    from allauth.account.models import EmailAddress

    from events.models import Registration

    registration = (
        Registration.objects.select_related("event")
        .filter(pk=registration_id, status=Registration.Status.CONFIRMED)
        .first()
    )
    if registration is None:
        return []
    users = EmailAddress.objects.filter(
        email__iexact=registration.email, verified=True, user__is_active=True
    ).values_list("user_id", flat=True)
    return notify(
        users,
        kind=Kind.SEAT,
        key=f"seat:{registration.pk}",
        title=registration.event.title,
        path=page_path(registration.event),
    )


def booking_changed(booking_id, change, stamp, user_ids, title, path):
    """A counselling booking was made, moved or cancelled (counselling app);
    `stamp` tells two changes of the same kind apart. Each of the two people
    reads who the session is with and when, in their own time zone (the
    member's: the one they booked in; the counsellor's: their profile's)."""
    from community.names import display_name
    from counselling.models import Booking

    key = f"booking:{booking_id}:{change}:{stamp}"[:120]
    booking = (
        Booking.objects.select_related("counsellor__user", "member")
        .filter(pk=booking_id)
        .first()
    )
    readers = {}
    if booking is not None:
        start = booking.start.isoformat()
        counsellor = booking.counsellor
        readers = {
            booking.member_id: {
                "role": "member",
                "with": counsellor.name,
                "start": start,
                "zone": booking.member_time_zone,
            },
            counsellor.user_id: {
                "role": "counsellor",
                "with": display_name(booking.member),
                "start": start,
                "zone": counsellor.time_zone,
            },
        }
    notified = []
    for user_id in sorted(set(user_ids)):
        notified += notify(
            [user_id],
            kind=Kind.BOOKING,
            key=key,
            title=title,
            detail=change,
            path=path,
            facts=readers.get(user_id),
        )
    return notified
