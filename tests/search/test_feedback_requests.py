"""What a translated query costs on Elasticsearch: a query word the thesaurus
does not know is ranked twice (concept feedback, services/expansion.py), the
first ranking giving the concepts that stand for it in the second. That first
ranking is the query's alone, the same on every page and under every facet:
a visitor who pages or narrows such a query waits for one Elasticsearch
request, not two, with the same results as a search computed in full.

The requests are those the index answered (its own search statistics), not
what the engine says it sent. The practices and query are
test_concept_feedback.py's, with translation on ("Feingebäck" is translated
to Italian "pasticceria" and still wants the feedback).
"""

import pytest

from search.documents import alias_name
from search.services import expansion
from search.services.client import call
from search.services.indexing import lifecycle
from search.services.query import ElasticsearchSearch, SearchRequest, elasticsearch
from search.services.query.analysed import AnalysedQuery, indexed_languages

from .test_concept_feedback import PRACTICES, UNKNOWN

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]

NARROWED = (
    {"country": ["IT"]},
    {"country": ["DE"]},
    {"language": ["it"]},
)


@pytest.fixture
def practices(es_index, stored_practices):
    found = stored_practices(PRACTICES, key="slug")
    lifecycle.rebuild()
    elasticsearch.forget_bodies()
    return found


def _answered():
    """Search requests the practices' index has answered so far (a request
    Elasticsearch's shard request cache answered counts too)."""
    stats = call(lambda client: client.indices.stats(index=alias_name()))
    return stats["_all"]["primaries"]["search"]["query_total"]


def _slugs(engine, practices, **filters):
    """The practices a search finds, and the requests the index answered."""
    before = _answered()
    results = engine.search(SearchRequest(q=UNKNOWN, filters=filters))
    return [practices[hit.page_id] for hit in results.hits], _answered() - before


def test_the_query_is_ranked_twice(practices):
    languages = indexed_languages()
    unknown = AnalysedQuery.of(UNKNOWN).unknown_words
    assert expansion.wants_feedback(unknown, languages)
    found, requests = _slugs(ElasticsearchSearch(cache=False), practices)
    assert found[0] == "de-feingebaeck"
    assert "it-pasticceria" in found
    assert requests == 2


def test_a_narrowed_translated_query_costs_one_request(practices):
    engine = ElasticsearchSearch(cache=True)
    indexed_languages()  # asked once a minute: not this search's
    found, requests = _slugs(engine, practices)
    assert requests == 2  # the first ranking, then the page
    in_full = ElasticsearchSearch(cache=False)
    for filters in NARROWED:
        narrowed, requests = _slugs(engine, practices, **filters)
        assert requests == 1, filters
        assert narrowed == _slugs(in_full, practices, **filters)[0], filters
    assert "it-pasticceria" in _slugs(engine, practices, country=["IT"])[0]
