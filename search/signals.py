"""Wagtail page and model events -> an indexing task once the change is committed:
practices for the practices index, events and organisations for the directory
index."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

# Sent by the indexing task (tasks.sync_practice) once a published practice is
# searchable on every engine (its tokens stored, its Elasticsearch document
# written when Elasticsearch is configured), with ``page_id``. What the search
# finds may be matched from then on (the layers above connect to it).
practice_indexed = Signal()


def _is(instance, page_class):
    """Whether ``instance`` is a ``page_class`` page (specific or not)."""
    return isinstance(instance, page_class) or (
        getattr(instance, "specific_class", None) is page_class
    )


def enqueue_sync(page_id):
    # Always: the database engines' tokens follow the practice, with or without
    # Elasticsearch (the task stores them, then updates Elasticsearch if set).
    from .tasks import sync_practice

    def send():
        try:
            sync_practice.enqueue(page_id)
        except Exception:  # noqa: BLE001 - a queue outage must not break a save
            logger.exception(
                "search: could not enqueue index update of page %s", page_id
            )
            from .services.indexing.pending import remember_pending

            remember_pending(page_id, "task queue unavailable")

    transaction.on_commit(send)


def enqueue_directory(kind, object_id):
    from .services.client import is_configured
    from .tasks import sync_directory

    if not is_configured():
        return

    def send():
        try:
            sync_directory.enqueue(kind, object_id)
        except Exception:  # noqa: BLE001 - a queue outage must not break a save
            logger.exception(
                "search: could not enqueue index update of %s %s; the next "
                "search_index rebuild picks it up",
                kind,
                object_id,
            )

    transaction.on_commit(send)


def on_page_changed(sender, instance, **kwargs):
    from events.models import EventPage
    from practices.models import PracticePage

    if _is(instance, PracticePage):
        enqueue_sync(instance.pk)
    elif _is(instance, EventPage):
        enqueue_directory("event", instance.pk)


def on_page_moved(sender, instance, **kwargs):
    """A moved practice, or a moved ancestor of practices: their URLs changed."""
    from events.models import EventPage
    from practices.models import PracticePage

    if _is(instance, PracticePage):
        enqueue_sync(instance.pk)
        return
    if _is(instance, EventPage):
        enqueue_directory("event", instance.pk)
        return
    for page_id in PracticePage.objects.descendant_of(instance).values_list(
        "pk", flat=True
    ):
        enqueue_sync(page_id)
    for page_id in EventPage.objects.descendant_of(instance).values_list(
        "pk", flat=True
    ):
        enqueue_directory("event", page_id)


def on_page_deleted(sender, instance, **kwargs):
    enqueue_sync(instance.pk)


def on_event_deleted(sender, instance, **kwargs):
    enqueue_directory("event", instance.pk)


def on_organisation_changed(sender, instance, **kwargs):
    enqueue_directory("organisation", instance.pk)


def fill_tokens(sender, using="default", **kwargs):
    """After migrate: analyse the practices once for the database engines when
    none are stored yet (a database made before them, or restored without),
    or count their statistics and postings when only those are missing."""
    from django.db import connection

    from practices.models import PracticePage

    from .models import FieldStatistic, PracticeTokens, TokenPostings
    from .services import statistics, tokens
    from .services.indexing.practice_documents import iter_practice_documents

    if using != "default":
        return
    if PracticeTokens.objects.exists():
        missing = not FieldStatistic.objects.exists() or (
            statistics.uses_postings()
            and TokenPostings._meta.db_table in connection.introspection.table_names()
            and not TokenPostings.objects.exists()
        )
        if missing:  # e.g. the postings table a migration added
            statistics.rebuild()
        return
    if PracticePage.objects.live().exists():
        tokens.rebuild(iter_practice_documents())


def connect():
    from community.models import Organisation
    from events.models import EventPage
    from practices.models import PracticePage

    page_published.connect(on_page_changed, dispatch_uid="search-published")
    page_unpublished.connect(on_page_changed, dispatch_uid="search-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search-moved")
    post_delete.connect(
        on_page_deleted, sender=PracticePage, dispatch_uid="search-deleted"
    )
    post_delete.connect(
        on_event_deleted, sender=EventPage, dispatch_uid="search-event-deleted"
    )
    post_save.connect(
        on_organisation_changed, sender=Organisation, dispatch_uid="search-org-saved"
    )
    post_delete.connect(
        on_organisation_changed,
        sender=Organisation,
        dispatch_uid="search-org-deleted",
    )
