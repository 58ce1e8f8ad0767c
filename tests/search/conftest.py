"""Fixtures for the search tests: a multilingual corpus, a clean circuit
breaker and `search_engine`, which runs a test once per engine (the makers,
`closed_port` and `es_index`, a private index prefix per test, are in
tests/conftest.py)."""

import pytest

from search.services.client import breaker


@pytest.fixture(autouse=True)
def closed_breaker():
    breaker.reset()
    yield
    breaker.reset()


# A small multilingual corpus: three practices about apprenticeship (it, ca, el),
# two about digital skills (es, de) and one unrelated (nl).
CORPUS = [
    {
        "slug": "it-apprendistato",
        "title": "Apprendistato duale nelle botteghe di falegnameria",
        "summary": "Gli apprendisti alternano lavoro in bottega e laboratorio presso "
        "il centro di formazione, seguiti da tutor aziendali.",
        "content_language": "it",
        "country": "IT",
        "sectors": ["wood-furniture"],
        "eqf_levels": [3, 4],
        "themes": ["apprenticeship"],
    },
    {
        "slug": "ca-aprenentatge",
        "title": "Aprenentatge dual en pastisseria artesana",
        "summary": "Els aprenents treballen tres dies per setmana en obradors artesans "
        "i dos dies a l'escola.",
        "content_language": "ca",
        "country": "ES",
        "sectors": ["food-catering"],
        "eqf_levels": [3],
        "themes": ["apprenticeship"],
    },
    {
        "slug": "el-mathiteia",
        "title": "Μαθητεία στην κομμωτική",
        "summary": "Νέοι κομμωτές σε πρόγραμμα μαθητείας: τέσσερις ημέρες την εβδομάδα "
        "εργασία στο κομμωτήριο.",
        "content_language": "el",
        "country": "GR",
        "sectors": ["personal-services"],
        "eqf_levels": [4],
        "themes": ["apprenticeship"],
    },
    {
        "slug": "es-digital",
        "title": "Acompañamiento digital para micropymes",
        "summary": "Un programa de capacitación digital para personas propietarias de "
        "comercios de proximidad.",
        "content_language": "es",
        "country": "ES",
        "sectors": ["retail"],
        "eqf_levels": [5],
        "themes": ["digital skills"],
    },
    {
        "slug": "de-digital",
        "title": "Digitalcoaches für Handwerksbetriebe",
        "summary": "Digitale Kompetenzen im Handwerk: Coaches begleiten Betriebe bei der "
        "Digitalisierung.",
        "content_language": "de",
        "country": "DE",
        "sectors": ["crafts"],
        "eqf_levels": [5],
        "themes": ["digital skills"],
    },
    {
        "slug": "nl-warmtepomp",
        "title": "Warmtepompen installeren: bijscholing voor installateurs",
        "summary": "Korte praktijkcursussen over warmtepompen voor installatiebedrijven.",
        "content_language": "nl",
        "country": "NL",
        "sectors": ["construction"],
        "eqf_levels": [4],
        "themes": ["green skills"],
    },
]


def store_tokens():
    """What the indexing task stores for the database engines on commit (which a
    test's transaction never reaches)."""
    from search.services import tokens
    from search.services.indexing.practice_documents import iter_practice_documents

    tokens.rebuild(iter_practice_documents())


@pytest.fixture
def stored_practices(make_practice):
    """Make practices from a list of specs and store their tokens: {page id:
    title} (or the spec's `key`, such as "slug"), what the engine tests read
    their hits back into."""

    def make(specs, key="title"):
        made = [make_practice(**spec) for spec in specs]
        store_tokens()
        return {page.pk: getattr(page, key) for page in made}

    return make


@pytest.fixture
def practices(request, stored_practices):
    """The test module's PRACTICES made and their tokens stored: {page id:
    title}."""
    return stored_practices(request.module.PRACTICES)


def titles(engine, q, practices):
    """The titles (or keys) of the practices a search for `q` finds, best
    first."""
    from search.services.query import SearchRequest

    return [practices[hit.page_id] for hit in engine.search(SearchRequest(q=q)).hits]


def indexed_engine():
    """The practices made so far in a fresh index: Elasticsearch's engine
    without the results cache (call from a test using the es_index fixture)."""
    from search.services.indexing import lifecycle
    from search.services.query import ElasticsearchSearch

    lifecycle.rebuild()
    return ElasticsearchSearch(cache=False)


@pytest.fixture(
    params=[
        "database_engine",
        pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
    ]
)
def search_engine(request, db, settings):
    """Runs the test once per engine: `search_engine(**options)` is the
    database engine (DatabaseSearch, Elasticsearch switched off; PostgreSQL in
    this run, SQLite in sqlite_run's subprocess) or Elasticsearch's, without
    the results cache, over a fresh index of the practices made before the
    first call (so call it after the practices' fixture has made them)."""
    from django.db import connection

    from search.services.indexing import lifecycle
    from search.services.query import DatabaseSearch, ElasticsearchSearch

    if request.param == "database_engine":
        settings.ELASTICSEARCH_URL = None
        return DatabaseSearch
    if connection.vendor == "sqlite":
        pytest.skip("Elasticsearch runs in the PostgreSQL run")
    request.getfixturevalue("es_index")
    built = []

    def engine(**options):
        if not built:
            lifecycle.rebuild()
            built.append(True)
        return ElasticsearchSearch(cache=False, **options)

    return engine


@pytest.fixture
def corpus(make_practice):
    made = {spec["slug"]: make_practice(**spec) for spec in CORPUS}
    store_tokens()
    return made


@pytest.fixture
def built(es_index, corpus):
    """The corpus indexed in a fresh index of its own."""
    from search.services.indexing import lifecycle

    lifecycle.rebuild()
    return corpus


def facet_counts(results, name):
    """A results facet's counts by option value ({} when the facet is absent)."""
    return {
        option.value: option.count
        for facet in results.facets
        if facet.name == name
        for option in facet.options
    }
