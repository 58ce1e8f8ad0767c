"""Every ISCO-08 unit group search/occupations.py claims has a concept
(search/synonyms/concepts/occupations.json, eighteenth session): a query
naming an occupation in one language finds a practice on that occupation
written in another.

* police: a German "Polizisten" finds a Spanish practice on "policías
  locales", and a query on VET policies names no police;
* bookbinding: an Italian "legatoria" finds a Dutch practice on
  "boekbinders", not the Dutch printers' one;
* cashiers, taxis: Italian "cassa integrazione" (a fund) and Greek "τάξη"
  (a school class) name neither.

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess."""

from search import occupations, thesaurus
from search.services import expansion

from .conftest import titles
from .sqlite_run import on_sqlite


def test_every_unit_group_claimed_has_a_concept():
    assert occupations.unnamed() == []
    entries = thesaurus.entries()
    codes = [code for code, _title, _concepts in occupations.UNIT_GROUPS]
    assert len(codes) == len(set(codes))
    for code, _title, concepts in occupations.UNIT_GROUPS:
        assert len(code) == 4 and code[0] in "23456789", code
        for concept in concepts:
            assert concept in entries, f"{code}: {concept}"
    left_out = {code for code, _title, _why in occupations.LEFT_OUT}
    assert not left_out & set(codes)


def test_occupations_are_named_alike_in_every_language():
    for word in ("police", "polizia", "policía", "policia", "Polizei", "politie"):
        assert thesaurus.concepts_in(word) == ["police"], word
    for word in ("bookbinder", "legatoria", "encuadernador", "Buchbinder"):
        assert thesaurus.concepts_in(word) == ["bookbinding"], word
    assert "bookbinding" in expansion.links()["graphic design and printing"]["narrower"]
    for word in ("Fluglotsen", "αεροσυνοδοί", "aeroporto", "luchthaven"):
        assert thesaurus.concepts_in(word) == ["air transport"], word


def test_common_words_name_no_occupation():
    for text, language, concept in (
        ("Le politiche per l'istruzione e la formazione.", "it", "police"),
        ("European VET policies and tax incentives.", "en", "police"),
        (
            "European VET policies and tax incentives.",
            "en",
            "taxi_and_passenger_driving",
        ),
        ("I lavoratori in cassa integrazione seguono un corso.", "it", "cashiers"),
        ("Μαθητές της β' τάξης του ΕΠΑΛ.", "el", "taxi_and_passenger_driving"),
        ("Ein Pilotprojekt der Kammer.", "de", "air_transport"),
        ("Un progetto pilota con le imprese.", "it", "air_transport"),
        ("El tutor ha de vetllar per l'aprenent.", "ca", "teaching_assistants"),
    ):
        assert concept not in thesaurus.concept_tags(text, language), text


PRACTICES = [
    {
        "title": "Formación continua de policías locales en mediación",
        "summary": "Los policías locales de la comarca aprenden a mediar en "
        "conflictos vecinales con casos prácticos.",
        "content_language": "es",
        "country": "ES",
    },
    {
        "title": "Boekbinders leren het vak in de werkplaats",
        "summary": "Leerlingen van de boekbinderij restaureren oude boeken en "
        "binden nieuwe met de hand.",
        "content_language": "nl",
        "country": "NL",
    },
    {
        "title": "Drukkers leren digitaal drukken",
        "summary": "Leerlingen van de drukkerij werken met nieuwe digitale drukpersen.",
        "content_language": "nl",
        "country": "NL",
    },
]


def check_occupations(engine, practices):
    # Before: "Polizisten" named nothing, and nothing was found.
    found = titles(engine, "Polizisten", practices)
    assert found == ["Formación continua de policías locales en mediación"]
    # Before: "legatoria" named nothing either.
    found = titles(engine, "legatoria", practices)
    assert found[:1] == ["Boekbinders leren het vak in de werkplaats"]


def test_every_engine_occupations(search_engine, practices):
    check_occupations(search_engine(), practices)


test_sqlite_engine_occupations = on_sqlite(__file__, "database_engine", passed=1)
