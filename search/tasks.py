"""Index maintenance off the request path: tasks the worker runs (``db_worker``).

``sync_practice`` is enqueued when the transaction that published, unpublished,
moved or deleted a practice commits. It stores the practice's pre-analysed tokens
for the database engines (services/tokens.py), whether or not Elasticsearch is
configured, then its document in Elasticsearch. During an Elasticsearch outage the page is
recorded in ``PendingIndexUpdate`` and the task fails and retries itself with
back-off (:mod:`vetnet.tasks`), so the index catches up once Elasticsearch is
back; the first sync that reaches it also replays the other pending pages, as do
``manage.py search_index sync`` and ``search_index rebuild``.

``sync_directory`` does the same for one event (published, unpublished, moved or
deleted) or organisation (saved or deleted) in the events-and-organisations index,
retrying with back-off; ``search_index rebuild`` reads every event and
organisation afresh.
"""

import logging

from vetnet.tasks import retrying_task

from .documents import alias_name
from .services import tokens
from .services.client import SearchUnavailable, is_configured
from .services.indexing.directory_documents import sync_directory_entry
from .services.indexing.pending import remember_pending, replay_pending
from .services.indexing.practice_documents import practice_document_of
from .services.indexing.writes import put_or_remove
from .signals import practice_indexed

logger = logging.getLogger(__name__)

# A healthy task also retries this many older pending updates.
REPLAY_BATCH = 50


@retrying_task(retry_on=(SearchUnavailable,))
def sync_practice(page_id):
    # One document, analysed once: its tokens for the database engines, then
    # the document itself for Elasticsearch.
    document = practice_document_of(page_id)
    tokens.store(page_id, document)
    if not is_configured():
        _indexed(page_id, document)
        return "not-configured"
    try:
        outcome = put_or_remove(alias_name(), page_id, document)
    except SearchUnavailable as exc:
        logger.warning("search: page %s not indexed, kept pending: %s", page_id, exc)
        remember_pending(page_id, str(exc))
        raise
    from .models import PendingIndexUpdate

    PendingIndexUpdate.objects.filter(page_id=page_id).delete()
    _indexed(page_id, document)
    if PendingIndexUpdate.objects.exists():
        replay_pending(limit=REPLAY_BATCH)
    return outcome


def _indexed(page_id, document):
    """Tell who listens that the practice is searchable now; a listener's
    failure is logged and never fails (nor retries) the indexing."""
    if document is None:
        return
    for receiver, result in practice_indexed.send_robust(sender=None, page_id=page_id):
        if isinstance(result, Exception):
            logger.error(
                "search: %r failed on indexed page %s: %r", receiver, page_id, result
            )


@retrying_task(retry_on=(SearchUnavailable,))
def sync_directory(kind, object_id):
    if not is_configured():
        return "not-configured"
    return sync_directory_entry(kind, object_id)
