"""Signals of the apps below -> a notifications task once the change is committed.

Lower apps never import this one: they send signals (Wagtail's page and workflow
signals, post_save of forum posts and messages, events.signals,
counselling.signals) and this module connects to them.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

logger = logging.getLogger(__name__)


def _enqueue(task, *args):
    """Enqueue `task` after the commit; a queue outage is logged, never raised
    into the save that triggered it."""

    def send():
        try:
            task.enqueue(*args)
        except Exception:  # noqa: BLE001 - a queue outage must not break a save
            logger.exception("notifications: could not enqueue %s%r", task.name, args)

    transaction.on_commit(send)


def on_page_published(sender, instance, **kwargs):
    from events.models import EventPage
    from practices.models import PracticePage

    from . import tasks

    page_class = getattr(instance, "specific_class", type(instance))
    if issubclass(page_class, PracticePage):
        _enqueue(tasks.practice_published, instance.pk)
    elif issubclass(page_class, EventPage):
        _enqueue(tasks.event_published, instance.pk)


def on_practice_indexed(sender, page_id, **kwargs):
    """search.signals.practice_indexed (in the indexing task): saved /search/
    permalinks are matched now that the search can find the practice."""
    from . import tasks

    _enqueue(tasks.practice_indexed, page_id)


def _review(instance, user, outcome):
    from practices.models import PracticePage

    from . import tasks

    member = instance.requested_by
    page = instance.content_object
    if member is None or member == user or page is None:
        return
    if not issubclass(page.specific_class, PracticePage):
        return
    _enqueue(tasks.review_outcome, page.pk, member.pk, outcome, instance.pk)


def on_workflow_approved(sender, instance, user=None, **kwargs):
    _review(instance, user, "published")


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    _review(instance, user, "changes_requested")


def on_post_saved(sender, instance, created=False, raw=False, **kwargs):
    from . import tasks

    if created and not raw:
        _enqueue(tasks.thread_post_created, instance.pk)


def on_message_saved(sender, instance, created=False, raw=False, **kwargs):
    from . import tasks

    if not created or raw:
        return
    from .models import Follow

    # A message in a followed room, or one naming someone: a task. Most chat
    # messages are neither and cost one indexed EXISTS here.
    if (
        "@" in instance.text
        or Follow.objects.filter(
            kind=Follow.Kind.ROOM, value=str(instance.room_id)
        ).exists()
    ):
        _enqueue(tasks.room_message_created, instance.pk)


def on_seat_promoted(sender, registration, **kwargs):
    from . import tasks

    _enqueue(tasks.seat_promoted, registration.pk)


def on_booking_changed(sender, booking, change, **kwargs):
    """counselling.signals.booking_changed: the member and the counsellor hear
    about a booking, a move, a cancellation or a refusal, and open the booking
    (both may read it, whatever became of it)."""
    from vetnet.site import reverse_in

    from . import tasks

    counsellor = getattr(booking, "counsellor", None)
    users = [booking.member_id, getattr(counsellor, "user_id", None)]
    _enqueue(
        tasks.booking_changed,
        booking.pk,
        change,
        timezone.now().isoformat(),
        [user_id for user_id in users if user_id],
        booking.topic,
        # Unprefixed: Notification.path is re-prefixed for each reader.
        reverse_in(None, "counselling:booking", kwargs={"pk": booking.pk}),
    )


# What a notification leads to can go: a page unpublished, restricted or
# deleted, a post or a room deleted, a reader leaving a private room, a booking
# deleted. Each such change has a task record it on the notifications about it
# (targets.recheck), so that the header's count and the digests leave them out
# with a plain filter. Deletions name the notifications before the rows go.


def _recheck_pages(page_ids, known_gone=None):
    from . import tasks

    _enqueue(tasks.recheck_pages, sorted(page_ids), known_gone)


def _recheck(notifications):
    from . import tasks

    ids = list(notifications.filter(read_at__isnull=True).values_list("pk", flat=True))
    if ids:
        _enqueue(tasks.recheck, ids)


def on_page_back(sender, instance, **kwargs):
    """Published: what was recorded gone may be back. Most publishes (a new
    practice, an edit) follow no unpublish: one EXISTS finds nothing gone
    about the page, and no task is enqueued."""
    from .services import targets

    if targets.any_gone_about([instance.pk]):
        _recheck_pages([instance.pk], True)


def on_page_unpublished(sender, instance, **kwargs):
    _recheck_pages([instance.pk], False)


def on_restriction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _recheck_pages([instance.page_id])


def on_page_deleted(sender, instance, **kwargs):
    """Page's pre_delete: sent once for every page deleted (whatever its class,
    its base row goes too), and for each page below it."""
    from .services import targets

    _recheck(targets.about_pages([instance.pk]))


def on_thread_deleted(sender, instance, **kwargs):
    from .services import targets

    _recheck(targets.about_posts(instance.posts.values_list("pk", flat=True)))


def on_post_deleted(sender, instance, origin=None, **kwargs):
    from forums.models import Thread

    from .services import targets

    if not isinstance(origin, Thread):  # a whole thread: on_thread_deleted
        _recheck(targets.about_posts([instance.pk]))


def on_room_deleted(sender, instance, **kwargs):
    from .services import targets

    _recheck(targets.about_room(instance.pk))


def on_membership_deleted(sender, instance, origin=None, **kwargs):
    from forums.models import Room

    from .services import targets

    if not isinstance(origin, Room):  # a whole room: on_room_deleted
        _recheck(targets.about_room(instance.room_id, instance.user_id))


def on_booking_deleted(sender, instance, **kwargs):
    from .services import targets

    _recheck(targets.about_booking(instance.pk))


def connect_gone():
    from django.db.models.signals import post_delete, pre_delete
    from wagtail.models import Page, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished

    from counselling.models import Booking
    from forums.models import Post, Room, RoomMembership, Thread

    page_published.connect(on_page_back, dispatch_uid="notifications-gone-pub")
    page_unpublished.connect(
        on_page_unpublished, dispatch_uid="notifications-gone-unpub"
    )
    for signal, uid in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"notifications-gone-restriction-{uid}",
        )
    # A page of any class deletes its Page row too, which sends its own
    # pre_delete. Every receiver here names its sender: one listening to all
    # makes Django load and signal each row of every bulk delete.
    pre_delete.connect(
        on_page_deleted, sender=Page, dispatch_uid="notifications-gone-page"
    )
    pre_delete.connect(
        on_thread_deleted, sender=Thread, dispatch_uid="notifications-gone-thread"
    )
    pre_delete.connect(
        on_post_deleted, sender=Post, dispatch_uid="notifications-gone-post"
    )
    pre_delete.connect(
        on_room_deleted, sender=Room, dispatch_uid="notifications-gone-room"
    )
    post_delete.connect(
        on_membership_deleted,
        sender=RoomMembership,
        dispatch_uid="notifications-gone-membership",
    )
    pre_delete.connect(
        on_booking_deleted, sender=Booking, dispatch_uid="notifications-gone-booking"
    )


def connect():
    from wagtail.models import WorkflowState
    from wagtail.signals import page_published, workflow_approved, workflow_rejected

    from events.signals import seat_promoted
    from forums.models import Message, Post
    from search.signals import practice_indexed

    connect_gone()
    page_published.connect(on_page_published, dispatch_uid="notifications-published")
    workflow_approved.connect(
        on_workflow_approved,
        sender=WorkflowState,
        dispatch_uid="notifications-review-approved",
    )
    workflow_rejected.connect(
        on_workflow_rejected,
        sender=WorkflowState,
        dispatch_uid="notifications-review-rejected",
    )
    post_save.connect(on_post_saved, sender=Post, dispatch_uid="notifications-post")
    post_save.connect(
        on_message_saved, sender=Message, dispatch_uid="notifications-message"
    )
    seat_promoted.connect(on_seat_promoted, dispatch_uid="notifications-seat")
    practice_indexed.connect(
        on_practice_indexed, dispatch_uid="notifications-practice-indexed"
    )
    try:  # counselling lands on main in parallel with this app
        from counselling.signals import booking_changed
    except ImportError:
        logger.debug("notifications: no counselling app, bookings not followed")
    else:
        booking_changed.connect(
            on_booking_changed, dispatch_uid="notifications-booking"
        )
