"""The database engine: the database's full-text search (SQLite FTS5 or
PostgreSQL, fulltext.py) over tokens analysed as Elasticsearch's are; facets
counted in Python over the ranked candidates' taxonomy, read in one query."""

import time
from collections import Counter

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.text import Truncator

from ..client import is_configured
from . import fulltext
from .facets import FACET_SIZES, search_facets
from .request import FACETS, SUGGEST_LIMIT, Hit, SearchResults


def _live_public():
    from practices.models import PracticePage
    from practices.services.listing.queryset import public

    # One anti-join against the view restrictions (Wagtail's .public() reads
    # them in a query of its own first).
    return public(PracticePage.objects.live())


def _text(expression):
    return Cast(expression, output_field=CharField())


def candidate_facets(ids):
    """{page id: {facet name: set of values (text)}} of the live public
    practices among ``ids``, in ONE query (a UNION ALL of the pages' language
    and country and their sectors, themes and EQF levels); pages that are not
    live or public are absent."""
    from practices.models import PracticePage, PracticeTag

    if not ids:
        return {}
    ids = list(ids)
    pages = (
        _live_public()
        .filter(pk__in=ids)
        .values(
            page=F("pk"),
            kind=Value("page"),
            value=F("content_language"),
            more=F("country"),
        )
    )

    def linked(kind, model, page_field, value):
        return model.objects.filter(**{f"{page_field}__in": ids}).values(
            page=F(page_field), kind=Value(kind), value=value, more=Value("")
        )

    rows = pages.order_by().union(
        linked(
            "sector", PracticePage.sectors.through, "practicepage_id", F("sector__slug")
        ).order_by(),
        linked(
            "eqf",
            PracticePage.eqf_levels.through,
            "practicepage_id",
            _text("eqflevel_id"),
        ).order_by(),
        linked("theme", PracticeTag, "content_object_id", F("tag__name")).order_by(),
        all=True,
    )
    found, links = {}, []
    for row in rows.values_list("page", "kind", "value", "more"):
        page_id, kind, value, more = row
        if kind == "page":
            found[page_id] = {
                "language": {value},
                "country": {more} if more else set(),
                "sector": set(),
                "theme": set(),
                "eqf": set(),
            }
        else:
            links.append(row)
    for page_id, kind, value, _more in links:
        if page_id in found:
            found[page_id][kind].add(value)
    return found


def narrow(ranked, facets, filters):
    """(the ranked ids matching every chosen facet, {facet: Counter}) where
    each facet is counted among the ids matching every OTHER chosen facet."""
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
            return list(
                _live_public()
                .order_by("-first_published_at", "-pk")
                .values_list("pk", flat=True)[: self.CANDIDATES]
            )
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

    def _hits(self, page_ids):
        from practices.models import PracticePage

        pages = PracticePage.objects.filter(pk__in=page_ids).only(
            "pk",
            "title",
            "summary",
            "content_language",
            "country",
            "url_path",
            "path",
            "depth",
            "locale_id",
        )
        pages = {page.pk: page for page in pages}
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
        matching, counts = narrow(ranked, candidate_facets(ranked), request.filters)
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
