"""Editors name the practice themes in the admin (Practice taxonomy > Theme
names): the list shows which themes still lack a name in which language, a name
saved shows on the practice page and the listing in that language at once (also
over a page kept in the cache), and the form refuses a second name for the same
theme and language or a blank one."""

import re

import pytest
from django.test import Client, override_settings
from taggit.models import Tag

from taxonomy.models import ThemeName

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/taxonomy/themename/"
ADD = LIST + "add/"


@pytest.fixture
def editor(make_user):
    """A client signed in as a member of the Editors group (the visitor is
    the `client` fixture, anonymous)."""
    editor = Client()
    editor.force_login(make_user("editor@example.org", groups=["Editors"]))
    return editor


def untranslated(html):
    """The "themes still to translate" section of the list, as text."""
    section = html[html.index("data-untranslated-themes") :]
    return section[: section.index("</section>")]


def test_an_editor_names_a_theme_and_the_greek_pages_show_it(
    editor, client, make_practice
):
    page = make_practice("Bees on the roof", themes=["urban beekeeping"])
    tag = Tag.objects.get(name="urban beekeeping")

    section = untranslated(editor.get(LIST).content.decode())
    assert "urban beekeeping" in section
    assert f'href="{ADD}?tag={tag.pk}&amp;language=el"' in section
    form = editor.get(ADD, {"tag": tag.pk, "language": "el"}).content.decode()
    assert re.search(rf'<option value="{tag.pk}" selected>urban beekeeping', form)
    assert '<option value="el" selected>' in form

    response = editor.post(
        ADD, {"tag": tag.pk, "language": "el", "name": "αστική μελισσοκομία"}
    )
    assert response.status_code == 302
    section = untranslated(editor.get(LIST).content.decode())
    assert 'data-missing="el"' not in section and 'data-missing="de"' in section

    practice = client.get(f"/el/practices/{page.slug}/").content.decode()
    assert "αστική μελισσοκομία" in practice
    listing = client.get("/el/practices/").content.decode()
    facet = listing[listing.index('data-facet="theme"') :]
    facet = facet[: facet.index("</fieldset>")]
    assert 'value="urban-beekeeping">\nαστική μελισσοκομία' in facet
    # A language nobody named it in shows the English name.
    german = client.get(f"/de/practices/{page.slug}/").content.decode()
    assert "urban beekeeping" in german and "μελισσοκομία" not in german


@override_settings(PAGE_CACHE_SECONDS=300, FACET_CACHE_SECONDS=300)
def test_a_saved_name_replaces_the_one_on_pages_already_kept(
    editor, client, make_practice
):
    page = make_practice("Mentors for apprentices", themes=["mentoring"])
    url = f"/es/practices/{page.slug}/"
    assert "mentoría" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"

    name = ThemeName.objects.get(tag__name="mentoring", language="es")
    edit = f"{LIST}edit/{name.pk}/"
    response = editor.post(
        edit, {"tag": name.tag_id, "language": "es", "name": "tutoría"}
    )
    assert response.status_code == 302
    again = client.get(url)
    assert "tutoría" in again.content.decode()
    assert "mentoría" not in again.content.decode()


def test_a_second_name_for_a_theme_and_language_is_refused(editor, make_practice):
    make_practice("Mentors for apprentices", themes=["mentoring"])
    tag = Tag.objects.get(name="mentoring")
    response = editor.post(ADD, {"tag": tag.pk, "language": "de", "name": "Coaching"})
    assert response.status_code == 200
    assert (
        "This theme already has a name in this language: edit that one instead."
        in response.content.decode()
    )
    assert list(
        ThemeName.objects.filter(tag=tag, language="de").values_list("name", flat=True)
    ) == ["Mentoring"]


def test_a_blank_name_is_refused(editor, make_practice):
    make_practice("Bees on the roof", themes=["urban beekeeping"])
    tag = Tag.objects.get(name="urban beekeeping")
    response = editor.post(ADD, {"tag": tag.pk, "language": "nl", "name": "   "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not ThemeName.objects.filter(tag=tag).exists()


def test_the_list_says_when_every_theme_is_named_in_every_language(
    editor, make_practice
):
    make_practice("Work-based learning in Rome", themes=["work-based learning"])
    html = editor.get(LIST).content.decode()
    assert "Every theme has a name in every language." in untranslated(html)

    ThemeName.objects.get(tag__name="work-based learning", language="ca").delete()
    section = untranslated(editor.get(LIST).content.decode())
    assert "work-based learning" in section and 'data-missing="ca"' in section
    assert "Every theme has a name in every language." not in section


def test_a_theme_tagged_in_another_case_has_the_names_given(
    editor, client, make_practice
):
    """Pages name a theme whatever the case of its tag ("Mentoring" has the
    names of "mentoring"); the list agrees and does not ask for them again."""
    page = make_practice("Mentors for apprentices", themes=["Mentoring"])
    html = editor.get(LIST).content.decode()
    assert "Every theme has a name in every language." in untranslated(html)
    assert "mentoría" in client.get(f"/es/practices/{page.slug}/").content.decode()
