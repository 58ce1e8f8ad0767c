"""In Chromium against the live server: a keyboard user pages through the thread
listing with the page links alone (Tab to a link, Enter), the current page
announced as such, the listing's other parameters kept."""

import pytest
from playwright.sync_api import expect

from tests.baseline import ensure_baseline, forget_cached_rows
from tests.factories import ThreadFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, live_site_url):
    ensure_baseline()
    yield live_server.url
    forget_cached_rows()


def tab_to(page, name, limit=200):
    """Press Tab until the focused element is the link named `name` inside the
    "Pages of threads" landmark (bounded: a missing link fails, never hangs)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const a = document.activeElement;"
            " const nav = a && a.closest('nav');"
            " return nav ? [nav.getAttribute('aria-label'), a.textContent.trim()] : null }"
        )
        if focused == ["Pages of threads", name]:
            return
    raise AssertionError(f"Tab never reached the page link {name!r}")


def test_a_keyboard_user_pages_through_the_thread_listing(site, open_page):
    ThreadFactory.create_batch(85)  # 5 pages of 20
    page = open_page(width=1024, height=700)
    page.goto(f"{site}/forums/threads/?lang=it")
    pages = page.get_by_role("navigation", name="Pages of threads")
    expect(pages.locator("[aria-current='page']")).to_have_text("1")

    tab_to(page, "Next")
    page.keyboard.press("Enter")
    page.wait_for_url("**/forums/threads/?lang=it&page=2")
    expect(pages.locator("[aria-current='page']")).to_have_text("2")

    tab_to(page, "5")
    page.keyboard.press("Enter")
    page.wait_for_url("**/forums/threads/?lang=it&page=5")
    expect(pages.locator("[aria-current='page']")).to_have_text("5")
    expect(pages.get_by_role("link", name="Next")).to_have_count(0)

    tab_to(page, "Previous")
    page.keyboard.press("Enter")
    page.wait_for_url("**/forums/threads/?lang=it&page=4")
    expect(pages.locator("[aria-current='page']")).to_have_text("4")
