"""How the thesaurus is matched in texts and queries, over a small thesaurus of
its own (pure Python, no service): compounds, word order, accents."""

import json

import pytest

from search import thesaurus
from search.analysis import analyze

CONCEPTS = [
    {
        "concept": "apprenticeship",
        "terms": {"en": ["apprenticeship"], "de": ["Lehrling", "Lehrlinge"]},
    },
    {
        "concept": "training",
        "terms": {"en": ["training"], "de": ["Ausbildung"], "nl": ["opleiding"]},
    },
    {
        "concept": "vocational education",
        "terms": {"en": ["vocational education"], "de": ["Berufsausbildung"]},
    },
    {
        "concept": "trainer",
        "terms": {"en": ["trainer"], "de": ["Lehrkraft", "Lehrkräfte"]},
    },
    {
        "concept": "in-company tutor",
        "terms": {"en": ["in-company tutor"], "nl": ["opleider", "opleiders"]},
    },
    {
        "concept": "work placement",
        "terms": {"en": ["work placement"], "nl": ["praktijk", "stage"]},
    },
    {
        "concept": "training of trainers",
        "terms": {
            "en": ["training of trainers"],
            "it": ["formazione dei formatori"],
        },
    },
    {
        "concept": "dual system",
        "terms": {"en": ["dual system"], "ca": ["formació dual"]},
    },
    {
        "concept": "apprenticeship el",
        "terms": {"en": ["apprentice"], "el": ["μαθητευόμενος"]},
    },
]


@pytest.fixture
def path(tmp_path):
    file = tmp_path / "concepts.json"
    file.write_text(json.dumps(CONCEPTS), encoding="utf-8")
    return file


def test_a_compound_names_the_concepts_of_its_parts(path):
    # Lehrling + linking "s" + Ausbildung, in a query and in a text.
    assert set(thesaurus.concepts_in("Lehrlingsausbildung", path)) == {
        "apprenticeship",
        "training",
    }
    tags = thesaurus.concept_tags("Die Lehrlingsausbildungen im Betrieb", "de", path)
    assert sorted(tags) == ["apprenticeship", "training"]
    # A modifier in its plural, written with an umlaut.
    assert set(thesaurus.concepts_in("Lehrkräfteausbildung", path)) == {
        "trainer",
        "training",
    }


def test_a_term_is_found_inside_a_longer_compound(path):
    # "Vertrag" is no word of the thesaurus: one unknown piece may stay.
    tags = thesaurus.concept_tags("Der Berufsausbildungsvertrag gilt", "de", path)
    assert tags == ["vocational_education"]
    assert thesaurus.concepts_in("Ausbildungsverträge", path) == ["training"]


def test_dutch_compounds_split_on_the_thesaurus_words(path):
    assert set(thesaurus.concepts_in("praktijkopleiders", path)) == {
        "work placement",
        "in-company tutor",
    }
    assert thesaurus.concept_tags("de stageopleiding", "nl", path) == [
        "work_placement",
        "training",
    ]
    # A compound of known words is VET vocabulary, not a typo to correct.
    assert thesaurus.is_known_word("praktijkopleider", path)
    assert not thesaurus.is_known_word("praktijkvertrag", path)


def test_a_word_the_thesaurus_knows_whole_is_not_split(path):
    assert thesaurus.concept_tags("Berufsausbildung", "de", path) == [
        "vocational_education"
    ]


def test_a_word_that_is_no_compound_of_known_pieces_stays_whole(path):
    # Pieces the thesaurus does not hold, or a word too short to split.
    assert thesaurus.concept_tags("Verwaltungsgebäude Lehrgang", "de", path) == []
    assert thesaurus.analysed("Verwaltungen", "de", path) == analyze(
        "Verwaltungen", "de"
    )
    # Languages that do not write compounds as one word are never split.
    assert thesaurus.concept_tags("apprenticeshiptraining", "en", path) == []


def test_a_multi_word_term_matches_stemmed_without_function_words_any_order(path):
    # In a query: stemmed, without its function word, in any order.
    for query in (
        "formazione dei formatori",
        "Formazione formatori",
        "formatori formazione",
        "formatori, formazione: blended",
    ):
        assert thesaurus.concepts_in(query, path) == ["training of trainers"], query
    # In a text: stemmed and without the function word, in the term's order.
    tags = thesaurus.concept_tags("La formazione per i formatori", "it", path)
    assert "training_of_trainers" in tags
    # Another word between them, or the other order: no mention of the term.
    for text in ("la formazione di nuovi formatori", "formatori. Formazione"):
        assert thesaurus.concept_tags(text, "it", path) == [], text


def test_accents_left_out_still_name_the_concept(path):
    # Catalan's stemmer reads "formacio" apart from "formació".
    assert analyze("formacio", "ca") != analyze("formació", "ca")
    assert thesaurus.concepts_in("formacio dual", path) == ["dual system"]
    assert "dual_system" in thesaurus.concept_tags("la formacio dual", "ca", path)


def test_greek_capitals_accents_and_final_sigma_fold(path):
    for written in ("ΜΑΘΗΤΕΥΌΜΕΝΟΣ", "ΜΑΘΗΤΕΥΟΜΕΝΟΣ", "μαθητευομενος", "Μαθητευόμενοι"):
        assert thesaurus.concepts_in(written, path) == ["apprenticeship el"], written
    assert thesaurus.concept_tags("ΟΙ ΜΑΘΗΤΕΥΟΜΕΝΟΙ", "el", path) == [
        "apprenticeship_el"
    ]
