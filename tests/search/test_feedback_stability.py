"""Concept feedback weighs its concepts smoothly (search/services/expansion.py,
``feedback``): a concept's weight grows with how many of the first-ranked
practices hold it, how high they rank and how strongly they hold it, and falls
with how many practices in the collection name it. Before, a concept needed
two holders among the first-ranked practices (or the only practice found), and
the strongest five joined at one weight: a practice mentioning the unknown word
in passing, about something else, made the first ranking two practices long,
so the concept the first one is about (held by it alone) fell out of the
feedback and the practices in other languages about it were no longer found.

PostgreSQL and Elasticsearch in this run; SQLite (the embedded default) by
running the database-engine tests again in a subprocess (sqlite_run.py).
"""

import pytest

from search import thesaurus
from search.services.query import DatabaseSearch, ElasticsearchSearch, SearchRequest

from .conftest import store_tokens
from .sqlite_run import on_sqlite

# "Erzählcafé" (a storytelling café) is in no term of any language, and names
# no concept by its first letters. The German practice is about elderly care
# and holds the word; the Italian one is about elderly care in other words.
UNKNOWN = "Erzählcafé"
PRACTICES = [
    {
        "slug": "de-erzaehlcafe",
        "title": "Ein Erzählcafé für die Altenpflege",
        "summary": "Im Erzählcafé der Altenpflege erzählen Bewohnerinnen und "
        "Bewohner im Pflegeheim aus ihrem Leben; Lernende der Altenpflege "
        "hören zu.",
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
        "slug": "es-comercio",
        "title": "Marketing digital para pequeños comercios",
        "summary": "Cursos de marketing digital para comercios de barrio.",
        "content_language": "es",
        "country": "ES",
    },
    {
        "slug": "nl-taalcoaching",
        "title": "Taalcoaching voor nieuwkomers in de bouw",
        "summary": "Nieuwkomers leren Nederlands op de bouwplaats.",
        "content_language": "nl",
        "country": "NL",
    },
]
# Added later: a practice about something else that mentions the word once.
UNRELATED = {
    "slug": "de-robotik",
    "title": "Robotik in der Metallwerkstatt",
    "summary": "Auszubildende programmieren Industrieroboter. Nach dem Kurs "
    "treffen sie sich im Erzählcafé.",
    "content_language": "de",
    "country": "DE",
}


def test_the_word_is_unknown_and_the_unrelated_practice_is_not_about_elderly_care():
    assert not thesaurus.is_known_word(UNKNOWN)
    assert thesaurus.cognate_concepts(UNKNOWN) == []
    assert "elderly_care" in thesaurus.concept_tags(PRACTICES[0]["title"], "de")
    text = f"{UNRELATED['title']} {UNRELATED['summary']}"
    assert "elderly_care" not in thesaurus.concept_tags(text, "de")


def _found(engine, slugs):
    hits = engine.search(SearchRequest(q=UNKNOWN)).hits
    return {slugs[hit.page_id] for hit in hits}


def _check(engine, make_practice, rebuild):
    slugs = {}
    for spec in PRACTICES:
        slugs[make_practice(**spec).pk] = spec["slug"]
    rebuild()
    before = _found(engine(), slugs)
    assert {"de-erzaehlcafe", "it-anziani"} <= before
    slugs[make_practice(**UNRELATED).pk] = UNRELATED["slug"]
    rebuild()
    after = _found(engine(), slugs)
    # The Italian elderly-care practice is still found: the practice that
    # mentions the word in passing does not take the concept away.
    assert {"de-erzaehlcafe", "it-anziani", "de-robotik"} <= after
    assert not {"es-comercio", "nl-taalcoaching"} & after


@pytest.mark.django_db
def test_database_engine_keeps_the_feedback_when_an_unrelated_practice_is_added(
    settings, make_practice
):
    """PostgreSQL in this run, SQLite in test_sqlite_engine's subprocess."""
    settings.ELASTICSEARCH_URL = None
    _check(DatabaseSearch, make_practice, store_tokens)


@pytest.mark.django_db
@pytest.mark.elasticsearch
def test_elasticsearch_keeps_the_feedback_when_an_unrelated_practice_is_added(
    es_index, make_practice
):
    from search.services.indexing import lifecycle

    # lifecycle.rebuild stores the tokens the feedback votes read, too.
    _check(lambda: ElasticsearchSearch(cache=False), make_practice, lifecycle.rebuild)


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine = on_sqlite(__file__, "database_engine", passed=1)
