"""A visitor signs up, confirms by the link from the mail, edits the profile and
switches the interface to Greek — in Chromium against the live server."""

import re

import pytest
from django.core import mail

from tests.baseline import ensure_baseline, forget_cached_rows
from tests.factories import PASSWORD

# Migrations hold data (locales, groups, root page) that the flush after each
# transactional test removes; ensure_baseline() puts it back (Django's
# serialized_rollback takes effect only now and then once Playwright runs).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server, live_site_url):
    ensure_baseline()
    yield
    forget_cached_rows()


def test_signup_confirm_edit_profile_and_switch_to_greek(live_server, site, page):
    mail.outbox.clear()
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("First name").fill("Eleni")
    page.get_by_label("Last name").fill("Papadopoulou")
    page.get_by_label("Email").fill("eleni@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Verify Your Email Address"
    )

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    assert link.startswith(live_server.url)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("link", name="My profile").is_visible()

    page.get_by_role("link", name="My profile").click()
    page.wait_for_url(re.compile(r"/members/me/$"))
    page.get_by_label("Role").fill("Trainer of trainers")
    page.get_by_label("Country").select_option("GR")
    page.get_by_label("Greek", exact=True).check()
    page.get_by_label("Expertise").fill("mentoring, tourism")
    page.get_by_label("Short bio").fill("I train tutors in Thessaloniki.")
    page.get_by_label("Show my profile in the member directory").check()
    page.get_by_role("button", name="Save profile").click()
    assert page.get_by_role("status").inner_text().strip() == (
        "Your profile has been saved."
    )
    assert page.get_by_label("Role").input_value() == "Trainer of trainers"

    page.get_by_role("navigation", name="Language").get_by_role(
        "link", name="Ελληνικά"
    ).click()
    page.wait_for_url(re.compile(r"/el/members/me/$"))
    assert page.locator("html").get_attribute("lang") == "el"
    assert page.get_by_role("heading", level=1).inner_text() == "Το προφίλ μου"
    assert page.get_by_role("link", name="Οργανισμοί").is_visible()

    page.goto(f"{live_server.url}/el/members/")
    assert "Eleni Papadopoulou" in page.locator("main").inner_text()
