"""Index maintenance off the request path (django_tasks).

``sync_practice`` runs after the transaction that published, unpublished, moved or
deleted a practice has committed. It never raises for an Elasticsearch outage: the
page is recorded in ``PendingIndexUpdate`` and retried by the next indexing task
that reaches Elasticsearch, by ``manage.py search_index sync`` and by
``search_index rebuild``.

``sync_directory`` does the same for one event (published, unpublished, moved or
deleted) or organisation (saved or deleted) in the events-and-organisations index.
During an outage it only logs: the save has succeeded, and the next
``search_index rebuild`` reads every event and organisation afresh.
"""

import logging

from django_tasks import task

from .services.client import SearchUnavailable, is_configured
from .services.indexing.directory_documents import sync_directory_entry
from .services.indexing.pending import remember_pending, replay_pending
from .services.indexing.practice_documents import sync_page

logger = logging.getLogger(__name__)

# A healthy task also retries this many older pending updates.
REPLAY_BATCH = 50


@task()
def sync_practice(page_id):
    if not is_configured():
        return "not-configured"
    try:
        outcome = sync_page(page_id)
    except SearchUnavailable as exc:
        logger.warning("search: page %s not indexed, kept pending: %s", page_id, exc)
        remember_pending(page_id, str(exc))
        return "pending"
    from .models import PendingIndexUpdate

    PendingIndexUpdate.objects.filter(page_id=page_id).delete()
    if PendingIndexUpdate.objects.exists():
        replay_pending(limit=REPLAY_BATCH)
    return outcome


@task()
def sync_directory(kind, object_id):
    if not is_configured():
        return "not-configured"
    try:
        return sync_directory_entry(kind, object_id)
    except SearchUnavailable as exc:
        logger.warning(
            "search: %s %s not indexed; the next search_index rebuild picks it up: %s",
            kind,
            object_id,
            exc,
        )
        return "unavailable"
