"""Back after a refused form: the browser shows the form again with what was
typed, not Chromium's "Confirm Form Resubmission" (ERR_CACHE_MISS)."""

import re

import pytest

from events import demo
from events.models import EventPage
from tests.baseline import ensure_baseline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROME = "rome-international-workshop-2027"


def test_back_from_a_registration_to_its_refused_form(live_server, page):
    ensure_baseline()
    demo.load()
    rome = EventPage.objects.get(slug=ROME)
    page.goto(f"{live_server.url}/events/{rome.slug}/register/")
    page.get_by_label("Full name").fill("Giulia Rossi")
    page.get_by_label("Organisation").fill("CNA")
    page.get_by_role("button", name="Register").click()
    assert page.get_by_text("This field is required.").count() >= 3

    page.get_by_label(re.compile(r"^E-mail")).fill("giulia@example.org")
    page.get_by_label("Country").select_option("IT")
    page.get_by_label("Role").select_option("trainer")
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Register").click()
    assert "your seat is confirmed" in page.locator("#registration-status").inner_text()

    page.go_back()
    assert page.get_by_label("Full name").input_value() == "Giulia Rossi"
    assert page.get_by_label("Organisation").input_value() == "CNA"
