"""Morphology in the dictionary translation (search/translation.py,
search/inflection.py): a translated lemma's plural, an altered word's base, a
compound's half-suffix. Each search runs on every engine (PostgreSQL and
Elasticsearch here, SQLite in sqlite_run's subprocess).
"""

import pytest

from search.services.query import SearchRequest

from .sqlite_run import on_sqlite
from .test_translation import BAKERY


def found(engine, q, practices):
    return [practices[hit.page_id] for hit in engine.search(SearchRequest(q=q)).hits]


# "Tablett" (a serving tray) translates to the Italian lemma "vassoio"; the
# practice writes the plural "vassoi". Elasticsearch's Italian stemmer joins
# the two; our chain, which the database engines match with, kept them apart
# ("vassoi" against "vasso"), so before only Elasticsearch found the practice.
PLURAL = "Tablett"
PLURAL_PRACTICES = [
    {
        "slug": "it-sala",
        "title": "Servizio di sala nel ristorante didattico",
        "summary": "Gli allievi imparano a portare i vassoi carichi tra i tavoli "
        "e a servire i clienti del ristorante della scuola.",
        "content_language": "it",
        "country": "IT",
    },
    {
        "slug": "it-cucina",
        "title": "Cucina di base nel ristorante didattico",
        "summary": "Gli allievi imparano il taglio delle verdure e la cottura "
        "della pasta per i clienti del ristorante della scuola.",
        "content_language": "it",
        "country": "IT",
    },
]


@pytest.fixture
def plural_practices(stored_practices):
    return stored_practices(PLURAL_PRACTICES, key="slug")


def test_every_engine_finds_the_plural_of_a_translation(
    search_engine, plural_practices
):
    assert found(search_engine(), PLURAL, plural_practices) == ["it-sala"]


# "scarpette" (little shoes) is in no dictionary; its base "scarpa" is: the
# query finds the shoemakers' practice. Before, nothing.
ALTERED = "scarpette"
ALTERED_PRACTICES = [
    {
        "slug": "en-shoes",
        "title": "Making shoes by hand in a village workshop",
        "summary": "Young people learn to cut leather, stitch uppers and fit "
        "soles to shoes with an old shoemaker.",
        "content_language": "en",
        "country": "IE",
    },
    BAKERY,
]


@pytest.fixture
def altered_practices(stored_practices):
    return stored_practices(ALTERED_PRACTICES, key="slug")


def test_every_engine_reads_an_altered_word_as_its_base(
    search_engine, altered_practices
):
    assert found(search_engine(), ALTERED, altered_practices) == ["en-shoes"]


# "Lehrlingswesen" is apprenticeship as a system: "-wesen" is a half-suffix,
# not the noun "Wesen" (a being, an organism). Before, the dictionary
# translated it as "organismo", and the practice on organisms came up too.
HALF_SUFFIX = "Lehrlingswesen"
HALF_SUFFIX_PRACTICES = [
    {
        "slug": "it-apprendistato",
        "title": "Apprendistato nelle botteghe artigiane",
        "summary": "Gli apprendisti lavorano tre giorni in bottega e due a "
        "scuola con un contratto di apprendistato.",
        "content_language": "it",
        "country": "IT",
    },
    {
        "slug": "it-organismi",
        "title": "Organismi del suolo per tecnici agricoli",
        "summary": "I tecnici agricoli studiano gli organismi del suolo e la "
        "loro funzione nella fertilità dei campi.",
        "content_language": "it",
        "country": "IT",
    },
]


@pytest.fixture
def half_suffix_practices(stored_practices):
    return stored_practices(HALF_SUFFIX_PRACTICES, key="slug")


def test_every_engine_reads_a_half_suffix_compound_as_its_first_part(
    search_engine, half_suffix_practices
):
    assert found(search_engine(), HALF_SUFFIX, half_suffix_practices) == [
        "it-apprendistato"
    ]


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine = on_sqlite(__file__, "database_engine", passed=3)
