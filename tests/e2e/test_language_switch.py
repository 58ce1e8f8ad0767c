"""Changing language in the middle of a form: the visitor lands on the same page
under its language prefix (the URL contract: English without prefix, the others
under /<lang>/), and what they had typed is still there."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib.auth import get_user_model

import practices.demo
from events import demo
from events.models import Registration
from tests.baseline import ensure_baseline
from tests.e2e.test_practices import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROME = "rome-international-workshop-2027"


def switch(page, name):
    page.locator(".language-switcher").get_by_role("link", name=name).click()
    page.wait_for_load_state()


def test_switching_language_on_a_half_filled_registration_keeps_it(live_server, page):
    ensure_baseline()
    demo.load()
    page.goto(f"{live_server.url}/events/{ROME}/register/")
    page.get_by_label("Full name").fill("Giulia Rossi")
    page.get_by_label(re.compile(r"^E-mail")).fill("giulia@example.org")
    page.get_by_label("Country").select_option("IT")
    page.get_by_label("Accessibility or dietary needs").fill("Pranzo vegetariano")
    page.get_by_label("I have read the privacy notice").check()

    switch(page, "Italiano")
    assert page.url == f"{live_server.url}/it/events/{ROME}/register/"
    assert page.locator("html").get_attribute("lang") == "it"
    assert page.locator("#id_name").input_value() == "Giulia Rossi"
    assert page.locator("#id_email").input_value() == "giulia@example.org"
    assert page.locator("#id_country").input_value() == "IT"
    assert page.locator("#id_needs").input_value() == "Pranzo vegetariano"
    assert page.locator("#id_consent").is_checked()

    # Back to English (no prefix), and the form still sends as one.
    switch(page, "English")
    assert page.url == f"{live_server.url}/events/{ROME}/register/"
    assert page.locator("#id_name").input_value() == "Giulia Rossi"
    page.get_by_label("Role").select_option("trainer")
    page.get_by_role("button", name="Register").click()
    page.wait_for_url(re.compile(rf"^{live_server.url}/events/{ROME}/manage/"))
    registration = Registration.objects.get(email="giulia@example.org")
    assert registration.needs == "Pranzo vegetariano"

    # Nothing typed follows the visitor anywhere else: a fresh form is empty.
    page.goto(f"{live_server.url}/de/events/{ROME}/register/")
    assert page.locator("#id_name").input_value() == ""


def test_switching_language_after_a_refusal_keeps_what_was_typed(live_server, page):
    ensure_baseline()
    demo.load()
    page.goto(f"{live_server.url}/nl/events/{ROME}/register/")
    page.locator("#id_organisation").fill("ROC Midden")
    page.locator(".registration-form button[type=submit]").click()
    page.locator(".field--error").first.wait_for()
    switch(page, "Deutsch")
    assert page.url == f"{live_server.url}/de/events/{ROME}/register/"
    assert page.locator("#id_organisation").input_value() == "ROC Midden"


def test_switching_language_on_the_submission_form_keeps_the_text(live_server, page):
    ensure_baseline()
    practices.demo.ensure_index_page()
    member = get_user_model().objects.create_user("maria", "maria@example.org", "pw")
    log_in(page, live_server, member)
    page.goto(f"{live_server.url}/practices/submit/")
    page.get_by_label(re.compile(r"^Title")).fill("Insignias para aprendices")
    page.get_by_label(re.compile(r"^Summary")).fill("Una insignia por destreza.")
    switch(page, "Español")
    assert page.url == f"{live_server.url}/es/practices/submit/"
    assert page.locator("#id_title").input_value() == "Insignias para aprendices"
    assert page.locator("#id_summary").input_value() == "Una insignia por destreza."

    # Filters travel in the query string of the link, prefix and all.
    page.goto(f"{live_server.url}/es/practices/?country=IT&country=ES&q=dual")
    switch(page, "Català")
    url = urlsplit(page.url)
    assert url.path == "/ca/practices/"
    assert sorted(parse_qsl(url.query)) == [
        ("country", "ES"),
        ("country", "IT"),
        ("q", "dual"),
    ]
