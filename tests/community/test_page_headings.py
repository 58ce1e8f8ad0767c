"""The home and section index pages show their title and introduction in the
visitor's interface language (community.PageHeading), the English ones in English."""

import pytest

pytestmark = pytest.mark.django_db

# (path below the language prefix, English h1, German h1, Greek h1)
SECTIONS = [
    ("/practices/", "Good practices", "Praxisbeispiele", "Καλές πρακτικές"),
    ("/events/", "Events", "Veranstaltungen", "Εκδηλώσεις"),
    ("/news/", "News", "Neuigkeiten", "Νέα"),
]


@pytest.fixture
def sections(home):
    from community.demo import ensure_news
    from events.demo import ensure_index as ensure_event_index
    from practices.demo import ensure_index_page

    ensure_index_page()
    ensure_event_index()
    ensure_news(home)


@pytest.mark.parametrize("path,english,german,greek", SECTIONS)
def test_section_index_titles_in_the_interface_language(
    client, sections, path, english, german, greek
):
    for prefix, title in (("", english), ("/de", german), ("/el", greek)):
        html = client.get(prefix + path).content.decode()
        assert f"<h1>{title}</h1>" in html, (prefix + path, title)
        assert f"<title>{title} · VET NET Community</title>" in html


def test_home_intro_in_german_and_greek(client, home):
    assert "A Community of VET Practices" in client.get("/").content.decode()
    german = client.get("/de/").content.decode()
    assert "Eine Gemeinschaft der Berufsbildungspraxis" in german
    assert "A Community of VET Practices" not in german
    greek = client.get("/el/").content.decode()
    assert "Μια κοινότητα πρακτικών ΕΕΚ" in greek


def test_learning_index_title_in_german(client, home):
    from learning.demo import ensure_index

    ensure_index()
    html = client.get("/de/learn/").content.decode()
    assert "<h1>Lernen</h1>" in html


def test_an_edited_heading_shows_at_once(client, sections):
    """The heading is kept per content version: a page edit is seen at once."""
    from practices.models import PracticeIndexPage

    assert "<h1>Praxisbeispiele</h1>" in client.get("/de/practices/").content.decode()
    index = PracticeIndexPage.objects.get()
    heading = index.headings.get(language="de")
    heading.title = "Gute Praxis"
    index.save_revision().publish()
    heading.save()
    assert "<h1>Gute Praxis</h1>" in client.get("/de/practices/").content.decode()
