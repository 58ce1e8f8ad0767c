"""The database engine: the database's full-text search (SQLite FTS5 or
PostgreSQL, fulltext.py) over tokens analysed as Elasticsearch's are; facets
counted with grouped queries over the practices above the score floor."""

import time

from django.utils.html import escape
from django.utils.text import Truncator

from taxonomy.facets import count_by

from ..client import is_configured
from . import fulltext
from .facets import FACET_SIZES, search_facets
from .request import SUGGEST_LIMIT, Hit, SearchResults


class DatabaseSearch:
    backend = "database"
    # How many ranked candidates the database search hands to faceting.
    CANDIDATES = 1000

    def __init__(self, use_thesaurus=True):
        self.use_thesaurus = use_thesaurus

    @property
    def engine(self):
        return fulltext.engine_name() or "database"

    def _base(self):
        from practices.models import PracticePage

        return PracticePage.objects.live().public()

    def _ranked_ids(self, q):
        queryset = self._base()
        if not q:
            return list(
                queryset.order_by("-first_published_at", "-pk").values_list(
                    "pk", flat=True
                )[: self.CANDIDATES]
            )
        found = fulltext.ranked(q, self.CANDIDATES, self.use_thesaurus)
        if found is None:  # a database without a full-text engine of ours
            return list(
                queryset.filter(title__icontains=q).values_list("pk", flat=True)[
                    : self.CANDIDATES
                ]
            )
        return [pk for pk, _score in found]

    def _filtered(self, ids, filters):
        queryset = self._base().filter(pk__in=ids)
        if filters.get("language"):
            queryset = queryset.filter(content_language__in=filters["language"])
        if filters.get("country"):
            queryset = queryset.filter(country__in=filters["country"])
        if filters.get("sector"):
            queryset = queryset.filter(sectors__slug__in=filters["sector"])
        if filters.get("theme"):
            queryset = queryset.filter(tagged_items__tag__name__in=filters["theme"])
        if filters.get("eqf"):
            queryset = queryset.filter(eqf_levels__level__in=filters["eqf"])
        return queryset.distinct()

    def _counts(self, queryset):
        return {
            "language": count_by(queryset, "content_language"),
            "country": count_by(queryset, "country"),
            "sector": count_by(queryset, "sectors__slug"),
            "theme": count_by(queryset, "tagged_items__tag__name")[
                : FACET_SIZES["theme"]
            ],
            "eqf": count_by(queryset, "eqf_levels__level"),
        }

    def search(self, request):
        started = time.monotonic()
        ranked = self._ranked_ids(request.q)
        queryset = self._filtered(ranked, request.filters)
        matching = set(queryset.values_list("pk", flat=True))
        ordered = [pk for pk in ranked if pk in matching]
        start = (request.page - 1) * request.per_page
        page_ids = ordered[start : start + request.per_page]
        pages = {page.pk: page for page in self._base().filter(pk__in=page_ids)}
        hits = []
        for pk in page_ids:
            page = pages.get(pk)
            if page is None:
                continue
            hits.append(
                Hit(
                    page_id=page.pk,
                    url=page.get_url() or "",
                    title=page.title,
                    snippet=escape(Truncator(page.summary).chars(200)),
                    language=page.content_language,
                    country=str(page.country) if page.country else "",
                )
            )
        return SearchResults(
            request=request,
            hits=hits,
            total=len(ordered),
            facets=search_facets(self._counts(queryset), request.filters),
            backend=self.backend,
            # A fallback only when Elasticsearch should have answered.
            degraded=is_configured(),
            took_ms=round((time.monotonic() - started) * 1000, 1),
        )

    def suggest(self, q):
        pages = (
            self._base().filter(title__icontains=q).order_by("title")[:SUGGEST_LIMIT]
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
