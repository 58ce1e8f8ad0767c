"""Events and organisations as the directory index holds them.

Kept in step by the ``sync_directory`` task after an event is published,
unpublished, moved or deleted and after an organisation is saved or deleted.
While Elasticsearch is down the change is only logged (the save succeeds): the
next ``search_index rebuild`` reads every entry from the database again.
"""

from types import SimpleNamespace

from django.urls import reverse

from ...documents import alias_name
from .practice_documents import page_url
from .writes import put_or_remove


def event_queryset():
    from events.models import EventPage

    return EventPage.objects.live().public().order_by("pk")


def organisation_queryset():
    from community.models import Organisation

    return Organisation.objects.order_by("pk")


def directory_count():
    """Entries the directory index should hold."""
    return event_queryset().count() + organisation_queryset().count()


def directory_id(kind, object_id):
    return f"{kind}-{object_id}"


def entry_id(document):
    """The entry id of a directory document."""
    return directory_id(document["kind"], document["object_id"])


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
    """Every live public event, then every organisation, as a document."""
    holder = SimpleNamespace()
    for event in event_queryset().iterator(chunk_size=500):
        yield event_document(event, url=page_url(event, holder))
    for organisation in organisation_queryset().iterator(chunk_size=500):
        yield organisation_document(organisation)


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
