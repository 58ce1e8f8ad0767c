"""The public search: one interface, two implementations, chosen by availability.

``ElasticsearchSearch`` queries the practices alias (per-language analyzers, the
thesaurus's concepts, facets, "did you mean"; snippets as every engine makes
them, services/snippets.py). ``DatabaseSearch``
answers the same :class:`SearchRequest` from the database (Wagtail's database
search backend: PostgreSQL full text, or SQLite), with the thesaurus expanding the
query in Python so that it still crosses languages. :func:`run_search` and
:func:`suggest` try Elasticsearch first and fall back on any outage; views never
branch on the backend.

request        SearchRequest, Hit, SearchResults: what a search asks and answers
facets         the results' facets, from either engine's counts
analysed       the query as Elasticsearch reads it (thesaurus concepts, typos)
elasticsearch  ElasticsearchSearch
database       DatabaseSearch
fulltext       DatabaseSearch's ranking: the query analysed once, the engine's own
postgresql     ... from PostgreSQL's postings rows (kept per process and generation)
sqlite         ... from SQLite's FTS5 table and stored tokens (kept likewise)
candidates     what DatabaseSearch reads of its ranked candidates, in plain SQL
floor          what a matching practice must score to be counted, on every engine
"""

import logging

from ...warming import wait_until_warm
from ..client import SearchUnavailable, is_configured
from .database import DatabaseSearch
from .elasticsearch import ElasticsearchSearch
from .request import MAX_QUERY_LENGTH, SearchRequest, SearchResults

__all__ = [
    "DatabaseSearch",
    "ElasticsearchSearch",
    "SearchRequest",
    "SearchResults",
    "run_search",
    "suggest",
]

logger = logging.getLogger(__name__)


def _implementations():
    if is_configured():
        yield ElasticsearchSearch()
    yield DatabaseSearch()


def run_search(request):
    """Results for ``request`` from the best available implementation."""
    wait_until_warm()  # Daphne's thread building the thesaurus and lexicon
    for implementation in _implementations():
        try:
            return implementation.search(request)
        except SearchUnavailable as exc:
            logger.info(
                "search: %s unavailable, falling back: %s", implementation.backend, exc
            )
    raise AssertionError("the database implementation does not raise SearchUnavailable")


def suggest(q):
    q = " ".join((q or "").split())[:MAX_QUERY_LENGTH]
    if len(q) < 2:
        return []
    wait_until_warm()
    for implementation in _implementations():
        try:
            return implementation.suggest(q)
        except SearchUnavailable as exc:
            logger.info(
                "suggest: %s unavailable, falling back: %s", implementation.backend, exc
            )
    return []
