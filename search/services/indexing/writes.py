"""Documents written behind an alias: one entry, or many with the bulk API."""

import logging
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from elasticsearch import NotFoundError, helpers

from .. import results_cache
from ..client import call

logger = logging.getLogger(__name__)


def put_or_remove(alias, doc_id, document, refresh=True):
    """Write ``document`` under ``doc_id`` behind ``alias``, or remove the entry
    when ``document`` is None. Returns "indexed", "removed", "absent" (nothing to
    remove) or "no-index" (no index behind the alias yet: the next rebuild builds
    one from the database). Raises SearchUnavailable when Elasticsearch cannot
    be reached.

    ``refresh=True``: the change is searchable when this returns (pages are
    published a few at a time, so a refresh each costs little), and only then
    are cached results dropped, so none is cached from the index as it was.
    ``refresh=False`` for batches, which refresh and drop them once at the end."""

    def write(client):
        try:
            if document is None:
                client.delete(index=alias, id=doc_id, refresh=refresh)
            else:
                client.index(
                    index=alias,
                    id=doc_id,
                    document=document,
                    require_alias=True,
                    refresh=refresh,
                )
        except NotFoundError:
            if document is None:
                return "absent"  # never indexed, already gone, or no index yet
            logger.info(
                "search: alias %s missing; %s waits for a rebuild", alias, doc_id
            )
            return "no-index"
        if refresh:
            results_cache.index_changed()
        return "removed" if document is None else "indexed"

    return call(write)


@dataclass
class BulkResult:
    indexed: int = 0
    errors: int = 0


def page_id(document):
    """The entry id of a practice document."""
    return document["page_id"]


def _actions(index, documents, doc_id):
    for document in documents:
        yield {"_index": index, "_id": doc_id(document), "_source": document}


def _send_chunk(client, index, chunk, doc_id):
    indexed, errors = helpers.bulk(
        client, _actions(index, chunk, doc_id), raise_on_error=False, stats_only=False
    )
    for error in errors:
        logger.error("search: bulk item failed: %s", error)
    return indexed, len(errors)


def bulk_index(
    client,
    index,
    documents,
    chunk_size=500,
    progress=None,
    threads=2,
    doc_id=page_id,
):
    """Index ``documents`` in bulk requests of ``chunk_size``, each under the id
    ``doc_id(document)`` (a practice's page id unless told otherwise).

    The documents are built (database reads, analysis) in the calling thread; up
    to ``threads`` bulk requests are in flight meanwhile, so Elasticsearch indexes
    one chunk while Python analyses the next. ``progress(n)`` after each chunk."""
    client = client.options(request_timeout=120)
    result = BulkResult()
    in_flight = deque()

    def collect(future):
        indexed, errors = future.result()
        result.indexed += indexed
        result.errors += errors
        if progress:
            progress(result.indexed + result.errors)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        chunk = []
        for document in documents:
            chunk.append(document)
            if len(chunk) >= chunk_size:
                in_flight.append(pool.submit(_send_chunk, client, index, chunk, doc_id))
                chunk = []
                while len(in_flight) >= threads:
                    collect(in_flight.popleft())
        if chunk:
            in_flight.append(pool.submit(_send_chunk, client, index, chunk, doc_id))
        while in_flight:
            collect(in_flight.popleft())
    return result
