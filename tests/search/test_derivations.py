"""Words derived from a term's words (search/derivation.py; search/eval/README.md,
eighteenth session):

* a verb's forms stand for the action noun a term writes, where the stemmer
  keeps them apart: Spanish "crear empresas" and Italian "creare un'impresa"
  are "creación de empresas" and "creazione d'impresa" (business start-up),
  Dutch "repareren" is "reparatie" (repair: the circular economy);
* English "dropped out" is the term "dropout" (early school leaving), and
  "energetic renovation" the "energy renovation" of the terms;
* a word that names something keeps its own concepts, and a word whose
  derivation names nothing names nothing.

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess."""

from search import thesaurus

from .conftest import titles
from .sqlite_run import on_sqlite


def test_verbs_and_phrasal_verbs_name_their_nouns_concept():
    for text, language, concept in (
        ("Los alumnos aprenden a crear empresas.", "es", "start-up"),
        ("Gli studenti imparano a creare un'impresa.", "it", "start-up"),
        ("Leerlingen leren apparaten repareren.", "nl", "circular_economy"),
        ("Young people who dropped out of school.", "en", "early_school_leaving"),
        ("Energetic renovation of old farmhouses.", "en", "energy_retrofit"),
    ):
        assert concept in thesaurus.concept_tags(text, language), text
    assert thesaurus.concepts_in("dropped out") == ["early school leaving"]
    assert "start-up" in thesaurus.concepts_in("crear empresas")


def test_a_derivation_names_only_what_a_term_word_names():
    # A verb whose noun no term holds names nothing ("dropped" alone is no
    # dropout, nor is a price that dropped).
    assert thesaurus.concepts_in("dropped") == []
    assert "early_school_leaving" not in thesaurus.concept_tags(
        "Prices dropped in the outlet.", "en"
    )


PRACTICES = [
    {
        "title": "Second chance workshop for young people",
        "summary": "Young people who dropped out of school learn a trade in a "
        "joinery workshop and prepare a portfolio.",
        "content_language": "en",
        "country": "IE",
    },
    {
        "title": "Cooperativas de alumnos en el instituto",
        "summary": "Los alumnos aprenden a crear empresas cooperativas y "
        "a presentar su proyecto a inversores locales.",
        "content_language": "es",
        "country": "ES",
    },
    {
        "title": "Reparatieatelier in de wijk",
        "summary": "Leerlingen leren elektrische apparaten repareren samen "
        "met vrijwilligers uit de buurt.",
        "content_language": "nl",
        "country": "BE",
    },
    {
        "title": "Joinery workshop for adult learners",
        "summary": "Adults learn to build furniture from oak and to price "
        "their work for customers.",
        "content_language": "en",
        "country": "IE",
    },
]


def check_derivations(engine, subjects):
    # Before: the English practice wrote "dropped out", which named no
    # concept, and the Italian query found nothing.
    found = titles(engine, "abbandono scolastico", subjects)
    assert found[:1] == ["Second chance workshop for young people"]
    # Before: "crear empresas" named no business start-up.
    found = titles(engine, "Existenzgründung", subjects)
    assert found[:1] == ["Cooperativas de alumnos en el instituto"]
    # Before: "repareren" in the text named no circular economy.
    found = titles(engine, "economia circolare", subjects)
    assert found[:1] == ["Reparatieatelier in de wijk"]


def test_every_engine_derivations(search_engine, practices):
    check_derivations(search_engine(), practices)


test_sqlite_engine_derivations = on_sqlite(__file__, "database_engine", passed=1)
