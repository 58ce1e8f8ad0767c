"""A query is analysed with every thesaurus language's chain, and a stemmer
makes unrelated words meet (search/stemguard.py): English "of" through the
Catalan chain is the stem of "ofici" (craft), the Catalan chain cuts
"formació" (training) and "formador" (trainer) alike, the Dutch one strips
"ge-" ("geslaagd", passed, stems like "slagerij", butcher's). Each caught
class is checked in the thesaurus lookup and in what every engine finds: an
English query holding "of" no longer finds a Catalan craft practice, a Dutch
"geslaagd" no butcher's, a Catalan "formació" no practice about trainers.

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess (as
test_mixed_words.py)."""

import pytest

from search import collisions, thesaurus
from search.services.query import SearchRequest

from .sqlite_run import on_sqlite


def test_a_function_word_of_one_language_names_no_concept_through_another():
    assert "craft" in collisions.named("of", "ca", rules=False)
    assert collisions.named("of", "ca") == set()
    assert "craft" not in thesaurus.concepts_in("mentoring of apprentices")
    # A Catalan word the Catalan terms hold still names its concept.
    assert thesaurus.concepts_in("oficis") == ["craft"]


def test_a_word_written_like_a_term_of_another_language_still_names_it():
    # Italian "formatori" is written like the Catalan "formador".
    assert "vet trainer" in thesaurus.concepts_in("formatori")
    assert "young people" in thesaurus.concepts_in("joves")
    assert "drones" in thesaurus.concepts_in("drone")


def test_a_prefix_the_stemmer_cut_is_no_match_with_another_word():
    # Dutch "geslaagd" (passed) and "slagerij" (butcher's) both stem to "slaag".
    assert "butchery" not in thesaurus.concepts_in("geslaagd")
    assert "butchery" in thesaurus.concepts_in("slagerij")
    # A participle of the term's own stem still names it.
    assert "simulation and virtual reality" in thesaurus.concepts_in("gesimuleerde")


PRACTICES = [
    {
        "title": "Oficis artesans de la ceràmica",
        "summary": "Tallers oberts de ceràmica i vidre bufat als pobles de la costa.",
        "content_language": "ca",
        "country": "ES",
    },
    {
        "title": "Butchery apprentices at the covered market",
        "summary": "Young butchers learn to cut and cure meat in market stalls.",
        "content_language": "en",
        "country": "IE",
    },
    {
        "title": "Mentoring apprentices in small firms",
        "summary": "Experienced staff mentor apprentices through their first year.",
        "content_language": "en",
        "country": "IE",
    },
    {
        "title": "Trainers of trainers in hospitality",
        "summary": "In-company trainers learn to coach new staff.",
        "content_language": "en",
        "country": "MT",
    },
]


@pytest.fixture
def collided(stored_practices):
    return stored_practices(PRACTICES)


def titles(engine, q, collided):
    return {collided[hit.page_id] for hit in engine.search(SearchRequest(q=q)).hits}


def check_no_collisions(engine, collided):
    # Before: "of" named craft through the Catalan chain, so the ceramics
    # workshops were an answer to an English query about mentoring.
    found = titles(engine, "mentoring of apprentices", collided)
    assert "Mentoring apprentices in small firms" in found
    assert "Oficis artesans de la ceràmica" not in found
    # Before: Dutch "geslaagd" (passed) named butchery through "slagerij".
    assert titles(engine, "geslaagd", collided) == set()
    assert "Butchery apprentices at the covered market" in titles(
        engine, "slagerij", collided
    )


def test_every_engine_no_collisions(search_engine, collided):
    check_no_collisions(search_engine(), collided)


# A stemmer cutting two words of one language to one short stem (the Catalan
# "formació", training, and "formador", trainer, to "form"; "mobiliari",
# furniture, and "mobilitat" to "mobil"), or another language's word to the
# stem of a term ("competitions" through the Catalan chain like
# "competències"): the word is written more like another concept's label than
# like any of the named concept's (search/stemguard.py, nearest spelling).


def test_a_word_written_like_another_concepts_label_names_no_concept_by_its_stem():
    assert "vet trainer" in collisions.named("formació", "ca", rules=False)
    assert "vet trainer" not in thesaurus.concepts_in("formació")
    assert "learning mobility" not in thesaurus.concepts_in("mobiliari")
    assert "competence" not in thesaurus.concepts_in("competitions")
    # Inflections of the concepts' own labels still name them.
    assert "vet trainer" in thesaurus.concepts_in("formadors")
    assert "learning mobility" in thesaurus.concepts_in("mobilitats")
    assert "competence" in thesaurus.concepts_in("competències")
    assert "furniture making" in thesaurus.concepts_in("mobiliari")
    # A word of a linked concept's terms is no rival: "desocupació"
    # (unemployment) is a word of the terms of unemployment benefits too.
    assert "unemployed" in thesaurus.concepts_in("desocupació")
    assert "pedagogy" in thesaurus.concepts_in("didaktischen")


NEIGHBOURS = [
    {
        "title": "Trainers of trainers in hospitality",
        "summary": "In-company trainers learn to coach new staff.",
        "content_language": "en",
        "country": "MT",
    },
    {
        "title": "Erasmus+ mobility for apprentices",
        "summary": "Apprentices spend three months with a partner firm abroad.",
        "content_language": "en",
        "country": "IE",
    },
    {
        "title": "Assessing competences in retail",
        "summary": "Shop staff have their competences recognised.",
        "content_language": "en",
        "country": "IE",
    },
]


@pytest.fixture
def neighbours(stored_practices):
    return stored_practices(NEIGHBOURS)


def check_no_short_stem_collisions(engine, neighbours):
    # Before: "formació" named VET trainer, "mobiliari" learning mobility and
    # "competitions" competence, so each query found the practice about them.
    assert titles(engine, "formació", neighbours) == set()
    assert titles(engine, "mobiliari", neighbours) == set()
    assert titles(engine, "competitions", neighbours) == set()
    assert titles(engine, "formadors", neighbours) == {
        "Trainers of trainers in hospitality"
    }
    assert "Erasmus+ mobility for apprentices" in titles(
        engine, "mobilitat", neighbours
    )


def test_every_engine_no_short_stem_collisions(search_engine, neighbours):
    check_no_short_stem_collisions(search_engine(), neighbours)


# A word the stem guard keeps from the concept its stem names needs a label of
# its own concept: Spanish "orientación" and Catalan "orientació" (guidance)
# analyse to "orient", as "orientador" (guidance counsellor) does, but they are
# written as words of customer service's terms too ("orientació al client"),
# so they named nothing. As career guidance's one-word terms they name it; the
# two concepts share the stem, which linked concepts may (test_thesaurus.py).


def test_guidance_alone_names_career_guidance():
    assert thesaurus.concepts_in("orientació") == ["career guidance"]
    assert thesaurus.concepts_in("orientación") == ["career guidance"]
    assert thesaurus.concepts_in("orientacions") == ["career guidance"]
    assert "guidance counsellor" in thesaurus.concepts_in("orientadors")
    # A text's concept tags too.
    tags = thesaurus.concept_tags("Sessions d'orientació als instituts.", "ca")
    assert "career_guidance" in tags


GUIDANCE = [
    {
        "title": "Career guidance for school leavers",
        "summary": "Every school leaver gets a guidance interview.",
        "content_language": "en",
        "country": "IE",
    },
    {
        "title": "Apprentices in the bakery",
        "summary": "Apprentices learn the trade over three years.",
        "content_language": "en",
        "country": "IE",
    },
]


@pytest.fixture
def guidance(stored_practices):
    return stored_practices(GUIDANCE)


def check_guidance(engine, guidance):
    # Before: "orientació" and "orientación" named nothing, so an English
    # practice about career guidance was not found.
    for q in ("orientació", "orientación"):
        assert titles(engine, q, guidance) == {"Career guidance for school leavers"}


def test_every_engine_guidance(search_engine, guidance):
    check_guidance(search_engine(), guidance)


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine_collisions = on_sqlite(__file__, "database_engine", passed=3)
