"""Issue 15 review: the database engines' rules live once. Which practices a
search may show is the practice listing's rule (live, public, aliases out),
for the results, the search without words, the suggestions and the saved
searches alike; and the tokens are the fields the engines score, nothing of
the part tokens the thesaurus no longer makes."""

import pytest
from django.db import connection
from django.http import QueryDict

from search.models import PracticeTokens
from search.services import tokens
from search.services.indexing.practice_documents import practice_document_of
from search.services.query import DatabaseSearch, SearchRequest
from search.services.query.saved import matching

from .conftest import store_tokens

pytestmark = pytest.mark.django_db


def test_an_alias_is_the_same_practice_once(settings, corpus):
    """An alias shows the practice at another address: the listing leaves it
    out, and so does every part of the database search (it was a second hit
    of the same practice, and a second notice of a saved search)."""
    settings.ELASTICSEARCH_URL = None
    original = corpus["it-apprendistato"]
    alias = original.create_alias(update_slug="apprendistato-copia")
    store_tokens()
    engine = DatabaseSearch()
    for request in (
        SearchRequest(q="apprendistato"),
        SearchRequest(q="apprendistato", filters={"country": ["IT"]}),
        SearchRequest(),
    ):
        results = engine.search(request)
        found = [hit.page_id for hit in results.hits]
        assert original.pk in found
        assert alias.pk not in found
        assert results.total == len(found)
    facets = {f.name: f for f in engine.search(SearchRequest(q="apprendistato")).facets}
    assert {o.value: o.count for o in facets["country"].options}["IT"] == 1
    suggested = [s["url"] for s in engine.suggest("Apprendistato duale")]
    assert len(suggested) == 1
    assert matching(original.pk, ["q=apprendistato"]) == {"q=apprendistato"}
    assert matching(alias.pk, ["q=apprendistato"]) == set()


def test_saved_search_and_results_page_apply_one_facet_rule(settings, corpus):
    """A saved search holds a practice exactly when the results page of its
    permalink lists it, whatever facets it chose."""
    settings.ELASTICSEARCH_URL = None
    engine = DatabaseSearch()
    permalinks = [
        "q=apprendistato",
        "q=apprendistato&country=IT",
        "q=apprendistato&country=IT&country=ES",
        "q=apprendistato&country=ES&eqf=3",
        "q=apprendistato&sector=food-catering",
        "q=apprendistato&language=ca&language=el",
        "country=GR",
    ]
    for page in corpus.values():
        held = matching(page.pk, permalinks)
        for permalink in permalinks:
            request = SearchRequest.from_querydict(QueryDict(permalink), per_page=100)
            listed = {hit.page_id for hit in engine.search(request).hits}
            assert (permalink in held) == (page.pk in listed), (page.slug, permalink)


def test_tokens_are_the_fields_the_engines_score(corpus):
    """No part tokens: neither a stored field nor a column of the structures
    over the tokens (PostgreSQL's tsvector over them is gone too: the engine
    ranks from the postings). The text's main concepts are stored for the
    count rule (query/floor.py), not scored."""
    document = practice_document_of(corpus["it-apprendistato"].pk)
    scored = {"title", "concepts_title", "concepts_text", "text", "concepts_main"}
    assert set(tokens.tokens_of(document)) == {"language", *scored}
    with connection.cursor() as cursor:
        columns = {
            column.name
            for column in connection.introspection.get_table_description(
                cursor, PracticeTokens._meta.db_table
            )
        }
    assert columns == {"page_id", "language", *scored}
