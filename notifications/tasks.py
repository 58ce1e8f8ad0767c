"""The notifications' background work: every trigger and every digest run is a
task, so a publish or a reply never waits for fan-out or e-mail."""

from django_tasks import task

from .services import digests, targets, triggers


def _notify_then_mail(trigger, *args):
    """Run a trigger; members who want e-mail at once get it in a task of its own."""
    notified = trigger(*args)
    if notified:
        send_immediate.enqueue()
    return len(notified)


@task()
def practice_published(page_id):
    return _notify_then_mail(triggers.practice_published, page_id)


@task()
def practice_indexed(page_id):
    return _notify_then_mail(triggers.practice_indexed, page_id)


@task()
def event_published(page_id):
    return _notify_then_mail(triggers.event_published, page_id)


@task()
def thread_post_created(post_id):
    return _notify_then_mail(triggers.thread_post_created, post_id)


@task()
def room_message_created(message_id):
    return _notify_then_mail(triggers.room_message_created, message_id)


@task()
def review_outcome(page_id, user_id, outcome, state_id):
    return _notify_then_mail(
        triggers.review_outcome, page_id, user_id, outcome, state_id
    )


@task()
def seat_promoted(registration_id):
    return _notify_then_mail(triggers.seat_promoted, registration_id)


@task()
def booking_changed(booking_id, change, stamp, user_ids, title, path):
    return _notify_then_mail(
        triggers.booking_changed, booking_id, change, stamp, user_ids, title, path
    )


@task()
def send_immediate():
    """E-mail the notifications of members who want them at once."""
    return digests.run("immediate")


@task()
def send_digests(frequency):
    """The daily or weekly digests (manage.py send_digests, run by a timer)."""
    return digests.run(frequency)


@task()
def recheck_pages(page_ids, known_gone=None):
    """Pages published (``known_gone``: only what was gone can come back),
    unpublished (False: only what was there can go) or restricted (None):
    record which notifications about them, and what lies below them, their
    readers can open."""
    return targets.recheck(
        targets.about_pages(page_ids).values_list("pk", flat=True),
        known_gone=known_gone,
    )


@task()
def recheck(notification_ids):
    """What these notifications lead to was deleted: record it."""
    return targets.recheck(notification_ids)
