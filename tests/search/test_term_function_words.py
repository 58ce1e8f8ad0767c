"""A multi-word term is found in a text only with its own function words
between its words (twentieth session): "formación en trabajos forestales"
(training in forest work) named in-company training through the term
"formación de los trabajadores" (training of workers), whose words it
merely shares stems with, so a forestry practice ranked first for staff
training in every language; "formació per a persones gitanes" likewise as
"formació del personal". The articles (gender, number), the genitive
preposition and a conjunction written as a comma still pass.

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess."""

from search import thesaurus

from .conftest import titles
from .sqlite_run import on_sqlite


def test_a_term_keeps_its_prepositions_in_a_text():
    for text, language, concept in (
        ("Formación en trabajos forestales", "es", "in-company_training"),
        ("Formació per a persones gitanes", "ca", "in-company_training"),
        ("Apprentices save energy in their own company", "en", "energy_sector"),
        ("Un corso di formazione con tutor esperti", "it", "training_of_trainers"),
    ):
        assert concept not in thesaurus.concept_tags(text, language, title=True), text


def test_articles_genitives_and_lists_still_name_the_term():
    for text, language, concept in (
        ("Formación de los trabajadores del sector", "es", "in-company_training"),
        ("La formación del personal de cocina", "es", "in-company_training"),
        ("La formazione del formatore", "it", "training_of_trainers"),
        ("Corsi di lavorazione del legno", "it", "woodworking"),
        ("Lesen, Schreiben, Rechnen im Betrieb", "de", "basic_skills"),
        ("Κατάρτιση των εργαζομένων", "el", "in-company_training"),
    ):
        assert concept in thesaurus.concept_tags(text, language, title=True), text


PRACTICES = [
    {
        "title": "Formación en trabajos forestales",
        "summary": "Cuadrillas aprenden a talar y desbrozar el monte con seguridad.",
        "content_language": "es",
        "country": "ES",
    },
    {
        "title": "Ein Lernprogramm für kleine Hotels",
        "summary": "Die Hotels organisieren die Weiterbildung der Mitarbeiter am "
        "Arbeitsplatz: betriebliche Weiterbildung für Köche und Empfang.",
        "content_language": "de",
        "country": "DE",
    },
]


def check_spread_term(engine, practices):
    # Before: the forestry practice held in-company training in its title
    # and came first; it holds no word of the query either.
    found = titles(engine, "formazione del personale", practices)
    assert found == ["Ein Lernprogramm für kleine Hotels"]


def test_every_engine_spread_term(search_engine, practices):
    check_spread_term(search_engine(), practices)


test_sqlite_engine_spread_term = on_sqlite(__file__, "database_engine", passed=1)
