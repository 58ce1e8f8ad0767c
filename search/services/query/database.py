"""The database engine: Wagtail's database search backend (PostgreSQL full text,
or SQLite), the thesaurus expanding the query in Python so that it still crosses
languages; facets counted with grouped queries."""

import time

from django.utils.html import escape
from django.utils.text import Truncator

from taxonomy.facets import count_by

from ... import thesaurus
from ...analysis import words
from .facets import FACET_SIZES, search_facets
from .request import SUGGEST_LIMIT, Hit, SearchResults


def _any_word_query(terms, leaf_size=8):
    """A query matching any word of ``terms``, as a balanced tree of ORs: the
    PostgreSQL backend folds a flat OR left-deep, which overflows Python's
    recursion limit at a few hundred words."""
    from wagtail.search.query import Or, PlainText

    unique = list(dict.fromkeys(w for term in terms for w, _s, _e in words(term)))
    leaves = [
        PlainText(" ".join(unique[i : i + leaf_size]), operator="or")
        for i in range(0, len(unique), leaf_size)
    ] or [PlainText("", operator="or")]
    while len(leaves) > 1:
        leaves = [
            Or([leaves[i], leaves[i + 1]]) if i + 1 < len(leaves) else leaves[i]
            for i in range(0, len(leaves), 2)
        ]
    return leaves[0]


class DatabaseSearch:
    backend = "database"
    # How many ranked candidates the database search hands to faceting.
    CANDIDATES = 1000

    def __init__(self, use_thesaurus=True):
        self.use_thesaurus = use_thesaurus

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
        terms = [q, *(thesaurus.expand_query(q) if self.use_thesaurus else [])]
        results = queryset.search(_any_word_query(terms))
        return [page.pk for page in results[: self.CANDIDATES]]

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
            degraded=True,
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
