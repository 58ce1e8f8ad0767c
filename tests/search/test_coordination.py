"""Coordination (twentieth session): of a query naming two subjects, a
practice about both comes before one that names a single subject, even in
its title ("Lehrkräfte Weiterbildung": the programme where vocational
teachers train in companies, not the page about teachers alone). The same
factor on every engine (search/services/query/scoring.py).

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess."""

from .conftest import titles
from .sqlite_run import on_sqlite


def _practice(title, summary, language, country):
    return {
        "title": title,
        "summary": summary,
        "content_language": language,
        "country": country,
    }


PRACTICES = [
    _practice(
        "Weiterbildung im Handwerk",
        "Weiterbildung für Meister: Weiterbildung in Abendkursen, "
        "Weiterbildung am Wochenende.",
        "de",
        "DE",
    ),
    _practice(
        "Ein Programm in Köln",
        "Lehrkräfte der Berufsschulen besuchen eine Weiterbildung in Betrieben.",
        "de",
        "DE",
    ),
    _practice(
        "Lehrkräfte an Berufsschulen",
        "Lehrkräfte unterrichten Auszubildende. Lehrkräfte planen den Unterricht.",
        "de",
        "DE",
    ),
    _practice(
        "Formación continua en pymes",
        "Las pymes organizan formación continua para su plantilla.",
        "es",
        "ES",
    ),
    _practice(
        "Pymes del metal",
        "Pymes del metal y sus talleres; las pymes exportan.",
        "es",
        "ES",
    ),
    _practice(
        "Un taller en Sevilla",
        "Formación continua para trabajadores de pymes andaluzas.",
        "es",
        "ES",
    ),
    # practices about other things, so that neither subject is generic
    _practice(
        "Schweißen lernen", "Schweißer üben das Schweißen an Stahlrohren.", "de", "DE"
    ),
    _practice(
        "Cocina de mercado",
        "Cocineros aprenden recetas de temporada en la cocina.",
        "es",
        "ES",
    ),
    _practice(
        "Apicoltura in montagna",
        "Gli apicoltori allevano api e producono miele.",
        "it",
        "IT",
    ),
    _practice(
        "Bakery apprentices",
        "Bakers bake bread and pastries every morning.",
        "en",
        "IE",
    ),
    _practice("Tuinbouw in kassen", "Tuinders kweken tomaten in kassen.", "nl", "NL"),
    _practice("Vinificació", "Els enòlegs elaboren vi a la bodega.", "ca", "ES"),
    _practice("Frisörhandwerk", "Friseure schneiden Haare im Salon.", "de", "AT"),
    _practice(
        "Carpintería de ribera", "Carpinteros construyen barcos de madera.", "es", "ES"
    ),
]


def check_both_subjects_first(engine, practices):
    # Before: the teachers' page (its title names one subject) came first.
    found = titles(engine, "Lehrkräfte Weiterbildung", practices)
    assert found[:2] == ["Ein Programm in Köln", "Lehrkräfte an Berufsschulen"]
    # Before: the page about SMEs alone came before the one about both.
    found = titles(engine, "formación continua pymes", practices)
    assert found.index("Un taller en Sevilla") < found.index("Pymes del metal")


def test_every_engine_both_subjects_first(search_engine, practices):
    check_both_subjects_first(search_engine(), practices)


test_sqlite_engine_both_subjects_first = on_sqlite(
    __file__, "database_engine", passed=1
)
