"""Vocabulary misses by kind (search/eval/README.md, sixteenth session):

* clipped official terms: people type an official term without its
  complement ("πρόωρη εγκατάλειψη [του σχολείου]", "abandono temprano [de la
  educación y la formación]"); the words before the complement name the
  concept at query time when one of them is that concept's alone;
* stem collisions: "marketing" is "market" in the Dutch and English chains,
  so a query naming the labour market named marketing; "Hochschulausbildung"
  split into "Hochschul" + "Ausbildung" and named apprenticeship and the
  in-company tutor (it is a label of higher education now);
* the collision audit (search/collisions.py) reads the third development
  set's practices too.

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess."""

import pytest

from search import collisions, thesaurus

from .conftest import titles
from .sqlite_run import on_sqlite


@pytest.mark.parametrize(
    ("query", "concept"),
    [
        ("πρόωρη εγκατάλειψη", "early school leaving"),
        ("abandono temprano", "early school leaving"),
        ("menores extranjeros", "unaccompanied minors"),
        ("diseño asistido", "computer-aided design"),
    ],
)
def test_an_official_term_without_its_complement_names_its_concept(query, concept):
    assert thesaurus.concepts_in(query) == [concept]


def test_a_clipped_term_whose_words_other_concepts_share_names_nothing():
    # "servicio público [de empleo]": both words are in other concepts' terms.
    assert thesaurus.concepts_in("servicio público") == []


def test_the_labour_market_is_no_marketing():
    assert thesaurus.concepts_in("labour market") == ["labour market"]
    assert thesaurus.concepts_in("markets") == []
    assert thesaurus.concepts_in("marketing") == ["marketing"]


def test_higher_education_is_no_apprenticeship():
    assert thesaurus.concepts_in("Hochschulausbildung") == ["higher education"]
    tags = thesaurus.concept_tags("Die Hochschulausbildung dauert drei Jahre.", "de")
    assert tags == ["higher_education"]


def test_the_collision_audit_probes_the_third_development_set():
    # "Eurodissea" (a Catalan practice of development-3 only).
    assert "eurodissea" in collisions.probe_words()["ca"]


PRACTICES = [
    {
        "title": "Segunda oportunidad contra el abandono escolar temprano",
        "summary": "Jóvenes que dejaron el instituto vuelven a estudiar en un "
        "taller de carpintería.",
        "content_language": "es",
        "country": "ES",
    },
    {
        "title": "Branding and market research for small shops",
        "summary": "Shop owners learn to build a brand and to study their customers.",
        "content_language": "en",
        "country": "IE",
    },
    {
        "title": "Young people entering the labour market",
        "summary": "Guidance on the labour market for school leavers.",
        "content_language": "en",
        "country": "MT",
    },
    {
        "title": "Ausbildung im Bäckerhandwerk",
        "summary": "Lehrlinge lernen in drei Jahren Brot und Gebäck herzustellen.",
        "content_language": "de",
        "country": "DE",
    },
    {
        "title": "Studium an der Hochschule neben dem Beruf",
        "summary": "Beschäftigte studieren an einer Hochschule in Teilzeit.",
        "content_language": "de",
        "country": "AT",
    },
]


# query -> what it finds. Before: the Greek words were in no term and the
# query found nothing; "labour market" named marketing through the Dutch
# chain and found the branding practice; "Hochschulausbildung" named
# apprenticeship and found the bakery.
EXPECTED = {
    "πρόωρη εγκατάλειψη": ["Segunda oportunidad contra el abandono escolar temprano"],
    "labour market": ["Young people entering the labour market"],
    "Hochschulausbildung": ["Studium an der Hochschule neben dem Beruf"],
}


def check_vocabulary_kinds(engine, kinds):
    found = {q: titles(engine, q, kinds) for q in EXPECTED}
    assert found == EXPECTED


def test_every_engine_vocabulary_kinds(search_engine, practices):
    check_vocabulary_kinds(search_engine(), practices)


test_sqlite_engine_vocabulary_kinds = on_sqlite(__file__, "database_engine", passed=1)
