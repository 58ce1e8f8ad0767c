"""Credentials issued before credentials/0002 have no content language: fill it
from their course, as learning.services.completion does for new ones (the
course's Wagtail locale, which its content language sets).

A course credential's badge key is "course:<translation key>", shared by the
course's translations, so the key alone names a course in one language only
when the course has a single translation. The learner's own enrolment says
which translation they completed (or enrolled in); when neither decides (a learner since
deleted, from a course in several languages, or a course since deleted) the
credential stays unmarked, as it was. A badge class without a language gets
its course's when the course has a single language, or the one of the
translation whose title the badge carries.

It lives here, not in credentials: the key's meaning and the courses are
learning's (credentials knows neither)."""

from collections import defaultdict

from django.db import migrations

PREFIX = "course:"


def fill_content_languages(apps, schema_editor):
    BadgeClass = apps.get_model("credentials", "BadgeClass")
    Credential = apps.get_model("credentials", "Credential")
    CoursePage = apps.get_model("learning", "CoursePage")
    Enrolment = apps.get_model("learning", "Enrolment")

    languages = defaultdict(set)  # translation key -> its courses' languages
    titles = defaultdict(set)  # (translation key, title) -> languages
    for key, title, language in CoursePage.objects.values_list(
        "translation_key", "title", "locale__language_code"
    ):
        languages[str(key)].add(language)
        titles[(str(key), title)].add(language)

    def only(found):
        return next(iter(found)) if len(found) == 1 else ""

    for badge in BadgeClass.objects.filter(language="", key__startswith=PREFIX):
        key = badge.key.removeprefix(PREFIX)
        language = only(languages[key]) or only(titles[(key, badge.name)])
        if language:
            BadgeClass.objects.filter(pk=badge.pk).update(language=language)

    unmarked = list(
        Credential.objects.filter(
            content_language="", badge_class__key__startswith=PREFIX
        ).values_list("pk", "recipient_id", "badge_class__key")
    )
    # (user, translation key) -> languages of the courses they completed, and
    # of all they enrolled in
    completed, enrolled = defaultdict(set), defaultdict(set)
    for user, key, language, done in Enrolment.objects.filter(
        user_id__in={recipient for _pk, recipient, _key in unmarked if recipient}
    ).values_list(
        "user_id",
        "course__translation_key",
        "course__locale__language_code",
        "completed_at",
    ):
        enrolled[(user, str(key))].add(language)
        if done is not None:
            completed[(user, str(key))].add(language)
    for pk, recipient, badge_key in unmarked:
        key = badge_key.removeprefix(PREFIX)
        language = (
            only(completed[(recipient, key)])
            or only(enrolled[(recipient, key)])
            or only(languages[key])
        )
        if language:
            Credential.objects.filter(pk=pk).update(content_language=language)


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0002_content_language"),
        ("learning", "0003_model_names"),
    ]

    operations = [
        migrations.RunPython(fill_content_languages, migrations.RunPython.noop),
    ]
