"""Practice updates that could not reach Elasticsearch: remembered in
``PendingIndexUpdate`` (a save never fails for an outage) and replayed by the
next indexing task that gets through, ``search_index sync`` and ``rebuild``."""

from elasticsearch import NotFoundError

from ...documents import alias_name
from ...models import PendingIndexUpdate
from .. import results_cache
from ..client import SearchUnavailable, call
from .practice_documents import sync_page


def remember_pending(page_id, error):
    pending, created = PendingIndexUpdate.objects.get_or_create(
        page_id=page_id, defaults={"last_error": error[:300]}
    )
    if not created:
        pending.attempts += 1
        pending.last_error = error[:300]
        pending.save(update_fields=["attempts", "last_error", "updated_at"])


def replay_pending(limit=None):
    """Retry pending updates, oldest first; stops at the first outage.
    Returns (done, left)."""
    done = 0
    rows = PendingIndexUpdate.objects.order_by("created_at")
    for pending in rows[:limit] if limit else rows:
        try:
            sync_page(pending.page_id, refresh=False)
        except SearchUnavailable as exc:
            remember_pending(pending.page_id, str(exc))
            break
        PendingIndexUpdate.objects.filter(pk=pending.pk).delete()
        done += 1
    if done:
        try:
            call(lambda client: client.indices.refresh(index=alias_name()))
        except (SearchUnavailable, NotFoundError):
            pass  # visible within the refresh interval all the same
        results_cache.index_changed()
    return done, PendingIndexUpdate.objects.count()
