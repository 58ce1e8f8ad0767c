"""The label audit (search/label_audit.py, ``manage.py thesaurus_labels``):
a language whose terms for a concept are all phrases, where other languages
have a one-word name, is listed for a reviewer to read."""

from io import StringIO

from django.core.management import call_command

from search.label_audit import long_only


def test_a_language_with_phrases_only_is_listed_and_one_with_a_word_is_not():
    found = {(language, concept) for language, concept, _t, _h in long_only()}
    # Greek writes "αντλία θερμότητας" where German writes "Wärmepumpe".
    assert ("el", "heat pump") in found
    assert ("de", "heat pump") not in found
    # Fewer languages required, more pairs listed.
    assert len(long_only(others=1)) > len(found)


def test_the_command_prints_the_pairs_of_one_language():
    out = StringIO()
    call_command("thesaurus_labels", language=["el"], stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.startswith("el\theat pump\t") for line in lines)
    assert not any(line.startswith("de\t") for line in lines[:-1])
    assert lines[-1].startswith("pairs: ")
