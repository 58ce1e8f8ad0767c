"""The database engine: the database's full-text search (SQLite FTS5 or
PostgreSQL, fulltext.py) over tokens analysed as Elasticsearch's are; the
ranked candidates narrowed and counted by facet from the live public
practices' facet values, kept per content version (candidates.narrow)."""

import time
from functools import partial

from vetnet.cache import one_content_version

from .. import expansion
from ..client import is_configured
from ..indexing.practice_documents import practice_body
from ..snippets import result_snippet
from ..statistics import INDEX_VERSION
from . import fulltext
from .candidates import live_public, narrow, newest, one_version, shown_pages
from .facets import FACET_SIZES, search_facets
from .request import SUGGEST_LIMIT, Hit, SearchResults, any_word_retry


class DatabaseSearch:
    backend = "database"
    # How many ranked candidates the database search hands to faceting.
    CANDIDATES = 1000

    def __init__(self, use_thesaurus=True, feedback=expansion.FEEDBACK):
        self.use_thesaurus = use_thesaurus
        # Concept feedback for words the thesaurus does not know
        # (expansion.feedback); None only to measure without it.
        self.feedback = feedback

    @property
    def engine(self):
        return fulltext.engine_name() or "database"

    def _ranked_ids(self, q, strict=True, feedback=None, partial=True):
        if not q:
            return newest(self.CANDIDATES)
        found = fulltext.ranked(
            q, self.CANDIDATES, self.use_thesaurus, strict, feedback, partial
        )
        if found is None:  # a database without a full-text engine of ours
            return list(
                live_public()
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

    def _hits(self, page_ids, q):
        pages = shown_pages(page_ids)
        return [
            Hit(
                page_id=page.pk,
                url=url,
                title=page.title,
                snippet=result_snippet(
                    page.summary,
                    partial(practice_body, page),
                    page.content_language,
                    q,
                    self.use_thesaurus,
                ),
                language=page.content_language,
                country=str(page.country) if page.country else "",
            )
            for page, url in (pages[pk] for pk in page_ids if pk in pages)
        ]

    def _first_round(self, q):
        """(the query's ranking, the concepts its first ranking gives it: its
        feedback round, expansion.feedback, or None), both from one pass of
        the engine: the first ranking coordinates its best practices only
        (fulltext.first_rankings, as Elasticsearch's)."""
        if not (q and self.use_thesaurus and fulltext.engine_name()):
            return self._ranked_ids(q), None
        found = fulltext.plan(q)
        if not found.unknown:
            return self._ranked_ids(q), None
        ranked, first = (
            [pk for pk, _score in rows]
            for rows in fulltext.first_rankings(q, self.CANDIDATES)
        )

        def first_ranking(strict):
            return first if strict else self._ranked_ids(q, strict=False)

        retry = any_word_retry(q, 0)
        extra = expansion.second_round(
            first_ranking, found.named, self.feedback, retry, found.unknown_words
        )
        return ranked, extra

    def feedback_of(self, q):
        """The first ranking's concepts a search for ``q`` adds (None when it
        adds none)."""
        with one_version():
            return self._first_round(q)[1]

    def search(self, request):
        # Its parts read the cache once: the rankings and the candidates' table
        # (one_version), the facets' labels (one_content_version, which the
        # first reads too: one round trip fewer a search outside a page
        # request), and the index version in the content version's round trip
        # (one more fewer).
        with (
            one_content_version(INDEX_VERSION) as read,
            one_version(read.get(INDEX_VERSION)),
        ):
            return self._search(request)

    def _search(self, request):
        started = time.monotonic()
        ranked, extra = self._first_round(request.q)
        if extra:  # a second ranking, with the first one's concepts
            ranked = self._ranked_ids(request.q, feedback=extra)
        matching, counts = narrow(ranked, request.filters)
        if not matching and request.q:
            # floor.Partial left nothing: as Elasticsearch, the neighbours.
            loose = self._ranked_ids(request.q, feedback=extra, partial=False)
            if loose != ranked:
                ranked = loose
                matching, counts = narrow(ranked, request.filters)
        some_words = any_word_retry(request.q, len(matching))
        if some_words:  # as Elasticsearch: any of the words
            ranked = self._ranked_ids(request.q, strict=False, feedback=extra)
            matching, counts = narrow(ranked, request.filters)
        start = (request.page - 1) * request.per_page
        return SearchResults(
            request=request,
            hits=self._hits(matching[start : start + request.per_page], request.q),
            total=len(matching),
            facets=search_facets(self._counts(counts), request.filters),
            backend=self.backend,
            # A fallback only when Elasticsearch should have answered.
            degraded=is_configured(),
            took_ms=round((time.monotonic() - started) * 1000, 1),
            some_words=some_words and bool(matching),
        )

    def suggest(self, q):
        pages = (
            live_public().filter(title__icontains=q).order_by("title")[:SUGGEST_LIMIT]
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
