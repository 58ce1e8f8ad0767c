"""Employers and teacher training (search/eval/README.md, fifteenth session):

* the English Snowball stemmer cuts "employer" to "employ", as "employment":
  every English text about employment was tagged employer; synonyms/stems.txt
  now gives "employer(s)" a token of its own;
* German and Dutch teacher training ("Lehrerausbildung", "lerarenopleiding")
  named apprenticeship through its head "Ausbildung" (and the in-company
  tutor, whose "Ausbilder" has the same stem); they are labels of training of
  trainers now (Cedefop: training for teachers and trainers), as "teacher
  training" is;
* "elektromobiliteit" and "Mikromobilität" split into a modifier and
  "mobility", learning mobility's label.

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess."""

import pytest

from search import thesaurus

from .conftest import titles
from .sqlite_run import on_sqlite

# (text, language) -> the concept its stem named, though it does not mean it.
FALSE_TAGS = {
    ("Employment services for young people.", "en"): "employer",
}


@pytest.mark.parametrize(("text", "language"), sorted(FALSE_TAGS))
def test_a_text_is_not_tagged_with_the_concept_of_another_word_of_its_stem(
    text, language
):
    assert FALSE_TAGS[(text, language)] not in thesaurus.concept_tags(text, language)


def test_the_employer_is_still_named_by_its_own_labels():
    assert thesaurus.concepts_in("employers") == ["employer"]
    assert thesaurus.concepts_in("Arbeitgeber") == ["employer"]
    tags = thesaurus.concept_tags("Employers offer employment to apprentices.", "en")
    assert sorted(tags) == ["apprenticeship", "employer"]


def test_teacher_training_is_training_of_trainers_not_an_apprenticeship():
    assert thesaurus.concepts_in("Lehrerausbildung") == ["training of trainers"]
    assert thesaurus.concepts_in("lerarenopleiding") == ["training of trainers"]
    assert "apprenticeship" not in thesaurus.concepts_in("Lehrkräfteausbildung")


def test_electric_and_micromobility_are_no_learning_mobility():
    # Before: the compound splitter read each as a modifier and "mobility", the
    # learning-mobility label.
    assert thesaurus.concepts_in("elektromobiliteit") == ["electric vehicles"]
    assert thesaurus.concepts_in("Mikromobilität") == ["sustainable mobility"]
    assert thesaurus.concept_tags("Cursussen over elektromobiliteit.", "nl") == [
        "electric_vehicles"
    ]


PRACTICES = [
    {
        "title": "Ausbildung im Bäckerhandwerk",
        "summary": "Lehrlinge lernen in drei Jahren Brot und Gebäck herzustellen.",
        "content_language": "de",
        "country": "DE",
    },
    {
        "title": "Employment services for young people",
        "summary": "Young jobseekers get advice on their first job.",
        "content_language": "en",
        "country": "IE",
    },
    {
        "title": "Teacher training for vocational schools",
        "summary": "Vocational teachers learn to plan lessons with digital tools.",
        "content_language": "en",
        "country": "MT",
    },
]


def check_trainer_stems(engine, trainers):
    # Before: the English employment practice was about employers through
    # "employment", and a German query for employers found it.
    assert "Employment services for young people" not in titles(
        engine, "Arbeitgeber", trainers
    )
    # Before: "Lehrerausbildung" named apprenticeship and the in-company
    # tutor, and the bakery apprenticeship came first.
    found = titles(engine, "Lehrerausbildung", trainers)
    assert found[0] == "Teacher training for vocational schools"
    assert "Ausbildung im Bäckerhandwerk" not in found


def test_every_engine_trainer_stems(search_engine, practices):
    check_trainer_stems(search_engine(), practices)


test_sqlite_engine_trainer_stems = on_sqlite(__file__, "database_engine", passed=1)
