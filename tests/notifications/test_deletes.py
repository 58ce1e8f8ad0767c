"""Deleting: many notifications at once take one query, and a deleted page
still marks the notifications that led to it."""

import pytest
from django.urls import get_resolver

from notifications.models import Notification
from notifications.services import follows
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [3, 250])
def test_deleting_notifications_in_bulk_is_one_query(
    member, count, django_assert_num_queries
):
    """Clearing a member's notifications (or pruning old ones) is one DELETE
    whatever their number: nothing listens to their deletion, so they are not
    loaded and signalled one by one (a SELECT of them all, then a DELETE per
    hundred)."""
    # As in every serving process: the URLs built, Wagtail's admin viewsets
    # registered (with what they register to listen to).
    get_resolver().url_patterns  # noqa: B018
    Notification.objects.bulk_create(
        Notification(
            user=member, kind="practice", key=f"practice:{n}", title="t", path="/"
        )
        for n in range(count)
    )
    with django_assert_num_queries(1):
        assert Notification.objects.filter(user=member).delete()[0] == count


def test_a_deleted_practice_marks_its_notifications_gone(
    member, practice_index, django_capture_on_commit_callbacks, enqueued
):
    """Deleting a practice (a page of its own class, whose Page row goes too)
    leaves its notification 'no longer available', checked once."""
    follows.follow(member, "sector", "construction")
    with django_capture_on_commit_callbacks(execute=True):
        practice = PracticePageFactory(
            parent=practice_index, title="Deleted practice", sectors=["construction"]
        )
    note = Notification.objects.get(user=member, title="Deleted practice")
    assert note.gone_at is None
    enqueued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        type(practice).objects.get(pk=practice.pk).delete()
    note.refresh_from_db()
    assert note.gone_at is not None
    assert enqueued.count("notifications.tasks.recheck") == 1
