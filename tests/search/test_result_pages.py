"""The results' pages: the one page links of the site, which keep the query and
the chosen facets, and the last page for a page past the end."""

import pytest

from tests.page_links import page_nav

from .conftest import indexed_engine, store_tokens

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


@pytest.fixture
def carpentry(es_index, make_practice):
    """30 practices on carpentry, 25 of them Italian, among 40 on other things."""
    for n in range(30):
        make_practice(
            title=f"Carpentry workshop {n}",
            slug=f"carpentry-{n}",
            country="IT" if n < 25 else "ES",
        )
    for _n in range(40):
        make_practice()
    store_tokens()
    indexed_engine()


def test_result_pages_keep_the_query_and_the_facets(client, carpentry):
    """25 Italian results, 10 a page: page 2 is marked, and every link keeps the
    query and the country (the landmark was "Result pages", with two neighbours
    each side instead of the site's one)."""
    html = client.get(
        "/search/", {"q": "carpentry", "country": "IT", "page": 2}
    ).content.decode()
    current, links, gaps = page_nav(html, "Pages of results")
    assert current == "2" and gaps == 0
    assert links["3"] == links["Next"] == "?q=carpentry&country=IT&page=3"
    assert links["1"] == links["Previous"] == "?q=carpentry&country=IT"


def test_a_results_page_past_the_end_shows_the_last_one(client, carpentry):
    response = client.get("/search/", {"q": "carpentry", "page": 9})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is no page 9: this list fills 3 pages; this is the last one." in html
    assert page_nav(html, "Pages of results")[0] == "3"
    assert "Carpentry workshop" in html
