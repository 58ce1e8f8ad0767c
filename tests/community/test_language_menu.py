"""The language menu names every language in itself, on every page language."""

import re

import pytest

pytestmark = pytest.mark.django_db

ENDONYMS = {
    "en": "English",
    "it": "Italiano",
    "es": "Español",
    "ca": "Català",
    "el": "Ελληνικά",
    "de": "Deutsch",
    "nl": "Nederlands",
}


@pytest.mark.parametrize("page_language", ["en", "it", "el", "de"])
def test_language_menu_shows_endonyms(client, home, page_language):
    path = "/" if page_language == "en" else f"/{page_language}/"
    html = client.get(path).content.decode()
    switcher = html[html.index("language-switcher") :][:2500]
    # Each choice (an option or a link) carries its language in lang="..".
    names = re.findall(r'lang="(\w\w)"[^>]*>\s*([^<\s][^<]*?)\s*<', switcher)
    assert dict(names) == ENDONYMS
