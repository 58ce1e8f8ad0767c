"""The "Events and organisations" block of the results page.

A small query of its own (five entries at most) over the directory index
(``<prefix>-directory``, see ``search/documents.py``): the practices' query,
ranking and facets are untouched. Of the practices' filters only the country
applies (events and organisations have one; no language, sector or EQF level),
and the block shows on the first page of results only. Answers are cached with the results cache's key
scheme (same index generation, content version, language and query), under a
variant of their own. When Elasticsearch cannot answer, the database does (title
or name containing the query, live public events only), never an error.
"""

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.dateparse import parse_datetime
from elasticsearch import ApiError

from ..documents import alias_name
from . import results_cache
from .client import SearchUnavailable, call, is_configured
from .query import SearchRequest
from .query.elasticsearch import OWN_MATCH

logger = logging.getLogger(__name__)

DIRECTORY_SIZE = 5


@dataclass
class DirectoryHit:
    kind: str  # "event" or "organisation"
    title: str
    url: str
    country: str = ""
    start: datetime | None = None  # events, in their own time zone


def _local(start, zone):
    if start is None:
        return None
    try:
        return start.astimezone(ZoneInfo(zone)) if zone else start
    except (ZoneInfoNotFoundError, ValueError):
        return start


def directory_body(q, countries=()):
    query = {
        "multi_match": {
            "query": q,
            "fields": ["title^3", "text", "title.folded^3", "text.folded"],
            "operator": "or",
            **OWN_MATCH,
        }
    }
    if countries:
        query = {
            "bool": {"must": [query], "filter": [{"terms": {"country": countries}}]}
        }
    return {
        "size": DIRECTORY_SIZE,
        "query": query,
        "_source": ["kind", "title", "url", "country", "start", "timezone"],
    }


def _search_elasticsearch(q, countries):
    body = directory_body(q, countries)
    try:
        response = call(
            lambda client: client.search(index=alias_name("directory"), **body)
        )
    except ApiError as exc:
        # No directory index yet, or a refused query: the database answers.
        raise SearchUnavailable(str(exc)) from exc
    hits = []
    for raw in response["hits"]["hits"]:
        source = raw["_source"]
        start = parse_datetime(source["start"]) if source.get("start") else None
        hits.append(
            DirectoryHit(
                kind=source["kind"],
                title=source.get("title") or "",
                url=source.get("url") or "",
                country=source.get("country") or "",
                start=_local(start, source.get("timezone")),
            )
        )
    return hits


def _search_database(q, countries):
    from django.urls import reverse

    from .indexing.directory_documents import event_queryset, organisation_queryset

    events = event_queryset().filter(title__icontains=q).order_by("start", "pk")
    organisations = organisation_queryset().filter(name__icontains=q).order_by("name")
    if countries:
        events = events.filter(country__in=countries)
        organisations = organisations.filter(country__in=countries)
    hits = [
        DirectoryHit(
            kind="event",
            title=event.title,
            url=event.get_url() or "",
            country=str(event.country) if event.country else "",
            start=_local(event.start, event.timezone),
        )
        for event in events[:DIRECTORY_SIZE]
    ]
    hits += [
        DirectoryHit(
            kind="organisation",
            title=organisation.name,
            url=reverse("community:organisation", args=[organisation.slug]),
            country=str(organisation.country) if organisation.country else "",
        )
        for organisation in organisations[: DIRECTORY_SIZE - len(hits)]
    ]
    return hits


def find_directory(q, countries=()):
    """Events and organisations matching ``q``, in one of ``countries`` if any
    are given (at most five; [] for no query)."""
    if not q:
        return []
    countries = sorted(countries)
    if is_configured():
        request = SearchRequest(
            q=q, filters={"country": countries} if countries else {}
        )
        key = results_cache.key_for(request, "directory")
        cached = results_cache.get(key)
        if cached is not None:
            return cached
        try:
            hits = _search_elasticsearch(q, countries)
        except SearchUnavailable as exc:
            logger.info("search: directory from the database: %s", exc)
        else:
            results_cache.put(key, hits)
            return hits
    return _search_database(q, countries)
