"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser)."""

import os

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the browser tests (this package), closed at its end:
    launching it took 1.6-1.9 s on a loaded 2-CPU machine, once per module
    before (24 of them); each test still opens a context of its own.

    Playwright's sync API keeps an asyncio loop marked as running in this thread
    for as long as it is open: while it is, Django must be told that ORM calls
    from the test thread are fine (DJANGO_ALLOW_ASYNC_UNSAFE), and once it is
    closed both must be gone again, or later async tests (Channels consumers) and
    subprocesses (check --deploy) inherit them."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def open_page(browser):
    """open_page(width=1280, height=900, timeout=10_000, **context options): a
    page in a browser context of its own (its own cookies), closed after the
    test. en-GB unless `locale` says otherwise."""
    contexts = []

    def open_(width=1280, height=900, timeout=10_000, **options):
        options.setdefault("locale", "en-GB")
        context = browser.new_context(
            viewport={"width": width, "height": height}, **options
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(timeout)
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def live_site_url(live_server, settings):
    """The live server is where the site is, so e-mail links (on SITE_URL) lead
    there."""
    settings.SITE_URL = live_server.url
    return live_server.url
