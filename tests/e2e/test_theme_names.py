"""In Chromium: an editor sees which themes still lack a name in which language,
follows the link of one, saves the name, and the Greek practice page shows it."""

import re

import pytest
from django.test import Client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_names_a_theme_from_the_missing_list(
    live_server, page, make_practice, make_user
):
    practice = make_practice("Bees on the roof", themes=["urban beekeeping"])
    editor = Client()
    editor.force_login(make_user("editor@example.org", groups=["Editors"]))
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": editor.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )

    page.goto(f"{live_server.url}/admin/snippets/taxonomy/themename/")
    missing = page.locator("[data-untranslated-themes]")
    row = missing.locator("tr", has_text="urban beekeeping")
    assert row.get_by_role("link").count() == 6  # every language but English
    row.get_by_role("link", name="Add a name for “urban beekeeping”: Ελληνικά").click()

    assert page.get_by_label(re.compile("^Theme")).locator(
        "option:checked"
    ).inner_text() == ("urban beekeeping")
    assert page.get_by_label(re.compile("^Language")).input_value() == "el"
    page.get_by_label(re.compile("^Name")).fill("αστική μελισσοκομία")
    page.get_by_role("button", name="Save").click()

    page.wait_for_url(re.compile(r"/admin/snippets/taxonomy/themename/$"))
    row = page.locator("[data-untranslated-themes] tr", has_text="urban beekeeping")
    assert row.get_by_role("link").count() == 5
    assert row.get_by_role("link", name=re.compile("Ελληνικά")).count() == 0

    page.goto(f"{live_server.url}/el/practices/{practice.slug}/")
    assert page.get_by_text("αστική μελισσοκομία").first.is_visible()
