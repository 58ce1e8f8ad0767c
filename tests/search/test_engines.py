"""Every engine answers the same queries with the same best practices: the
database engines search the tokens Elasticsearch's documents are analysed into
(search/services/tokens.py).

PostgreSQL and Elasticsearch are tested in this run; SQLite (the embedded
default) by running the database-engine tests again in a subprocess without
DATABASE_URL, where pytest-django makes an SQLite test database by migrating
(so with the FTS5 table).
"""

import pytest

from search.models import PracticeTokens
from search.services.query import (
    DatabaseSearch,
    ElasticsearchSearch,
    SearchRequest,
    run_search,
)

from .conftest import store_tokens
from .sqlite_run import on_sqlite

pytestmark = pytest.mark.django_db

# The corpus (conftest) plus a practice about in-company tutors whose text
# talks about apprenticeship too, and one that names apprenticeship once among
# many other things: neither may outrank the practice titled with the query.
EXTRA = [
    {
        "slug": "it-tutor",
        "title": "Tutor aziendali nelle piccole imprese artigiane",
        "summary": "Un percorso breve per i tutor aziendali che seguono apprendisti "
        "e tirocinanti nelle botteghe.",
        "content_language": "it",
        "country": "IT",
        "themes": ["trainers"],
    },
    {
        "slug": "en-network",
        "title": "A network of craft associations",
        "summary": "Members share practices on apprenticeship, tutors, digital "
        "skills, green skills, mobility and funding of vocational training.",
        "content_language": "en",
        "country": "BE",
        "themes": ["networks"],
    },
]

# query -> the practice every engine ranks first
FIRST = {
    "μαθητεία": "el-mathiteia",
    "tutor aziendali": "it-tutor",
    "Digitalcoaches für Handwerksbetriebe": "de-digital",
    "Aprenentatge dual en pastisseria artesana": "ca-aprenentatge",
    "warmtepompen": "nl-warmtepomp",
}
# query in one language -> practices in others it finds through concepts
ACROSS = {"apprendistato": {"el-mathiteia", "ca-aprenentatge"}}


@pytest.fixture
def shared(corpus, make_practice):
    made = dict(corpus)
    made.update({spec["slug"]: make_practice(**spec) for spec in EXTRA})
    store_tokens()
    return {page.pk: slug for slug, page in made.items()}


def slugs(results, shared):
    return [shared[hit.page_id] for hit in results.hits]


@pytest.mark.parametrize("q, first", FIRST.items())
def test_database_engine_ranks_the_practice_first(settings, shared, q, first):
    """PostgreSQL in this run, SQLite in test_sqlite_engine's subprocess."""
    settings.ELASTICSEARCH_URL = None
    results = run_search(SearchRequest(q=q))
    assert slugs(results, shared)[0] == first
    assert not results.degraded  # the embedded default is no fallback


@pytest.mark.parametrize("q, found", ACROSS.items())
def test_database_engine_crosses_languages(settings, shared, q, found):
    settings.ELASTICSEARCH_URL = None
    assert found <= set(slugs(DatabaseSearch().search(SearchRequest(q=q)), shared))


def test_a_title_comes_first_by_the_words_it_is_written_with(make_practice):
    """The database engines put a practice whose title holds the query's words
    first; German "Ausbilder" and "Ausbildung" share a stem, and a search for
    training in crafts is no search for the practice about trainers in crafts."""
    from search.services.query import fulltext

    trainers = make_practice("Ausbilderinnen und Ausbilder im Handwerk")
    crafts = make_practice("Lehrlinge in Tischlereien")
    rows = [(crafts.pk, 2.0), (trainers.pk, 1.0)]
    order = [page_id for page_id, _score in rows]
    languages = ["de", "en"]
    assert [
        page_id
        for page_id, _s in fulltext._title_first(
            rows,
            fulltext.title_words("Ausbildung Handwerk", languages),
            fulltext.page_facts(),
        )
    ] == order
    assert [
        page_id
        for page_id, _s in fulltext._title_first(
            rows,
            fulltext.title_words("ausbilder HANDWERK", languages),
            fulltext.page_facts(),
        )
    ] == order[::-1]


def test_database_engine_counts_what_matches_the_meaning(settings, shared):
    """Heat pumps are not apprenticeship: no practice only about the one is
    counted (or faceted) for the other, and a generic mention is counted."""
    settings.ELASTICSEARCH_URL = None
    results = DatabaseSearch().search(SearchRequest(q="apprenticeship"))
    found = set(slugs(results, shared))
    assert {"it-apprendistato", "el-mathiteia", "en-network"} <= found
    assert not found & {"nl-warmtepomp", "es-digital", "de-digital"}
    assert results.total == len(found)
    languages = {
        item.value: item.count
        for facet in results.facets
        if facet.name == "language"
        for item in facet.options
    }
    assert "nl" not in languages and sum(languages.values()) == results.total


def test_database_engine_answers_a_search_in_a_few_statements(
    settings, shared, django_assert_max_num_queries
):
    """The query's analysis and its tokens' statistics are kept between
    searches, and the facets come back counted: a search asked again reads
    its page in a few statements (main's took ten: the statistics twice, the
    languages, every candidate's taxonomy...)."""
    settings.ELASTICSEARCH_URL = None
    request = SearchRequest(q="apprenticeship", filters={"country": ["IT"]})
    engine = DatabaseSearch()
    first = engine.search(request)
    with django_assert_max_num_queries(7):
        again = engine.search(request)
    assert [hit.page_id for hit in again.hits] == [hit.page_id for hit in first.hits]
    assert again.total == first.total >= 1


def test_tokens_follow_publish_and_unpublish(
    settings, make_practice, django_capture_on_commit_callbacks
):
    """The indexing task keeps the database engines' tokens, with or without
    Elasticsearch."""
    settings.ELASTICSEARCH_URL = None
    with django_capture_on_commit_callbacks(execute=True):
        page = make_practice(
            "Μαθητεία στη ζαχαροπλαστική",
            summary="Μαθητευόμενοι ζαχαροπλάστες.",
            content_language="el",
        )
    stored = PracticeTokens.objects.get(page_id=page.pk)
    assert "c0apprenticeship" in stored.concepts_title.split()
    assert [h.page_id for h in DatabaseSearch().search(SearchRequest(q="lehre")).hits]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not PracticeTokens.objects.filter(page_id=page.pk).exists()
    assert not DatabaseSearch().search(SearchRequest(q="ζαχαροπλαστική")).hits


@pytest.mark.elasticsearch
@pytest.mark.parametrize("q, first", FIRST.items())
def test_elasticsearch_ranks_the_same_practice_first(es_index, shared, q, first):
    from search.services.indexing import lifecycle

    lifecycle.rebuild()
    assert slugs(ElasticsearchSearch().search(SearchRequest(q=q)), shared)[0] == first


# Queries whose best practices every engine must agree on (the first, two of the
# top 3, and how many match): the database engines score as Elasticsearch does
# (services/query/scoring.py), with the same concept weights and links. Practices
# found only through a related concept or a word of a multi-word term score
# close to each other and may swap places below the top.
ALIKE = [
    "apprenticeship",
    "competenze digitali",
    "Μαθητεία",
    "formación dual",
    "Handwerk",
    "heat pumps installers",
]


@pytest.mark.elasticsearch
@pytest.mark.parametrize("q", ALIKE)
def test_database_engine_ranks_like_elasticsearch(es_index, shared, q):
    """PostgreSQL in this run, SQLite in test_sqlite_engine's subprocess."""
    from search.services.indexing import lifecycle

    lifecycle.rebuild()
    indexed = slugs(ElasticsearchSearch(cache=False).search(SearchRequest(q=q)), shared)
    database = slugs(DatabaseSearch().search(SearchRequest(q=q)), shared)
    assert indexed, q
    assert database[:1] == indexed[:1]
    assert len(set(database[:3]) & set(indexed[:3])) >= min(2, len(indexed))
    assert len(database) == len(indexed)


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine = on_sqlite(__file__, "database_engine", "tokens_follow")


# Elasticsearch's BM25 (LegacyBM25Similarity) multiplies every score by k1 + 1.
ES_SCALE = 1 + 1.2


@pytest.mark.elasticsearch
@pytest.mark.parametrize("q", ["apprendistato", "μαθητεία", "sistema duale"])
def test_database_engine_scores_practices_found_by_concepts_as_elasticsearch(
    es_index, shared, q
):
    """A practice in another language than the query's is found through the
    concepts alone: whole concepts, linked ones and words of multi-word terms
    (parts). Its score is Elasticsearch's on every database engine, so that
    the engines rank alike for the same reasons. (PostgreSQL in this run,
    SQLite in test_sqlite_engine's subprocess.)"""
    from search.services.indexing import lifecycle
    from search.services.query import fulltext

    lifecycle.rebuild()
    indexed = ElasticsearchSearch(cache=False).search(SearchRequest(q=q))
    database = dict(fulltext.ranked(q, 100))
    language = {"apprendistato": "it", "μαθητεία": "el", "sistema duale": "it"}[q]
    compared = [hit for hit in indexed.hits if hit.language != language]
    assert len(compared) >= 2, q
    for hit in compared:
        expected = hit.score / ES_SCALE
        assert database[hit.page_id] == pytest.approx(expected, rel=0.02), shared[
            hit.page_id
        ]


# Five practices name competences; one of them heat pumps too.
GENERIC = [
    ("Heat pumps for plumbers", "Competences for installing heat pumps."),
    ("Bakers in the old town", "Competences of young bakers."),
    ("Hairdressing in the village", "The competences of hairdressers."),
    ("Florists on the market", "Competences florists need."),
    ("Roofers on the hills", "Competences of roofers."),
]


def _generic_corpus(make_practice):
    for title, summary in GENERIC:
        make_practice(title, summary=summary, content_language="en")
    store_tokens()


def test_database_engine_counts_the_specific_concept_not_the_generic_one(
    settings, make_practice
):
    """A concept most practices name (here every one: competence) is no unit
    of the query next to a specific one: "N practices found" counts the heat
    pump practice only, not every practice naming competences. Alone, the
    generic concept still finds them all. (PostgreSQL in this run, SQLite in
    test_sqlite_engine's subprocess.)"""
    settings.ELASTICSEARCH_URL = None
    _generic_corpus(make_practice)
    results = DatabaseSearch().search(SearchRequest(q="competences heat pumps"))
    assert [hit.title for hit in results.hits] == ["Heat pumps for plumbers"]
    assert results.total == 1
    assert DatabaseSearch().search(SearchRequest(q="competences")).total == 5


@pytest.mark.elasticsearch
def test_elasticsearch_counts_the_specific_concept_not_the_generic_one(
    es_index, make_practice
):
    from search.services.indexing import lifecycle

    _generic_corpus(make_practice)
    lifecycle.rebuild()
    search = ElasticsearchSearch(cache=False)
    results = search.search(SearchRequest(q="competences heat pumps"))
    assert [hit.title for hit in results.hits] == ["Heat pumps for plumbers"]
    assert results.total == 1
    assert search.search(SearchRequest(q="competences")).total == 5
