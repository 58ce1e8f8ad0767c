"""Saved searches: which of many saved ``/search/`` permalinks find one practice.

A member may follow a search permalink (the query and its facets); when a
practice has been indexed, the layer above asks :func:`matching` which saved
permalinks hold it. Each engine answers as the results page would (the same
query, the same thesaurus, the same facets), restricted to that one practice,
so the work grows with the number of distinct saved searches, never with the
size of the index: Elasticsearch gets one multi-search of ``BATCH`` queries per
request, each limited to the practice's id; the database engines analyse each
query in Python against the practice's stored tokens (one read) and narrow it
by the search's own rule (candidates.narrow). Elasticsearch answers when
configured, the database on any outage, as :func:`run_search` does.
"""

import logging

from django.http import QueryDict
from elasticsearch import ApiError

from ...documents import LANGUAGES, alias_name
from .. import expansion
from .. import tokens as stored
from ..client import SearchUnavailable, call, is_configured
from . import floor, fulltext, scoring
from .analysed import AnalysedQuery
from .candidates import facet_values, narrow
from .elasticsearch import ElasticsearchSearch, floored
from .facets import term_filters
from .request import SearchRequest

logger = logging.getLogger(__name__)

BATCH = 100


def normalise(querystring):
    """The results page's own reading of a query string, as its canonical
    permalink query (no page number): "" when it searches for nothing."""
    request = SearchRequest.from_querydict(QueryDict(querystring.lstrip("?")))
    selection = request.selection
    if not selection.active:
        return ""
    return selection.querystring(page=None).lstrip("?")


def _requests(querystrings):
    return {qs: SearchRequest.from_querydict(QueryDict(qs)) for qs in querystrings}


def _elasticsearch(page_id, requests):
    engine = ElasticsearchSearch()
    searches = []
    for request in requests.values():
        analysed = AnalysedQuery.of(request.q)
        body = {
            "size": 0,
            "track_total_hits": True,
            "query": {
                "bool": {
                    # Every language: the practice may be the first in its
                    # own. Under the results page's floor (floor.py), it is
                    # not among the results.
                    "must": [floored(engine._query(analysed, LANGUAGES), request.q)],
                    "filter": [
                        {"ids": {"values": [str(page_id)]}},
                        *term_filters(request.filters),
                    ],
                }
            },
        }
        searches += [{"index": alias_name()}, body]
    try:
        response = call(lambda client: client.msearch(searches=searches))
    except ApiError as exc:
        raise SearchUnavailable(str(exc)) from exc
    matched = set()
    for querystring, answer in zip(requests, response["responses"], strict=True):
        if "error" in answer:
            raise SearchUnavailable(str(answer["error"]))
        if answer["hits"]["total"]["value"]:
            matched.add(querystring)
    return matched


def _held_tokens(page_id):
    """(every stored token of the practice, (its title's concept tokens, its
    text's main ones)), or (None, None) without stored tokens."""
    from ...models import PracticeTokens

    row = PracticeTokens.objects.filter(page_id=page_id).first()
    if row is None:
        return None, None
    every = {
        token
        for name in ("title", "concepts_title", "concepts_text", "text")
        for token in getattr(row, name).split()
    }
    return every, (set(row.concepts_title.split()), set(row.concepts_main.split()))


def _finds_by_words(q, held, languages, title, titled=(frozenset(), frozenset())):
    """Whether the database engine's ranking (fulltext.ranked) keeps the
    practice for ``q``: it holds one of the query's tokens and enough of its
    units (all of them, or what floor.Partial asks of a partial match, its
    title's and main concept tokens ``titled``)."""
    if not q:
        return True
    if held is None:  # no stored tokens: a database without our full text
        return fulltext.engine_name() == "" and q.lower() in title.lower()
    words_, concepts = fulltext.scoring_query(q).tokens(languages)
    if not held & (words_ | set(concepts)):
        return False
    units = fulltext.query_units(q, languages)
    if not units:
        return True
    found = sum(1 for unit in units if unit & held)
    if found < expansion.units_needed(len(units)):
        return False
    partial = floor.partial_rule(fulltext.named_concepts(q)[0], len(units))
    return found == len(units) or partial is None or partial.keeps(held, *titled)


def _over_floor(q, page_id):
    """Whether the practice scores over the query's floor (floor.py), as the
    database engine scores it (scoring.rescore)."""
    threshold = floor.database_floor(q)
    if not threshold:
        return True
    found = fulltext.plan(q)
    rows = scoring.rescore(found.query, [(page_id, 0.0)], found.frequency)
    return bool(rows) and rows[0][1] >= threshold


def _database(page_id, requests):
    if page_id not in facet_values():  # not live and public, or an alias
        return set()
    held, titled = _held_tokens(page_id)
    languages = stored.languages()
    title = ""
    if held is None:
        from practices.models import PracticePage

        title = (
            PracticePage.objects.filter(pk=page_id)
            .values_list("title", flat=True)
            .first()
            or ""
        )
    matched = set()
    for querystring, request in requests.items():
        if not _finds_by_words(request.q, held, languages, title, titled):
            continue
        if held is not None and request.q and not _over_floor(request.q, page_id):
            continue
        if narrow([page_id], request.filters)[0]:
            matched.add(querystring)
    return matched


def matching(page_id, querystrings):
    """The saved permalink query strings (as :func:`normalise` writes them)
    whose results hold the practice ``page_id``."""
    querystrings = sorted(set(querystrings))
    matched = set()
    for start in range(0, len(querystrings), BATCH):
        requests = _requests(querystrings[start : start + BATCH])
        if is_configured():
            try:
                matched |= _elasticsearch(page_id, requests)
                continue
            except SearchUnavailable as exc:
                logger.info("saved searches: Elasticsearch unavailable: %s", exc)
        matched |= _database(page_id, requests)
    return matched
