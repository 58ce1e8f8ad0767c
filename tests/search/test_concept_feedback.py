"""Concept feedback (search/services/expansion.py, ``feedback``): a query word
the thesaurus does not know, and that names no concept by its first letters
either, finds by itself only the practices of its own language. The concepts
those practices carry then stand for it, so a practice in another language
about the same thing is found too, on every engine; a query whose words the
thesaurus knows is ranked once.

PostgreSQL and Elasticsearch in this run; SQLite (the embedded default) by
running the database-engine tests again in a subprocess (sqlite_run.py).
"""

import pytest

from search import thesaurus, translation
from search.services import expansion
from search.services.query import SearchRequest

from .sqlite_run import on_sqlite

# "Feingebäck" (fine pastry) is in no term of any language, nor is
# "Plunderteig" (Danish pastry dough). Only the German practice holds them;
# the Italian one is about the same apprenticeship in a pastry shop, and
# shares the German one's concepts (apprenticeship, in-company tutors, pastry
# and bakery), not its words.
UNKNOWN = "Feingebäck"
# Both: a query of two units, whose first ranking coordinates its best
# practices (scoring.FIRST_COORDINATED).
BOTH = "Feingebäck Plunderteig"
PRACTICES = [
    {
        "slug": "de-feingebaeck",
        "title": "Feingebäck aus der Lehrwerkstatt",
        "summary": "Feingebäck in der Konditorei: duale Lehrlingsausbildung mit "
        "betrieblichen Ausbildern. Lehrlinge lernen im Betrieb und in der "
        "Berufsschule, vom Hefeteig bis zum Plunderteig.",
        "content_language": "de",
        "country": "DE",
    },
    {
        "slug": "it-pasticceria",
        "title": "Apprendistato in pasticceria",
        "summary": "Gli apprendisti lavorano in pasticceria con tutor aziendali e "
        "frequentano la scuola professionale.",
        "content_language": "it",
        "country": "IT",
    },
    {
        "slug": "it-digitale",
        "title": "Competenze digitali per le piccole imprese",
        "summary": "Corsi di marketing online per le piccole imprese.",
        "content_language": "it",
        "country": "IT",
    },
    {
        "slug": "es-digital",
        "title": "Competencias digitales para pymes",
        "summary": "Cursos de marketing digital para pequeñas empresas.",
        "content_language": "es",
        "country": "ES",
    },
]


@pytest.fixture(autouse=True)
def no_translation(monkeypatch):
    """The rule alone: the lexicon translates "Feingebäck" to Italian
    "pasticceria" (search/translation.py, tests/search/test_translation.py),
    which finds the Italian practice without any feedback."""
    monkeypatch.setattr(translation, "WEIGHT", 0.0)


@pytest.fixture
def practices(stored_practices):
    return stored_practices(PRACTICES, key="slug")


@pytest.fixture
def counted(monkeypatch):
    """How many times a search took a second ranking (expansion.feedback)."""
    calls = []
    original = expansion.feedback

    def feedback(*args, **kwargs):
        found = original(*args, **kwargs)
        calls.append(found)
        return found

    monkeypatch.setattr(expansion, "feedback", feedback)
    return calls


def _slugs(results, practices):
    return [practices[hit.page_id] for hit in results.hits]


def test_the_word_is_unknown_to_the_thesaurus():
    for word in BOTH.split():
        assert not thesaurus.is_known_word(word)
        assert thesaurus.cognate_concepts(word) == []


def test_a_held_out_language_leaves_its_words_unknown():
    """eval_search --holdout-language: the query's own language out of the
    thesaurus at query time, for that block only."""
    assert "apprenticeship" in thesaurus.concepts_in("apprendistato")
    with thesaurus.holding_out("it"):
        assert not thesaurus.is_known_word("apprendistato")
        assert "apprenticeship" not in thesaurus.concepts_in("apprendistato")
        assert "apprenticeship" in thesaurus.concepts_in("Lehrlingsausbildung")
    assert thesaurus.is_known_word("apprendistato")


def _check(engine, off, practices, counted):
    for q in (UNKNOWN, BOTH):
        counted.clear()
        found = _slugs(engine.search(SearchRequest(q=q)), practices)
        assert found[0] == "de-feingebaeck", q
        assert "it-pasticceria" in found, q
        assert not {"it-digitale", "es-digital"} & set(found), q
        assert len(counted) == 1, q
        # Without the rule only the practice holding the words is found.
        assert _slugs(off.search(SearchRequest(q=q)), practices) == [
            "de-feingebaeck"
        ], q
    # Words the thesaurus knows: one ranking.
    counted.clear()
    found = _slugs(engine.search(SearchRequest(q="apprendistato")), practices)
    assert "de-feingebaeck" in found
    assert counted == []


def test_every_engine_finds_a_practice_through_its_neighbours_concepts(
    search_engine, practices, counted
):
    _check(search_engine(), search_engine(feedback=None), practices, counted)


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine = on_sqlite(__file__, "database_engine", passed=1)
