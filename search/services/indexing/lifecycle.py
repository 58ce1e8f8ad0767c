"""The life of the two indices: built afresh behind their alias, and checked.

Both the practices index (alias ``<prefix>-practices``) and the events-and-
organisations index (``<prefix>-directory``) are described by an
:class:`IndexKind` (alias, index body, documents, entry id, database count);
one routine, :func:`rebuild_index`, builds either: create
``<alias>-<timestamp>``, fill it in bulk, then move the alias in one atomic
``_aliases`` call and drop the old index, so searches never see an empty or
half-built index. :func:`rebuild` rebuilds both and replays pending updates;
:func:`status` compares both with the database and the code's schema
fingerprint.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from elasticsearch import NotFoundError

from ...documents import (
    alias_name,
    directory_index_body,
    practice_index_body,
    schema_fingerprint,
)
from ...models import PendingIndexUpdate
from .. import results_cache, tokens
from ..client import call
from .directory_documents import directory_count, entry_id, iter_directory_documents
from .pending import replay_pending
from .practice_documents import iter_practice_documents, practice_queryset
from .writes import bulk_index, page_id

# Seconds allowed to index administration (create, alias swap, refresh).
ADMIN_TIMEOUT = 60


@dataclass(frozen=True)
class IndexKind:
    """What :func:`rebuild_index` and :func:`alias_status` need of an index."""

    name: str  # the alias is ``<prefix>-<name>``
    body: Callable[[], dict]  # settings and mappings of a new index
    documents: Callable[[], Iterable[dict]]  # every entry, from the database
    doc_id: Callable[[dict], object]  # the entry id of a document
    database_count: Callable[[], int]  # entries the index should hold

    @property
    def alias(self):
        return alias_name(self.name)


PRACTICES = IndexKind(
    "practices",
    practice_index_body,
    iter_practice_documents,
    page_id,
    lambda: practice_queryset().count(),
)
DIRECTORY = IndexKind(
    "directory",
    directory_index_body,
    iter_directory_documents,
    entry_id,
    directory_count,
)


def create_index(client, name, body=None):
    """Create ``name`` (a practices index unless ``body`` says otherwise), ready to
    be filled in bulk."""
    body = body or practice_index_body()
    body["settings"]["refresh_interval"] = "-1"  # filled in bulk, refreshed once
    client.indices.create(
        index=name, settings=body["settings"], mappings=body["mappings"]
    )


def swap_alias(client, alias, name):
    """Open ``name`` to searches, point ``alias`` at it alone in one atomic call,
    drop the indices it pointed at before. Returns their names."""
    client.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
    client.indices.refresh(index=name)
    try:
        previous = list(client.indices.get_alias(name=alias))
    except NotFoundError:
        previous = []
    actions = [{"remove": {"index": old, "alias": alias}} for old in previous]
    actions.append({"add": {"index": name, "alias": alias, "is_write_index": True}})
    client.indices.update_aliases(actions=actions)
    for old in previous:
        client.indices.delete(index=old, ignore_unavailable=True)
    return previous


def rebuild_index(kind, progress=None, documents=None):
    """Build a fresh index of ``kind`` from the database (or from ``documents``,
    built by the caller) and swap its alias to it. Returns the new index name,
    the alias, counts and the replaced indices."""
    alias = kind.alias
    name = f"{alias}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"

    def build(client):
        # Index administration may take longer than a search may.
        client = client.options(request_timeout=ADMIN_TIMEOUT)
        create_index(client, name, kind.body())
        result = bulk_index(
            client,
            name,
            kind.documents() if documents is None else documents,
            progress=progress,
            doc_id=kind.doc_id,
        )
        return result, swap_alias(client, alias, name)

    result, previous = call(build)
    return {
        "index": name,
        "alias": alias,
        "indexed": result.indexed,
        "errors": result.errors,
        "replaced": previous,
    }


def keeping(documents, built):
    """``documents`` as they come, each also appended to ``built``: the
    documents a bulk index took, kept for the tokens (services/tokens.py)
    without building them twice."""
    for document in documents:
        built.append(document)
        yield document


def rebuild(progress=None):
    """Rebuild the practices index (``progress(n)`` as it fills), then the
    directory index; replay the updates queued meanwhile. Each practice's
    document is built once: the same documents then give the database engines'
    tokens and the concepts' weights (services/tokens.py). Returns the practices
    outcome with ``replayed``, ``pending`` and the ``directory`` outcome."""
    started = timezone.now()
    built = []
    practices = rebuild_index(
        PRACTICES, progress=progress, documents=keeping(PRACTICES.documents(), built)
    )
    tokens.rebuild(built)
    directory = rebuild_index(DIRECTORY)
    results_cache.index_changed()
    # Updates that failed before the rebuild read the database are in it now;
    # those queued while it ran are replayed against the new index.
    with transaction.atomic():
        PendingIndexUpdate.objects.filter(updated_at__lt=started).delete()
    replayed, left = replay_pending()
    return {**practices, "replayed": replayed, "pending": left, "directory": directory}


def stored_schema(client, alias):
    """The schema fingerprint the indices behind ``alias`` were built with (None
    when they disagree or carry none). Raises NotFoundError without an index."""
    mappings = client.indices.get_mapping(index=alias)
    schemas = {
        (body["mappings"].get("_meta") or {}).get("schema")
        for body in mappings.values()
    }
    return schemas.pop() if len(schemas) == 1 else None


def _index_state(client, alias):
    """(indices behind ``alias`` or None, document count, schema fingerprint)."""
    try:
        indices = list(client.indices.get_alias(name=alias))
    except NotFoundError:
        return None, 0, None
    client.indices.refresh(index=alias)
    return indices, client.count(index=alias)["count"], stored_schema(client, alias)


def alias_status(kind):
    """The index behind ``kind``'s alias against the database entries that
    should be in it."""
    alias = kind.alias

    def read(client):
        return _index_state(client.options(request_timeout=ADMIN_TIMEOUT), alias)

    indices, indexed, schema = call(read)
    database = kind.database_count()
    current = indices is not None and schema == schema_fingerprint()
    return {
        "alias": alias,
        "indices": indices,
        "indexed": indexed,
        "database": database,
        "schema_current": current,
        "in_sync": current and indexed == database,
    }


def status():
    """Document count behind the practices alias vs. live public practices in the
    database (and the same for the events-and-organisations index)."""
    practices = alias_status(PRACTICES)
    directory = alias_status(DIRECTORY)
    return {
        **practices,
        "pending": PendingIndexUpdate.objects.count(),
        "schema_current": practices["schema_current"] and directory["schema_current"],
        "in_sync": practices["in_sync"] and directory["in_sync"],
        "directory": directory,
    }
