"""Every ISCED-F 2013 detailed field of education has a concept
(search/fields_of_education.py, search/synonyms/concepts/fields-of-education.json,
seventeenth session): a query naming a field in one language finds a practice
of that field written in another.

* midwifery: a German "Hebamme" finds a Spanish practice on "matronas";
* architecture and town planning: a Greek "πολεοδόμοι" finds a German
  practice on "Stadtplanung", not the German builders' one;
* biology: the Italian "biologia" keeps its own token, so "agricoltura
  biologica" (organic farming) is not tagged biology.

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess."""

from search import fields_of_education, thesaurus
from search.services import expansion

from .conftest import titles
from .sqlite_run import on_sqlite


def test_every_detailed_field_of_education_has_a_concept():
    assert fields_of_education.unnamed() == []
    entries = thesaurus.entries()
    for code, _name, concepts in fields_of_education.FIELDS:
        for concept in concepts:
            assert concept in entries, f"{code}: {concept}"


def test_fields_are_named_alike_in_every_language():
    for word in ("midwives", "ostetriche", "matronas", "llevadores", "Hebammen"):
        assert thesaurus.concepts_in(word) == ["midwifery"], word
    assert "midwifery" in expansion.links()["nursing"]["narrower"]
    for word in ("πολεοδομία", "Stadtplanung", "stedenbouw", "stadsplanning"):
        assert thesaurus.concepts_in(word) == ["architecture and town planning"], word
    assert (
        "architecture and town planning"
        in expansion.links()["construction"]["narrower"]
    )


def test_organic_farming_is_not_biology():
    assert "biology" in thesaurus.concept_tags("Corso di biologia marina.", "it")
    for text, language in (
        ("Corsi di agricoltura biologica per le aziende.", "it"),
        ("Control biológico de plagas en el olivar.", "es"),
    ):
        assert "biology" not in thesaurus.concept_tags(text, language), text


PRACTICES = [
    {
        "title": "Formación continua de matronas en el hospital comarcal",
        "summary": "Las matronas del paritorio practican la atención al parto "
        "con simuladores y acompañan a las alumnas en prácticas.",
        "content_language": "es",
        "country": "ES",
    },
    {
        "title": "Stadtplanung mit Jugendlichen",
        "summary": "Auszubildende der Stadtverwaltung entwerfen mit Stadtplanerinnen "
        "einen neuen Platz für ihr Viertel.",
        "content_language": "de",
        "country": "DE",
    },
    {
        "title": "Maurer lernen auf der Baustelle",
        "summary": "Auszubildende im Bauhandwerk mauern Wände und setzen Fenster.",
        "content_language": "de",
        "country": "DE",
    },
]


def check_fields(engine, fields):
    # Before: "Hebamme" named nothing, and nothing was found.
    found = titles(engine, "Hebamme", fields)
    assert found == ["Formación continua de matronas en el hospital comarcal"]
    # Before: "πολεοδόμοι" named nothing either.
    found = titles(engine, "πολεοδόμοι", fields)
    assert found[:1] == ["Stadtplanung mit Jugendlichen"]
    assert "Maurer lernen auf der Baustelle" not in found[:1]


def test_every_engine_fields_of_education(search_engine, practices):
    check_fields(search_engine(), practices)


test_sqlite_engine_fields_of_education = on_sqlite(
    __file__, "database_engine", passed=1
)
