"""The interface catalogues are complete, and no test inherits another's language."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [
    code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
]


def _where(entries):
    return [
        f"{e.occurrences[0][0] if e.occurrences else '?'}: {e.msgid[:60]}"
        for e in entries
    ]


def _django_translates(language):
    """The msgids Django's own catalogue translates in ``language``."""
    import django

    own = Path(django.__file__).parent / "conf" / "locale" / language
    catalogue = polib.pofile(str(own / "LC_MESSAGES" / "django.po"))
    return {entry.msgid for entry in catalogue.translated_entries()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_interface_string_is_translated(language):
    """An empty or fuzzy msgstr shows English (or a wrong guess: gettext skips
    fuzzy entries when compiling) to readers of that language, unless Django's
    own catalogue answers it (the durations vetnet/durations.py marks: only
    Greek needs ours)."""
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))

    assert len(catalogue.translated_entries()) > 1000
    django_own = _django_translates(language)
    untranslated = [
        e for e in catalogue.untranslated_entries() if e.msgid not in django_own
    ]
    assert _where(untranslated) == []
    assert _where(catalogue.fuzzy_entries()) == []


def test_every_interface_language_has_a_catalogue():
    assert sorted(p.name for p in LOCALE.iterdir() if p.is_dir()) == sorted(LANGUAGES)


@pytest.mark.django_db
def test_a_request_in_italian_activates_italian_in_the_test_thread(client):
    """The leak the root conftest's _default_language fixture cleans up: the test
    client runs the request, and LocaleMiddleware's activate(), in this thread."""
    client.get("/it/search/")

    assert translation.get_language() == "it"


def test_the_next_test_starts_in_the_default_language():
    assert translation.get_language() == settings.LANGUAGE_CODE


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_search_models_are_named_in_every_language(language):
    """Their names are in the catalogues (the statistics models' were added
    after the last makemessages); labels are the admin's words for them."""
    from django.apps import apps

    models = list(apps.get_app_config("search").get_models())
    with translation.override(settings.LANGUAGE_CODE):
        english = [str(model._meta.verbose_name) for model in models]
    with translation.override(language):
        named = [str(model._meta.verbose_name) for model in models]
    assert [e for e, n in zip(english, named, strict=True) if e == n] == []


def _project_apps():
    """Every installed app whose code is in this repository (not a library's)."""
    from django.apps import apps

    base = Path(settings.BASE_DIR).resolve()
    return [
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and ".venv" not in Path(config.path).parts
    ]


def test_the_project_apps_are_the_installed_apps_of_this_repository():
    """The list the naming test walks holds the lowest and the highest layer
    and no library's app."""
    apps = _project_apps()
    assert "taxonomy" in apps and "notifications" in apps
    assert "wagtailcore" not in apps and "taggit" not in apps


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_project_model_is_named_in_every_language(language):
    """Each model states its name and plural (Django's default plural adds an
    "s": "weekly hourss") through gettext, and both are in the language's
    catalogue, translated: the admin's words for them in every language."""
    from django.apps import apps
    from django.utils.functional import Promise

    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    translated = {e.msgid for e in catalogue.translated_entries()}
    missing = []
    for app in _project_apps():
        for model in apps.get_app_config(app).get_models():
            options = model._meta.original_attrs
            for key in ("verbose_name", "verbose_name_plural"):
                with translation.override(settings.LANGUAGE_CODE):
                    name = str(options.get(key, ""))
                lazy = isinstance(options.get(key), Promise)
                if not lazy or name not in translated:
                    missing.append(f"{model._meta.label}.{key}: {name!r}")
    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_how_long_ago_is_written_in_every_language(client, language):
    """Django's own Greek catalogue lacks the durations |timesince writes: the
    threads' "active 6 minutes ago" showed English inside Greek pages."""
    from datetime import timedelta

    from django.utils import timezone
    from django.utils.timesince import timesince

    ago = timezone.now() - timedelta(days=2, hours=3)
    with translation.override(language):
        written = timesince(ago)
    assert "day" not in written and "hour" not in written, written
    with translation.override("el"):
        assert timesince(timezone.now() - timedelta(minutes=6)) == "6\xa0λεπτά"
