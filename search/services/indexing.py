"""Writing practices to Elasticsearch: one page, many pages, a whole new index.

* :func:`practice_document` turns a PracticePage into the indexed dict.
* :func:`sync_page` brings one page's entry in line with the database (index it when
  live and public, remove it otherwise); the indexing task calls it.
* :func:`bulk_index` streams documents with the bulk API (the fast path used by
  ``rebuild`` and the benchmark).
* :func:`rebuild` creates ``<alias>-<timestamp>``, fills it, then moves the alias in
  one atomic ``_aliases`` call and drops the old index: searches never see an empty
  or half-built index. It rebuilds the events-and-organisations index (alias
  ``<prefix>-directory``) the same way.
* :func:`sync_directory_entry` brings one event's or organisation's entry in line
  with the database (the ``sync_directory`` task calls it).
"""

import html
import logging
import re
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from elasticsearch import NotFoundError, helpers

from .. import thesaurus
from ..documents import (
    LANGUAGES,
    alias_name,
    directory_index_body,
    practice_index_body,
    schema_fingerprint,
)
from ..models import PendingIndexUpdate
from . import results_cache
from .client import SearchUnavailable, call

logger = logging.getLogger(__name__)

# Seconds allowed to index administration (create, alias swap, refresh).
ADMIN_TIMEOUT = 60
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_SKIP_KEYS = {"id", "type", "url", "link", "image", "document", "icon", "alt"}


def _strings(value, out):
    if isinstance(value, str):
        if value and not value.startswith(("http://", "https://", "/")):
            out.append(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _SKIP_KEYS:
                _strings(item, out)
    elif isinstance(value, list | tuple):
        for item in value:
            _strings(item, out)


def stream_text(stream_value):
    """Plain text of a StreamField's raw data (rich text tags stripped)."""
    raw = getattr(stream_value, "raw_data", stream_value) or []
    pieces = []
    for block in raw:
        if isinstance(block, dict):
            _strings(block.get("value"), pieces)
    text = html.unescape(_TAG.sub(" ", "\n".join(pieces)))
    return _SPACE.sub(" ", text).strip()


def practice_queryset():
    from practices.models import PracticePage

    return (
        PracticePage.objects.live()
        .public()
        .select_related("organisation")
        .prefetch_related("sectors", "target_groups", "eqf_levels", "tagged_items__tag")
        .order_by("pk")
    )


def build_document(
    page_id,
    title,
    summary,
    body,
    language,
    url="",
    country=None,
    sectors=(),
    target_groups=(),
    themes=(),
    eqf=(),
    organisation=None,
    funding_programme=None,
    year_start=None,
    first_published_at=None,
):
    """The indexed form of one practice from plain values (also the benchmark's
    entry point: it indexes exactly what a real practice sends)."""
    language = language or "en"
    # Fields exist for every EU language; anything else is analysed plainly.
    fields = language if language in LANGUAGES else "en"
    text = f"{summary}\n{body}"
    suggest_inputs = [s.strip() for s in (title, *themes) if s and s.strip()]
    return {
        "page_id": page_id,
        "url": url,
        "title": title,
        "summary": summary,
        "body": body,
        "language": language,
        "country": country,
        "sectors": list(sectors),
        "target_groups": list(target_groups),
        "themes": list(themes),
        "eqf": list(eqf),
        "organisation": organisation,
        "funding_programme": funding_programme or None,
        "year_start": year_start,
        "first_published_at": first_published_at,
        # Analysed by Elasticsearch (the language's built-in analyzer); copied
        # into folded_title / folded_text by the mapping.
        f"title_{fields}": title,
        f"text_{fields}": text,
        "suggest": {"input": list(dict.fromkeys(suggest_inputs))[:20]},
        "concepts_title": " ".join(thesaurus.concept_tags(title, fields)),
        "concepts_text": " ".join(thesaurus.concept_tags(text, fields)),
    }


def practice_document(page, url=None):
    """The indexed form of a PracticePage (``url`` may be precomputed by callers)."""
    body = stream_text(page.body)
    if page.outcomes:
        body = f"{body}\n{page.outcomes}" if body else page.outcomes
    return build_document(
        page_id=page.pk,
        title=page.title,
        summary=page.summary,
        body=body,
        language=page.content_language,
        url=url if url is not None else (page.get_url() or ""),
        country=str(page.country) if page.country else None,
        sectors=[sector.slug for sector in page.sectors.all()],
        target_groups=[group.slug for group in page.target_groups.all()],
        themes=[item.tag.name for item in page.tagged_items.all()],
        eqf=[level.level for level in page.eqf_levels.all()],
        organisation=page.organisation.name if page.organisation_id else None,
        funding_programme=page.funding_programme,
        year_start=page.year_start,
        first_published_at=page.first_published_at,
    )


# --- one page ------------------------------------------------------------------


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


def sync_page(page_id, refresh=True):
    """Index or remove one practice according to the database (see
    :func:`put_or_remove`)."""
    page = practice_queryset().filter(pk=page_id).first()
    document = practice_document(page) if page is not None else None
    return put_or_remove(alias_name(), page_id, document, refresh=refresh)


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


# --- many pages -------------------------------------------------------------------


@dataclass
class BulkResult:
    indexed: int = 0
    errors: int = 0


def _actions(index, documents):
    for document in documents:
        yield {"_index": index, "_id": document["page_id"], "_source": document}


def _send_chunk(client, index, chunk):
    indexed, errors = helpers.bulk(
        client, _actions(index, chunk), raise_on_error=False, stats_only=False
    )
    for error in errors:
        logger.error("search: bulk item failed: %s", error)
    return indexed, len(errors)


def bulk_index(client, index, documents, chunk_size=500, progress=None, threads=2):
    """Index ``documents`` in bulk requests of ``chunk_size``.

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
                in_flight.append(pool.submit(_send_chunk, client, index, chunk))
                chunk = []
                while len(in_flight) >= threads:
                    collect(in_flight.popleft())
        if chunk:
            in_flight.append(pool.submit(_send_chunk, client, index, chunk))
        while in_flight:
            collect(in_flight.popleft())
    return result


class _RootPathCache:
    """Holds Wagtail's site root paths for a whole batch (one cache read)."""


def iter_practice_documents(batch_size=500):
    """Every live public practice as a document, read in primary-key batches."""
    holder = _RootPathCache()
    last_pk = 0
    while True:
        batch = list(practice_queryset().filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return
        for page in batch:
            parts = page.get_url_parts(request=holder)
            yield practice_document(page, url=parts[2] if parts else None)
        last_pk = batch[-1].pk


def create_index(client, name, body=None):
    """Create ``name`` (a practices index unless ``body`` says otherwise), ready to
    be filled in bulk."""
    body = body or practice_index_body()
    body["settings"]["refresh_interval"] = "-1"  # filled in bulk, refreshed once
    client.indices.create(
        index=name, settings=body["settings"], mappings=body["mappings"]
    )


def rebuild(progress=None, total_hint=None):
    """Build a fresh index, swap the alias to it, drop the previous ones.
    Returns a dict with the new index name and counts."""
    alias = alias_name()
    started = timezone.now()
    name = f"{alias}-{started.strftime('%Y%m%d%H%M%S%f')}"

    def build(client):
        # Index administration may take longer than a search may.
        client = client.options(request_timeout=ADMIN_TIMEOUT)
        create_index(client, name)
        result = bulk_index(client, name, iter_practice_documents(), progress=progress)
        previous = _swap_alias(client, alias, name)
        return result, previous

    result, previous = call(build)
    directory = rebuild_directory()
    results_cache.index_changed()
    # Updates that failed before the rebuild read the database are in it now;
    # those queued while it ran are replayed against the new index.
    with transaction.atomic():
        PendingIndexUpdate.objects.filter(updated_at__lt=started).delete()
    replayed, left = replay_pending()
    return {
        "index": name,
        "alias": alias,
        "indexed": result.indexed,
        "errors": result.errors,
        "replaced": previous,
        "replayed": replayed,
        "pending": left,
        "directory": directory,
    }


def _swap_alias(client, alias, name):
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


def _alias_status(alias, database):
    """The index behind ``alias`` against ``database`` entries that should be in it."""

    def read(client):
        return _index_state(client.options(request_timeout=ADMIN_TIMEOUT), alias)

    indices, indexed, schema = call(read)
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
    """Document count behind the alias vs. live public practices in the database
    (and the same for the events-and-organisations index)."""
    practices = _alias_status(alias_name(), practice_queryset().count())
    directory = directory_status()
    return {
        **practices,
        "pending": PendingIndexUpdate.objects.count(),
        "schema_current": practices["schema_current"] and directory["schema_current"],
        "in_sync": practices["in_sync"] and directory["in_sync"],
        "directory": directory,
    }


# --- events and organisations (the directory index) --------------------------------
#
# Kept in step by the ``sync_directory`` task after an event is published,
# unpublished, moved or deleted and after an organisation is saved or deleted.
# While Elasticsearch is down the change is only logged (the save succeeds): the
# next ``search_index rebuild`` reads every entry from the database again.


def event_queryset():
    from events.models import EventPage

    return EventPage.objects.live().public().order_by("pk")


def organisation_queryset():
    from community.models import Organisation

    return Organisation.objects.order_by("pk")


def directory_id(kind, object_id):
    return f"{kind}-{object_id}"


def event_document(event, url=None):
    place = ", ".join(p for p in (event.venue_name, event.city) if p)
    return {
        "kind": "event",
        "object_id": event.pk,
        "title": event.title,
        "text": "\n".join(p for p in (event.summary, place) if p),
        "url": url if url is not None else (event.get_url() or ""),
        "country": str(event.country) if event.country else None,
        "start": event.start,
        "timezone": event.timezone,
    }


def organisation_document(organisation):
    from django.urls import reverse

    names = [organisation.short_name, organisation.description, organisation.city]
    return {
        "kind": "organisation",
        "object_id": organisation.pk,
        "title": organisation.name,
        "text": "\n".join(p for p in names if p),
        "url": reverse("community:organisation", args=[organisation.slug]),
        "country": str(organisation.country) if organisation.country else None,
        "start": None,
        "timezone": None,
    }


def iter_directory_documents():
    holder = _RootPathCache()
    for event in event_queryset().iterator(chunk_size=500):
        parts = event.get_url_parts(request=holder)
        yield event_document(event, url=parts[2] if parts else None)
    for organisation in organisation_queryset().iterator(chunk_size=500):
        yield organisation_document(organisation)


def _directory_actions(index, documents):
    for document in documents:
        yield {
            "_index": index,
            "_id": directory_id(document["kind"], document["object_id"]),
            "_source": document,
        }


def rebuild_directory():
    """Build a fresh events-and-organisations index and swap its alias."""
    alias = alias_name("directory")
    name = f"{alias}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"

    def build(client):
        client = client.options(request_timeout=ADMIN_TIMEOUT)
        create_index(client, name, directory_index_body())
        indexed, errors = helpers.bulk(
            client,
            _directory_actions(name, iter_directory_documents()),
            raise_on_error=False,
            stats_only=False,
        )
        for error in errors:
            logger.error("search: directory bulk item failed: %s", error)
        previous = _swap_alias(client, alias, name)
        return indexed, len(errors), previous

    indexed, errors, previous = call(build)
    return {
        "index": name,
        "alias": alias,
        "indexed": indexed,
        "errors": errors,
        "replaced": previous,
    }


def directory_status():
    return _alias_status(
        alias_name("directory"),
        event_queryset().count() + organisation_queryset().count(),
    )


def sync_directory_entry(kind, object_id):
    """Index or remove one event or organisation according to the database,
    searchable when this returns; cached results are dropped then. Raises
    SearchUnavailable when Elasticsearch cannot be reached."""
    if kind == "event":
        found = event_queryset().filter(pk=object_id).first()
        document = event_document(found) if found else None
    elif kind == "organisation":
        found = organisation_queryset().filter(pk=object_id).first()
        document = organisation_document(found) if found else None
    else:
        raise ValueError(f"unknown directory kind {kind!r}")
    return put_or_remove(
        alias_name("directory"), directory_id(kind, object_id), document
    )
