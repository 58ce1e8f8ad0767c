"""The Elasticsearch engine keeps each ranking request's body per process
(elasticsearch._kept_body): a request asked again is not built again. What a
body is made of must be its key: the facets chosen (each request its own
results) and the concept weights as read again after a rebuild (a kept body
must not rank with the weights before). The query's own part (its words'
and concepts' clauses, the units' filter) is kept apart, once for all its
pages and facets (elasticsearch._kept_query). The practices and query are
test_unit_links.py's: German texts only the query's concepts reach."""

import pytest

from search import thesaurus
from search.models import ConceptWeight
from search.services import expansion
from search.services.query import SearchRequest, elasticsearch
from search.services.query.analysed import AnalysedQuery

from .conftest import indexed_engine
from .test_unit_links import BOTH, NEIGHBOURS, PRACTICES, QUERY

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


@pytest.fixture
def engine(es_index, stored_practices):
    titles = stored_practices(PRACTICES)
    return indexed_engine(), titles


def _found(engine, titles, **filters):
    hits = engine.search(SearchRequest(q=QUERY, filters=filters)).hits
    return {titles[hit.page_id]: hit.score for hit in hits}


def test_a_narrowed_search_asked_again_keeps_its_own_facets(engine):
    engine, titles = engine
    assert set(_found(engine, titles)) == {BOTH, NEIGHBOURS}
    assert set(_found(engine, titles, country=["AT"])) == {NEIGHBOURS}
    assert set(_found(engine, titles, country=["DE"])) == {BOTH}
    assert set(_found(engine, titles)) == {BOTH, NEIGHBOURS}


def test_a_query_narrowed_and_paged_builds_its_clauses_once(engine):
    engine, titles = engine
    elasticsearch.forget_bodies()
    kept = [
        _found(engine, titles),
        _found(engine, titles, country=["AT"]),
        engine.search(SearchRequest(q=QUERY, page=2)).total,
    ]
    # One query part kept for all three requests (three bodies).
    assert len(elasticsearch._queries) == 1
    assert len(elasticsearch._bodies) == 3
    elasticsearch.forget_bodies()  # the same results as built afresh each time
    afresh = []
    for filters in ({}, {"country": ["AT"]}):
        afresh.append(_found(engine, titles, **filters))
        elasticsearch.forget_bodies()
    afresh.append(engine.search(SearchRequest(q=QUERY, page=2)).total)
    assert kept == afresh
    assert set(kept[0]) == {BOTH, NEIGHBOURS}


def test_a_search_asked_again_ranks_with_the_weights_read_since(engine):
    engine, titles = engine
    before = _found(engine, titles)
    concepts = AnalysedQuery.of(QUERY).concepts
    for cid, _weight, _kind in expansion.expand(concepts):
        ConceptWeight.objects.update_or_create(
            concept=cid, defaults={"weight": 0.5, "documents": 1}
        )
    expansion.forget_weights()  # as a rebuild does (expansion.store_weights)
    after = _found(engine, titles)
    assert after != before
    # Narrowed, a body never built: its query part with the new weights too.
    narrowed = _found(engine, titles, country=["DE"])
    elasticsearch.forget_bodies()  # the same scores as a body built afresh
    assert _found(engine, titles) == after
    assert _found(engine, titles, country=["DE"]) == narrowed


def test_a_query_with_its_language_held_out_has_its_own_unit_words():
    # "Handwerk" is a word of a German term: no unit of its own, unless the
    # German terms are held out (the evaluation's held-out-language runs),
    # whatever was asked before in the same process.
    languages = ("de", "en")
    assert tuple(expansion.unit_words("Handwerk", languages)) == ()
    with thesaurus.holding_out("de"):
        held = tuple(expansion.unit_words("Handwerk", languages))
    assert tuple(expansion.unit_words("Handwerk", languages)) == ()
    assert held == ("Handwerk",)
