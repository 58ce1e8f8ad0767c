"""The thesaurus files, their links and the concepts' weights (services/expansion.py)."""

import pytest

from search import thesaurus
from search.analysis import analyze, fold, words
from search.services import expansion
from search.services.query import SearchRequest

from .conftest import store_tokens

LANGUAGES = ("en", "it", "es", "ca", "el", "de", "nl")


@pytest.fixture
def entries():
    return thesaurus.entries()


def test_the_thesaurus_has_200_concepts_with_terms_in_seven_languages(entries):
    assert len(entries) >= 200
    for concept, entry in entries.items():
        assert set(LANGUAGES) <= set(entry["terms"]), concept
        assert entry.get("source"), f"{concept} names no source"


def test_a_term_names_one_concept_only(entries):
    owner = {}
    for concept, entry in entries.items():
        for terms in entry["terms"].values():
            for term in terms:
                assert term == term.lower(), term
                assert owner.setdefault(fold(term), concept) == concept, term


def test_an_analysed_term_names_one_concept_only(entries):
    """Two concepts whose terms stem alike name the same words, in queries and
    texts: Greek "φύλακες" (guards) and "φυλακές" (prisons) both stem to
    "φυλακ". Linked concepts (broader, narrower, related) may: their words
    are each other's by rights, as search/stemguard.py holds; German
    "Ausbilder" (in-company tutor) and "Ausbildung" (apprenticeship), Catalan
    "orientació" (career guidance) and "orientador" (guidance counsellor),
    Spanish "título" (certificate) and "titulación" (qualification), Italian
    "efficientamento energetico" (energy efficiency and a retrofit)."""
    owners = {}
    for concept, entry in entries.items():
        for language, terms in entry["terms"].items():
            for term in terms:
                forms = thesaurus.term_forms(term, language)
                assert forms, f"{term!r} ({language}) analyses to nothing"
                for form in forms:
                    owners.setdefault((language, form), set()).add(concept)
    graph = expansion.links()
    shared = {
        key: sorted(concepts)
        for key, concepts in owners.items()
        if len(concepts) > 1
        and not all(
            other in set().union(*graph.get(concept, {}).values())
            for concept in concepts
            for other in concepts - {concept}
        )
    }
    assert not shared


def test_a_term_of_several_words_keeps_more_than_one_of_them(entries):
    """A phrase whose other words are stop words tags every text holding its one
    remaining word: "learning by doing" analyses to "learn", "start-up" to "start",
    "ίσες ευκαιρίες" to "ευκαιρ"."""
    shrunk = []
    for concept, entry in entries.items():
        for language, terms in entry["terms"].items():
            for term in terms:
                if any(mark in term for mark in "'’·&"):
                    continue  # elision and plural marks: "kmo's", "passarel·les"
                parts = [word for word, _start, _end in words(term)]
                analysed = analyze(term, language)
                if len(parts) > 1 and len(analysed) == 1:
                    if any(analyze(word, language) == analysed for word in parts):
                        shrunk.append((concept, language, term))
    assert not shrunk


def test_the_thesaurus_covers_300_concepts_from_each_terminology(entries):
    assert len(entries) >= 300
    sources = {entry["source"] for entry in entries.values()}
    assert {
        "cedefop-terminology",
        "eurovoc",
        "esco-occupations",
        "esco-skills",
    } <= sources


def test_links_point_to_concepts_of_the_thesaurus_and_broader_has_no_cycle(entries):
    for concept, entry in entries.items():
        for target in entry["broader"] + entry["related"]:
            assert target in entries, f"{concept} -> {target}"
            assert target != concept
    graph = expansion.links()
    for start in entries:
        seen, todo = set(), list(graph[start]["broader"])
        while todo:
            current = todo.pop()
            assert current != start, f"{start} is broader than itself"
            if current not in seen:
                seen.add(current)
                todo.extend(graph[current]["broader"])


def test_narrower_is_the_inverse_of_broader():
    graph = expansion.links()
    assert "bricklaying and masonry" in graph["construction"]["narrower"]
    assert "construction" in graph["bricklaying and masonry"]["broader"]


def test_eurovoc_translations_and_relations_agreeing_in_several_languages():
    """EuroVoc's labels in six languages (synonyms/README.md, twelfth session):
    a descriptor our terms match in several languages gives its label in the
    others, and its relations link our concepts."""
    assert "undeclared work" in thesaurus.concepts_in("lavoro nero")
    assert "translation and interpreting" in thesaurus.concepts_in("μετάφραση")
    assert "beekeeping" in thesaurus.concepts_in("Bienenzucht")
    # Its English non-preferred labels (thirteenth session).
    assert thesaurus.concepts_in("unmanned aircraft") == ["drones"]
    assert thesaurus.concepts_in("labour exchange") == ["public employment services"]
    assert thesaurus.concepts_in("management and labour") == ["social partners"]
    graph = expansion.links()
    assert "robotics" in graph["artificial intelligence"]["related"]
    assert "livestock farming" in graph["beekeeping"]["broader"]


def test_new_subjects_are_named_alike_in_every_language():
    """Subjects no concept held (synonyms/README.md, fifteenth session): an
    Italian, a German and a Greek word for one of them name the same concept,
    linked under the wider one, so a query in one language finds practices
    written in another."""
    for names, concept in (
        (("ponteggi", "Gerüstbau", "σκαλωσιές", "steigerbouw"), "working at height"),
        (
            ("infortuni sul lavoro", "Berufskrankheit", "accidentes laborales"),
            "occupational accidents and diseases",
        ),
        (
            ("appalti pubblici", "aanbesteding", "contratación pública"),
            "public procurement",
        ),
    ):
        for word in names:
            assert thesaurus.concepts_in(word) == [concept], word
    graph = expansion.links()
    assert "working at height" in graph["construction"]["narrower"]
    assert (
        "occupational accidents and diseases"
        in (graph["occupational safety and health"]["narrower"])
    )
    assert "lean manufacturing" in graph["manufacturing"]["narrower"]


@pytest.mark.django_db
def test_a_query_concept_reaches_narrower_and_related_ones_at_lower_weights():
    expansion.forget_weights()
    reached = {
        cid: (weight, kind) for cid, weight, kind in expansion.expand(["coaching"])
    }
    assert reached["coaching"] == (1.0, "query")
    assert reached["mentoring"][1] == "related"
    assert 0 < reached["mentoring"][0] < 1.0
    construction = {
        cid: weight for cid, weight, _kind in expansion.expand(["construction"])
    }
    assert 0 < construction["roofing"] < construction["construction"]
    # A narrower concept weighs more than a related one; broader is not asked.
    assert construction["roofing"] > construction["occupational safety and health"]
    roofing = {cid for cid, _w, _k in expansion.expand(["roofing"])}
    assert "construction" not in roofing


@pytest.mark.django_db
def test_a_generic_concept_weighs_less_than_a_specific_one(corpus):
    """Apprenticeship is named by half the corpus, heat pumps by one practice."""
    weights = expansion.weights()
    assert weights["apprenticeship"] < weights["heat pump"] <= 1.0
    reached = {c: w for c, w, _k in expansion.expand(["apprenticeship"])}
    assert reached["apprenticeship"] == weights["apprenticeship"]


ROOFERS = {
    "slug": "nl-dakdekkers",
    "title": "Dakdekkers leren zonnepanelen plaatsen",
    "summary": "Korte cursussen voor dakdekkers over daken en zonnepanelen.",
    "content_language": "nl",
    "country": "NL",
}


@pytest.fixture
def with_roofers(corpus, make_practice):
    page = make_practice(**ROOFERS)
    store_tokens()
    return page


def test_every_engine_finds_a_narrower_concept_in_another_language(
    search_engine, with_roofers
):
    """ "construcción" names construction; the Dutch practice names roofing only,
    a narrower concept of it."""
    hits = search_engine().search(SearchRequest(q="construcción")).hits
    assert with_roofers.pk in [hit.page_id for hit in hits]
