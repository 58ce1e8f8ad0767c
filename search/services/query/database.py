"""The database engine: the database's full-text search (SQLite FTS5 or
PostgreSQL, fulltext.py) over tokens analysed as Elasticsearch's are; the
matching candidates and their facet counts from one grouped statement
(candidates.narrowed)."""

import time
from collections import Counter

from django.utils.html import escape
from django.utils.text import Truncator

from ..client import is_configured
from . import fulltext
from .candidates import hit_pages, narrowed, newest
from .facets import FACET_SIZES, search_facets
from .request import FACETS, SUGGEST_LIMIT, Hit, SearchResults


def _live_public():
    from practices.models import PracticePage
    from practices.services.listing.queryset import public

    # One anti-join against the view restrictions (Wagtail's .public() reads
    # them in a query of its own first).
    return public(PracticePage.objects.live())


def narrow(ranked, facets, filters):
    """(the ranked ids matching every chosen facet, {facet: Counter}) where
    each facet is counted among the ids matching every OTHER chosen facet,
    from ``facets`` (candidates.candidate_facets): the rule a search's
    statement (candidates.narrowed) applies, for the few practices a saved
    search checks (saved.py)."""
    chosen = {
        name: {str(value) for value in values}
        for name, values in filters.items()
        if values and name in FACETS
    }
    matching, counts = [], {name: Counter() for name in FACETS}
    for page_id in ranked:
        values = facets.get(page_id)
        if values is None:
            continue
        missed = [name for name, wanted in chosen.items() if not values[name] & wanted]
        if not missed:
            matching.append(page_id)
        # Counted in a facet when it misses no other facet's choice.
        for name in FACETS:
            if not missed or missed == [name]:
                counts[name].update(values[name])
    return matching, counts


class DatabaseSearch:
    backend = "database"
    # How many ranked candidates the database search hands to faceting.
    CANDIDATES = 1000

    def __init__(self, use_thesaurus=True):
        self.use_thesaurus = use_thesaurus

    @property
    def engine(self):
        return fulltext.engine_name() or "database"

    def _ranked_ids(self, q):
        if not q:
            return newest(self.CANDIDATES)
        found = fulltext.ranked(q, self.CANDIDATES, self.use_thesaurus)
        if found is None:  # a database without a full-text engine of ours
            return list(
                _live_public()
                .filter(title__icontains=q)
                .values_list("pk", flat=True)[: self.CANDIDATES]
            )
        return [pk for pk, _score in found]

    @staticmethod
    def _counts(counts):
        listed = {
            name: sorted(counter.items(), key=lambda item: (-item[1], item[0]))
            for name, counter in counts.items()
        }
        listed["theme"] = listed["theme"][: FACET_SIZES["theme"]]
        return listed

    @staticmethod
    def _hits(page_ids):
        from wagtail.models import Site

        pages = hit_pages(page_ids)
        # The sites' root paths read once for the page of hits: each
        # get_url() read them from the cache (a Redis round trip) again.
        roots = Site.get_site_root_paths() if pages else None
        for page in pages.values():
            page._wagtail_cached_site_root_paths = roots
        return [
            Hit(
                page_id=page.pk,
                url=page.get_url() or "",
                title=page.title,
                snippet=escape(Truncator(page.summary).chars(200)),
                language=page.content_language,
                country=str(page.country) if page.country else "",
            )
            for page in (pages.get(pk) for pk in page_ids)
            if page is not None
        ]

    def search(self, request):
        started = time.monotonic()
        ranked = self._ranked_ids(request.q)
        chosen = {
            name: sorted({str(value) for value in values})
            for name, values in request.filters.items()
            if values and name in FACETS
        }
        matching, counted = narrowed(ranked, chosen)
        counts = {name: counted.get(name, Counter()) for name in FACETS}
        start = (request.page - 1) * request.per_page
        return SearchResults(
            request=request,
            hits=self._hits(matching[start : start + request.per_page]),
            total=len(matching),
            facets=search_facets(self._counts(counts), request.filters),
            backend=self.backend,
            # A fallback only when Elasticsearch should have answered.
            degraded=is_configured(),
            took_ms=round((time.monotonic() - started) * 1000, 1),
        )

    def suggest(self, q):
        pages = (
            _live_public().filter(title__icontains=q).order_by("title")[:SUGGEST_LIMIT]
        )
        return [
            {
                "text": page.title,
                "title": page.title,
                "url": page.get_url() or "",
                "language": page.content_language,
            }
            for page in pages
        ]
