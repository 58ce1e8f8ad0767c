"""Greek words in every case and number (search/thesaurus.py, ``_greek``;
search/synonyms/README.md, seventeenth session):

* the Greek stemmer cut a noun in -ία/-ια to its consonant in the nominative
  ("γεωδαισία", "μεταφράστρια") and kept the -ι- in the genitive and the
  plural ("γεωδαισίας", "μεταφράστριες"), so a thesaurus term written in one
  case did not find a text or a query in the other: a Greek practice on
  "γεωδαισίας" was not reached from German "Vermessung", and a Greek query
  "μεταφράστριες" named nothing, so it found no practice in another
  language;
* everyday Greek words the thesaurus had only as an official phrase:
  "πατέντες" (patents: intellectual property), "κηδείες" (funerals).

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess."""

from search import thesaurus

from .conftest import titles
from .sqlite_run import on_sqlite


def test_greek_genitives_and_plurals_name_the_nominatives_concept():
    for word, concept in (
        ("γεωδαισίας", "surveying"),
        ("μεταφράστριες", "translation and interpreting"),
        ("καθηγήτριες", "teacher"),
        ("ποδηλασίας", "sustainable mobility"),
    ):
        assert concept in thesaurus.concepts_in(word), word
    # The nominative's token, so nothing the nominative did not already name.
    assert thesaurus.term_forms("γεωργίας", "el") == thesaurus.term_forms(
        "γεωργία", "el"
    )


def test_everyday_greek_words_name_their_concept():
    assert thesaurus.concepts_in("πατέντες") == ["intellectual property"]
    assert thesaurus.concepts_in("κηδείες") == ["funeral services"]


PRACTICES = [
    {
        "title": "Σεμινάρια γεωδαισίας για τεχνικούς δήμων",
        "summary": "Οι τεχνικοί μαθαίνουν μετρήσεις γεωδαισίας με GPS και "
        "δορυφορικές εικόνες.",
        "content_language": "el",
        "country": "GR",
    },
    {
        "title": "Curso de traducción para traductores autónomos",
        "summary": "Los traductores aprenden herramientas de traducción "
        "asistida y a presupuestar encargos.",
        "content_language": "es",
        "country": "ES",
    },
    {
        "title": "Brevetti e marchi per le botteghe artigiane",
        "summary": "Gli artigiani imparano a depositare brevetti e a "
        "proteggere i propri marchi registrati.",
        "content_language": "it",
        "country": "IT",
    },
    {
        "title": "Corso di contabilità per le botteghe artigiane",
        "summary": "Gli artigiani imparano a tenere la contabilità e a "
        "preparare i bilanci.",
        "content_language": "it",
        "country": "IT",
    },
]


def check_greek_forms(engine, subjects):
    # Before: the Greek practice's "γεωδαισίας" named no concept.
    found = titles(engine, "Vermessung", subjects)
    assert found[:1] == ["Σεμινάρια γεωδαισίας για τεχνικούς δήμων"]
    # Before: "μεταφράστριες" named nothing and nothing was found.
    found = titles(engine, "μεταφράστριες", subjects)
    assert found[:1] == ["Curso de traducción para traductores autónomos"]
    # Before: "πατέντες" named nothing.
    found = titles(engine, "πατέντες", subjects)
    assert found == ["Brevetti e marchi per le botteghe artigiane"]


def test_every_engine_greek_forms(search_engine, practices):
    check_greek_forms(search_engine(), practices)


test_sqlite_engine_greek_forms = on_sqlite(__file__, "database_engine", passed=1)
