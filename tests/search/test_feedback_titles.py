"""Concept feedback (search/services/expansion.py, ``feedback``): a
first-ranked practice whose title holds the query's words the thesaurus does
not know is about them, so the concepts its title names stand for them even
when no second first-ranked practice holds those concepts. Before, a concept
needed two holders among the first-ranked practices once two were found: a
practice mentioning the word once in passing, about something else, took the
concept of the one titled with it out of the feedback, and the practices in
other languages about that concept were no longer found.

PostgreSQL and Elasticsearch in this run; SQLite (the embedded default) by
running the database-engine tests again in a subprocess (sqlite_run.py).
"""

import pytest

from search import thesaurus
from search.services.query import SearchRequest

from .sqlite_run import on_sqlite

# "Erzählcafé" (a storytelling café) is in no term of any language, and names
# no concept by its first letters. The first German practice is titled with
# it and is about elderly care; the second mentions it once, in a text about
# robotics. The Italian practices are about elderly care and about robotics,
# in other words.
UNKNOWN = "Erzählcafé"
PRACTICES = [
    {
        "slug": "de-erzaehlcafe",
        "title": "Ein Erzählcafé in der Altenpflege",
        "summary": "Bewohnerinnen und Bewohner im Pflegeheim erzählen aus ihrem "
        "Leben; Auszubildende der Altenpflege hören zu und schreiben mit.",
        "content_language": "de",
        "country": "DE",
    },
    {
        "slug": "de-robotik",
        "title": "Robotik in der Lehrwerkstatt",
        "summary": "Lernende programmieren Industrieroboter und Roboterarme. "
        "Am Tag der offenen Tür zeigen sie ihre Roboter im Erzählcafé.",
        "content_language": "de",
        "country": "DE",
    },
    {
        "slug": "it-anziani",
        "title": "Assistenza agli anziani nelle case di riposo",
        "summary": "Un corso per operatori dell'assistenza agli anziani.",
        "content_language": "it",
        "country": "IT",
    },
    {
        "slug": "it-robotica",
        "title": "Robotica industriale per tecnici",
        "summary": "Un corso di robotica industriale e di programmazione dei robot.",
        "content_language": "it",
        "country": "IT",
    },
]


@pytest.fixture
def practices(stored_practices):
    return stored_practices(PRACTICES, key="slug")


def test_the_word_is_unknown_and_both_practices_name_their_concepts():
    assert not thesaurus.is_known_word(UNKNOWN)
    assert thesaurus.cognate_concepts(UNKNOWN) == []
    assert "elderly care" in thesaurus.concepts_in(PRACTICES[0]["title"])
    assert "elderly care" in thesaurus.concepts_in(PRACTICES[2]["title"])
    assert "elderly care" not in thesaurus.concepts_in(PRACTICES[1]["summary"])


def _check(engine, practices):
    found = [
        practices[hit.page_id] for hit in engine.search(SearchRequest(q=UNKNOWN)).hits
    ]
    assert found[0] == "de-erzaehlcafe"
    assert "it-anziani" in found
    # The passing mention's own concept stands for nothing.
    assert "it-robotica" not in found


def test_every_engine_follows_the_practice_titled_with_the_word(
    search_engine, practices
):
    _check(search_engine(), practices)


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine = on_sqlite(__file__, "database_engine", passed=1)
