"""The home page in each interface language, and its query budget."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db

# What a visitor reads in the header and on the home page, per language.
EXPECTED = {
    "en": ("/", "Latest good practices", "Organisations", "Skip to content"),
    "it": ("/it/", "Ultime buone pratiche", "Organizzazioni", "Vai al contenuto"),
    "es": ("/es/", "Últimas buenas prácticas", "Organizaciones", "Saltar al contenido"),
    "ca": ("/ca/", "Darreres bones pràctiques", "Organitzacions", "Vés al contingut"),
    "el": (
        "/el/",
        "Πρόσφατες καλές πρακτικές",
        "Οργανισμοί",
        "Μετάβαση στο περιεχόμενο",
    ),
    "de": ("/de/", "Neueste Praxisbeispiele", "Organisationen", "Zum Inhalt springen"),
    "nl": ("/nl/", "Nieuwste goede praktijken", "Organisaties", "Naar de inhoud"),
}


@pytest.mark.parametrize("language", list(EXPECTED))
def test_home_page_interface_in_each_language(client, home, language):
    path, heading, nav, skip = EXPECTED[language]
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html and nav in html and skip in html
    # Menu links keep the visitor in their language.
    prefix = "" if language == "en" else f"/{language}"
    assert f'href="{prefix}/organisations/"' in html
    # The switcher links this page in every language, the current one marked.
    assert f'lang="{language}" hreflang="{language}" aria-current="true"' in html
    assert html.count('hreflang="') >= 7
    assert 'href="/el/" lang="el"' in html and 'href="/" lang="en"' in html


def test_language_switcher_keeps_the_page(client, home):
    response = client.post(
        "/i18n/setlang/", {"language": "el", "next": "/organisations/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/el/organisations/"
    response = client.get("/el/organisations/")
    assert "Αναζήτηση οργανισμών" in response.content.decode()


def test_numbers_and_dates_are_localised(client, home, make_practice, make_event):
    start = timezone.make_aware(timezone.datetime(2031, 3, 14, 10, 0))
    make_event(
        "spring",
        title="Spring workshop",
        start=start,
        end=start + timedelta(hours=4),
    )
    assert "14. März 2031" in client.get("/de/").content.decode()
    assert "14 de marzo de 2031" in client.get("/es/").content.decode()
    # Issue 14: the events pages' format, Greek months in the genitive.
    assert "14 Μαρτίου 2031" in client.get("/el/").content.decode()
    assert "14 maart 2031" in client.get("/nl/").content.decode()


def test_home_lists_latest_practices_events_and_rooms(client, home, make_practice):
    from forums.models import Room

    for n in range(8):
        make_practice(f"Practice {n}")
    Room.objects.create(name="Green skills room", slug="green-skills")
    html = client.get("/").content.decode()
    assert "Practice 7" in html and "Practice 2" in html
    assert "Practice 1" not in html  # six latest only
    assert "Green skills room" in html
    assert 'role="search"' in html and 'name="q"' in html


def test_home_page_query_budget(client, home, make_practice, make_organisation):
    org = make_organisation(slug="busy-org")
    for n in range(6):
        make_practice(f"Practice {n}", organisation=org)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    assert len(ctx.captured_queries) <= 12, [q["sql"] for q in ctx.captured_queries]
