"""What a publish or an unpublish has checked again: nothing for a publish
that brings nothing back, and a large fan-out weighed in batches."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import Notification
from notifications.services import follows, targets
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

RECHECK_PAGES = "notifications.tasks.recheck_pages"


@pytest.fixture
def followed(member, publish, enqueued):
    """A practice the member follows, published: one notification."""
    follows.follow(member, "sector", "construction")
    return publish(title="Followed practice", sectors=["construction"])


def test_a_publish_that_brings_nothing_back_enqueues_no_recheck(
    member, followed, enqueued, django_capture_on_commit_callbacks
):
    assert RECHECK_PAGES not in enqueued  # the first publish
    followed.title = "Edited practice"
    with django_capture_on_commit_callbacks(execute=True):
        followed.save_revision().publish()
    assert RECHECK_PAGES not in enqueued

    # Unpublished: the notification is gone; published again: it is back.
    note = Notification.objects.get(user=member)
    with django_capture_on_commit_callbacks(execute=True):
        followed.unpublish()
    note.refresh_from_db()
    assert note.gone_at is not None
    enqueued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        followed.save_revision().publish()
    assert enqueued.count(RECHECK_PAGES) == 1
    note.refresh_from_db()
    assert note.gone_at is None


def test_an_unpublish_weighs_a_fan_out_in_batches(
    member, followed, monkeypatch, django_capture_on_commit_callbacks
):
    """Five followers' notifications, two at a time: three loads, all five
    marked gone."""
    for _ in range(4):
        Notification.objects.create(
            user=MemberFactory(),
            kind="practice",
            key=f"practice:{followed.pk}",
            title="Followed practice",
            path=followed.url,
        )
    monkeypatch.setattr(targets, "RECHECK_BATCH", 2, raising=False)
    with CaptureQueriesContext(connection) as queries:
        with django_capture_on_commit_callbacks(execute=True):
            followed.unpublish()
    loads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "notifications_notification"."id"')
        and "LIMIT" in q["sql"]
    ]
    assert len(loads) == 3
    assert not Notification.objects.filter(gone_at__isnull=True).exists()
    assert Notification.objects.count() == 5
