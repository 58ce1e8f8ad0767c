"""Per-language analysis and thesaurus matching (pure Python, no service)."""

from search import thesaurus
from search.analysis import analyze, fold


def test_italian_elision_stop_words_and_stemming():
    terms = analyze("L'apprendistato nelle botteghe dell'artigianato", "it")
    assert terms == analyze("apprendistati bottega artigianato", "it")
    assert "nelle" not in terms and "l" not in terms


def test_greek_inflection_case_and_accents_share_one_term():
    assert analyze("ΜΑΘΗΤΕΊΑ", "el") == analyze("μαθητείας", "el")
    assert analyze("μαθητεια", "el") == analyze("μαθητεία", "el")
    assert analyze("και", "el") == []  # stop word


def test_each_language_uses_its_own_stemmer():
    assert analyze("aprenentatges", "ca") == analyze("aprenentatge", "ca")
    assert analyze("Ausbildungen", "de") == analyze("Ausbildung", "de")
    assert analyze("vaardigheden", "nl") == analyze("vaardigheid", "nl")
    assert analyze("apprenticeships", "en") == analyze("apprenticeship", "en")
    # The same word is stemmed differently by different languages.
    assert analyze("training", "en") == ["train"]
    assert analyze("training", "it") == ["training"]


def test_language_without_stemmer_is_lowercased_and_folded_only():
    assert analyze("Naukovanje Šegrt", "hr") == ["naukovanje", "segrt"]
    assert fold("Formación Μαθητεία") == "formacion μαθητεια"


def test_a_hyphenated_letter_is_a_prefix_not_a_stray_letter():
    assert analyze("e-learning", "it") == ["elearning"]
    assert "e-learning" not in thesaurus.concept_tags("blended learning", "en")
    assert "e-learning" in thesaurus.concept_tags("corsi in e-learning", "it")
    assert "digital_skills" not in thesaurus.concept_tags("soft skills", "en")


def test_thesaurus_finds_the_concept_of_an_inflected_query_in_any_language():
    assert "apprenticeship" in thesaurus.concepts_in("μαθητείας")
    assert "apprenticeship" in thesaurus.concepts_in("apprendistati")
    assert "apprenticeship" in thesaurus.concepts_in("Lehrlinge")
    assert thesaurus.concepts_in("warmtepomp zonnepaneel") != []
    assert thesaurus.concepts_in("zzzz qqqq") == []


def test_concept_tags_name_each_mention_in_the_texts_language_and_english():
    # An inflected Italian term, and an English one inside the Italian text.
    tags = thesaurus.concept_tags(
        "Gli apprendisti in bottega: apprendistato e blended learning", "it"
    )
    assert tags.count("apprenticeship") == 2
    assert "blended_learning" in tags
    # A Greek term in an Italian text is not an Italian word: not tagged there.
    assert "apprenticeship" not in thesaurus.concept_tags("μαθητεία", "it")
    assert thesaurus.concept_tags("Η μαθητεία των μαθητευόμενων", "el") == [
        "apprenticeship",
        "apprenticeship",
    ]


def test_a_word_of_a_multi_word_term_alone_names_no_concept():
    """No part tokens: "sistema" alone named a part of the dual system, and a
    word such as "formazione", in thirty terms, a part of thirty concepts,
    whose tokens then made up most of a practice's concept fields."""
    assert thesaurus.concept_tags("Il sistema è nuovo", "it") == []
    assert thesaurus.concept_tags("Il sistema duale", "it") == ["dual_system"]


def test_terms_for_gives_the_language_and_english_terms_of_concepts():
    terms = thesaurus.terms_for(["apprenticeship"], "ca")
    assert "aprenents" in terms
    assert "apprenticeship" in terms
    assert "μαθητεία" not in terms
