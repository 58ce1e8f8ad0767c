"""Credentials issued before they recorded the language of their content get it
from their course (learning/migrations/0004): the verification page then marks
a Greek course's name and outcomes as Greek on the English page."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from credentials.models import Credential
from credentials.services.issuing import issue_credential
from learning.models import Enrolment
from learning.services.completion import credential_arguments
from tests.credentials.test_issuing import element_opening
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module(
    "learning.migrations.0004_credentials_content_language"
)


def old_credential(course, learner):
    """A credential of the completed `course` as issued before credentials/0002:
    no language for its content or its badge."""
    enrolment = Enrolment.objects.create(
        course=course,
        user=learner,
        status=Enrolment.Status.ACTIVE,
        completed_at=timezone.now(),
    )
    credential = issue_credential(
        **{**credential_arguments(enrolment), "content_language": ""}
    )
    credential.badge_class.language = ""
    credential.badge_class.save()
    return credential


def fill():
    MIGRATION.fill_content_languages(apps, None)


def test_an_older_credential_of_a_greek_course_reads_as_greek(client, make_course):
    course = make_course(
        slug="igesia",
        title="Ηγεσία στην ψηφιακή εποχή",
        content_language="el",
        learning_outcomes="Σχεδιάζει τον ψηφιακό μετασχηματισμό",
        modules=1,
        lessons=1,
    )
    credential = old_credential(course, MemberFactory())
    before = client.get(credential.get_absolute_url()).content.decode()
    assert element_opening(before, "Σχεδιάζει τον ψηφιακό μετασχηματισμό") is None

    fill()

    credential = Credential.objects.select_related("badge_class").get()
    assert (credential.content_language, credential.badge_class.language) == (
        "el",
        "el",
    )
    page = client.get(credential.get_absolute_url()).content.decode()
    for text in ("Ηγεσία στην ψηφιακή εποχή</h2>", "Σχεδιάζει τον ψηφιακό"):
        assert 'lang="el"' in element_opening(page, text), text


def test_a_course_in_two_languages_is_told_apart_by_the_learners_enrolment(
    make_course,
):
    english = make_course(slug="e-leadership", content_language="en")
    greek = make_course(
        slug="igesia",
        title="Ηγεσία στην ψηφιακή εποχή",
        content_language="el",
        translation_of=english,
    )
    assert greek.translation_key == english.translation_key
    in_greek = old_credential(greek, MemberFactory())
    in_english = old_credential(english, MemberFactory())
    gone = old_credential(greek, MemberFactory())
    gone.recipient.delete()  # nothing left to say which course they took

    fill()

    languages = dict(Credential.objects.values_list("pk", "content_language"))
    assert languages == {in_greek.pk: "el", in_english.pk: "en", gone.pk: ""}
    # The badge carries the title of the course last issued (Greek): Greek.
    assert Credential.objects.get(pk=in_greek.pk).badge_class.language == "el"
