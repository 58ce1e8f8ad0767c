"""A practice's themes say what it is about (practice_documents.theme_concepts):
their concepts are indexed with its text's, so a query naming a theme's
concept finds the practice themed with it, and ranks it above one that
mentions the concept once in passing among many others, on every engine.
Before, only the title and text were tagged: the themed practice, whose text
says "its own path" rather than any term of the thesaurus, was not found.

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess (as
test_engines.py)."""

import pytest

from search.services.query import SearchRequest

from .sqlite_run import on_sqlite

pytestmark = pytest.mark.django_db

# The concept "individual learning plan", named in English; the practices are
# German and Italian, so only the concept reaches them.
QUERY = "individual learning plan"
THEMED = "Jeder auf seinem eigenen Weg"
IN_PASSING = "Una scuola di mestieri in montagna"

PRACTICES = [
    {
        "title": THEMED,
        "summary": "Wer spät einsteigt, plant mit der Lehrkraft den eigenen "
        "Weg durch die Ausbildung.",
        "content_language": "de",
        "country": "DE",
        "themes": ["individual learning plans", "guidance"],
    },
    {
        "title": IN_PASSING,
        "summary": "Apprendisti falegnami, muratori e cuochi imparano in "
        "bottega e in cantiere; la scuola offre mobilità Erasmus, "
        "orientamento, un percorso personalizzato per chi arriva tardi, "
        "competenze digitali e sicurezza sul lavoro.",
        "content_language": "it",
        "country": "IT",
        "themes": ["apprenticeship"],
    },
    {
        "title": "Ein Hotel für Köche",
        "summary": "Köche kochen in der Hotelküche mit regionalen Produkten.",
        "content_language": "de",
        "country": "AT",
        "themes": ["green skills"],
    },
]


@pytest.fixture
def themed(stored_practices):
    return stored_practices(PRACTICES)


def check_themed_first(engine, themed):
    hits = engine.search(SearchRequest(q=QUERY)).hits
    found = [themed[hit.page_id] for hit in hits]
    assert found == [THEMED, IN_PASSING], [(h.title, h.score) for h in hits]


def test_every_engine_ranks_the_themed_practice_first(search_engine, themed):
    check_themed_first(search_engine(), themed)


test_sqlite_engine_theme_concepts = on_sqlite(__file__, "database_engine", passed=1)
