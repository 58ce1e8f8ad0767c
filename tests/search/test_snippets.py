"""The snippet under each result shows the words that made the practice match,
marked, in the practice's own language, and every engine shows the same one
(search/services/snippets.py): Elasticsearch's highlighter made them before,
and the database engines showed the summary unmarked.

PostgreSQL and Elasticsearch in this run; SQLite in test_sqlite_snippets's
subprocess.
"""

import pytest

from search.services.query import DatabaseSearch, ElasticsearchSearch, SearchRequest

from .conftest import store_tokens
from .sqlite_run import on_sqlite

pytestmark = pytest.mark.django_db

PRACTICES = [
    # The query's word in the summary, inflected.
    {
        "title": "Κομμωτική για νέους",
        "summary": "Νέοι κομμωτές σε πρόγραμμα μαθητείας: τέσσερις ημέρες την "
        "εβδομάδα εργασία στο κομμωτήριο.",
        "content_language": "el",
    },
    # Found through the thesaurus: the Italian word for it, in the body only
    # (the summary holds none), next to characters HTML must escape (the body
    # is rich text: written escaped, read as plain text).
    {
        "title": "Botteghe del legno",
        "summary": "Un percorso breve per le piccole imprese della valle.",
        "body": "Gli apprendisti lavorano tre giorni in bottega &amp; due a scuola "
        "(meno di 3 &lt;b&gt;).",
        "content_language": "it",
    },
]


@pytest.fixture
def practices(make_practice):
    made = [make_practice(**spec) for spec in PRACTICES]
    store_tokens()
    return {page.pk: page.content_language for page in made}


def snippets(results):
    return {hit.language: str(hit.snippet) for hit in results.hits}


def assert_marked_in_their_language(found):
    assert "<mark>μαθητείας</mark>" in found["el"]
    assert "<mark>apprendisti</mark>" in found["it"]
    assert "&amp; due" in found["it"] and "3 &lt;b&gt;" in found["it"]
    assert "<b>" not in found["it"]


def test_database_engine_snippets_mark_the_words_in_the_hits_language(
    settings, practices
):
    """PostgreSQL in this run, SQLite in test_sqlite_snippets's subprocess."""
    settings.ELASTICSEARCH_URL = None
    found = snippets(DatabaseSearch().search(SearchRequest(q="μαθητεία")))
    assert set(found) == {"el", "it"}
    assert_marked_in_their_language(found)


@pytest.mark.elasticsearch
def test_every_engine_shows_the_same_snippets(es_index, practices):
    from search.services.indexing import lifecycle

    lifecycle.rebuild()
    request = SearchRequest(q="μαθητεία")
    indexed = snippets(ElasticsearchSearch(cache=False).search(request))
    assert_marked_in_their_language(indexed)
    assert snippets(DatabaseSearch().search(request)) == indexed


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_snippets = on_sqlite(__file__, "database_engine", passed=1)


@pytest.fixture
def few_words_kept(monkeypatch):
    """The words met by the snippets, kept per language, start afresh past a
    limit: here past 5 words."""
    from search.services import snippets

    def forget():
        snippets._surfaces.cache_clear()
        snippets.forget_passages()

    forget()
    monkeypatch.setattr(snippets._Surfaces, "LIMIT", 5)
    yield snippets
    forget()


def test_snippets_mark_the_words_when_the_kept_words_start_afresh(few_words_kept):
    """A text holding a word met before and enough new words to pass the limit
    still has that word marked (the words met before are forgotten, and its
    own analysed again)."""
    snippet = few_words_kept.result_snippet
    first = snippet(
        "Carpentry for young apprentices now.", "", "en", "carpentry", False
    )
    assert "<mark>Carpentry</mark>" in first
    text = "Carpentry in the valley, with masters, tools, benches and wood."
    assert "<mark>Carpentry</mark>" in snippet(text, "", "en", "carpentry", False)


def test_kept_snippets_hold_a_digest_of_the_text_not_the_text(monkeypatch):
    """A worker keeps its snippets without the texts they were cut from (10-KB
    bodies as keys made ~20 MB per worker), and an edited text still gets its
    own snippet; the least recently used goes first past the limit."""
    from search.services import snippets

    snippets.forget_passages()
    monkeypatch.setattr(snippets, "PASSAGES_KEPT", 2)
    body = "Carpentry apprentices learn joinery. " + "Wood and tools. " * 700
    assert len(body) > 10_000
    first = snippets.result_snippet("", body, "en", "carpentry", False)
    assert "<mark>Carpentry</mark>" in first
    assert snippets.result_snippet("", body, "en", "carpentry", False) is first
    kept = list(snippets._passages)
    assert len(kept) == 1
    assert all(len(part) < 100 for part in kept[0] if isinstance(part, str | bytes))
    edited = body.replace("Carpentry apprentices", "Young carpentry apprentices")
    second = snippets.result_snippet("", edited, "en", "carpentry", False)
    assert second.startswith("Young <mark>carpentry</mark>")
    snippets.result_snippet("", "Carpentry at school.", "en", "carpentry", False)
    assert len(snippets._passages) == 2  # the first text's snippet went
    assert snippets.result_snippet("", body, "en", "carpentry", False) is not first
    snippets.forget_passages()
