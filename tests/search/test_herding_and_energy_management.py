"""Subjects no concept held and links between concepts
(search/synonyms/concepts/vet-additions-2.json, search/eval/README.md,
sixteenth session):

* sheep and goat herding (ESCO's shepherd): a Greek query "βοσκοί" finds a
  Catalan practice about "pastors", and not a Catalan pastry workshop, whose
  "pastís" the Catalan chain cut to the same stem as "pastor" (a stem
  override in synonyms/stems.txt keeps them apart);
* energy management in companies (ESCO): a German "Energiemanager" finds a
  Spanish practice on "gestión energética";
* a file may link concepts other files hold (its ``links``).

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess."""

from search import thesaurus
from search.services import expansion

from .conftest import titles
from .sqlite_run import on_sqlite


def test_herding_is_named_alike_in_every_language_and_sits_under_livestock():
    for word in ("shepherds", "pastori", "pastores", "pastors", "βοσκοί", "Schäfer"):
        assert thesaurus.concepts_in(word) == ["pastoralism"], word
    assert "pastoralism" in expansion.links()["livestock farming"]["narrower"]
    # The Catalan chain cuts "pastís" (pastry) to "past"; "pastor" keeps its own.
    assert "pastoralism" not in thesaurus.concept_tags(
        "Elaborem pastís i pasta fresca.", "ca"
    )


def test_energy_management_is_a_kind_of_energy_efficiency():
    for word in ("Energiemanager", "gestión energética", "energiebeheer"):
        assert thesaurus.concepts_in(word) == ["energy management"], word
    assert "energy management" in expansion.links()["energy efficiency"]["narrower"]


def test_a_file_links_concepts_other_files_hold():
    graph = expansion.links()
    assert "in-company training" in graph["training funding"]["related"]
    assert "training funding" in graph["in-company training"]["related"]
    assert "europass" in graph["erasmus+"]["related"]


PRACTICES = [
    {
        "title": "Escola de pastors a la muntanya",
        "summary": "Joves pastors aprenen a cuidar ramats d'ovelles i cabres "
        "durant la transhumància.",
        "content_language": "ca",
        "country": "ES",
    },
    {
        "title": "Obrador de pastisseria al barri",
        "summary": "Els aprenents elaboren pastissos, pastís de poma i pasta fresca.",
        "content_language": "ca",
        "country": "ES",
    },
    {
        "title": "Gestión energética en pequeñas empresas",
        "summary": "Los responsables de mantenimiento implantan un sistema de "
        "gestión energética y miden los consumos de sus máquinas.",
        "content_language": "es",
        "country": "ES",
    },
]


def check_new_subjects(engine, subjects):
    # Before: "βοσκοί" named nothing, and nothing was found.
    found = titles(engine, "βοσκοί", subjects)
    assert found == ["Escola de pastors a la muntanya"]
    # Before: "Energiemanager" named nothing the Spanish practice holds.
    found = titles(engine, "Energiemanager", subjects)
    assert found[:1] == ["Gestión energética en pequeñas empresas"]


def test_every_engine_new_subjects(search_engine, practices):
    check_new_subjects(search_engine(), practices)


test_sqlite_engine_new_subjects = on_sqlite(__file__, "database_engine", passed=1)
