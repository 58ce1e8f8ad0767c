"""The search page in Chromium: a Greek query, a facet, autocomplete, 360 px."""

import pytest

from search.services.indexing import lifecycle
from tests.search.conftest import (  # noqa: F401 - fixtures
    closed_breaker,
    corpus,
)

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def indexed(es_index, corpus):  # noqa: F811 - corpus
    lifecycle.rebuild()
    return corpus


def test_greek_search_facet_and_autocomplete_in_the_browser(live_server, page, indexed):
    page.goto(f"{live_server.url}/search/")
    page.get_by_label("Search in any language").fill("μαθητεία")
    page.get_by_label("Search in any language").press("Enter")
    page.wait_for_selector(".search-result")
    languages = page.locator(".search-result").evaluate_all(
        "items => items.map(item => item.lang)"
    )
    assert {"el", "it", "ca"} <= set(languages)
    assert page.locator(".search-result mark").count() > 0

    page.locator(".facet--language").get_by_label("Italian").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**language=it**")
    assert page.locator(".search-result").evaluate_all(
        "items => items.map(item => item.lang)"
    ) == ["it"]

    box = page.get_by_label("Search in any language")
    box.fill("")
    box.type("aprenen", delay=30)
    page.locator("#search-suggestions option").first.wait_for(state="attached")
    assert (
        page.locator("#search-suggestions option").first.get_attribute("value")
        == "Aprenentatge dual en pastisseria artesana"
    )


def test_results_fit_a_360px_screen(live_server, browser, indexed):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    small = context.new_page()
    small.goto(f"{live_server.url}/search/?q=digital")
    small.wait_for_selector(".search-result")
    overflow = small.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    context.close()
    assert overflow <= 0
