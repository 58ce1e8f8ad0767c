"""News pages with tags, and their Atom feed."""

import datetime
from xml.etree import ElementTree

import pytest

from community.demo import ensure_news

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news(home):
    ensure_news(home)


def test_news_index_lists_newest_first_and_filters_by_tag(client, news):
    response = client.get("/news/")
    assert response.status_code == 200
    titles = [item.title for item in response.context["news_items"]]
    assert titles[0] == "International workshop in Rome announced"
    assert len(titles) == 3
    tagged = client.get("/news/?tag=workshop").context["news_items"]
    assert [i.title for i in tagged] == ["International workshop in Rome announced"]
    assert 'type="application/atom+xml"' in response.content.decode()


def test_atom_feed(client, news):
    response = client.get("/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    first = entries[0]
    assert first.find(f"{ATOM}title").text == "International workshop in Rome announced"
    assert (
        first.find(f"{ATOM}link")
        .get("href")
        .endswith("/news/international-workshop-rome/")
    )
    categories = {c.get("term") for c in first.findall(f"{ATOM}category")}
    assert categories == {"events", "workshop"}


def test_news_page_shows_localised_date(client, news):
    html = client.get("/news/call-for-good-practices/").content.decode()
    # Issue 14: one date format per language, the events pages' (day first).
    assert "6 October 2026" in html
    assert datetime.date(2026, 10, 6).isoformat() in html
    german = client.get("/de/news/call-for-good-practices/").content.decode()
    assert "6. Oktober 2026" in german
