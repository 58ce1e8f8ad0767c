"""A visitor registers for the Rome workshop, cancels, and the next in line gets the seat."""

import re

import pytest
from django.core import mail

from events import demo
from events.models import EventPage, Registration
from events.services.registration import register
from tests.events.conftest import ensure_tree, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROME = "rome-international-workshop-2027"


def test_register_receive_cancel_promote(live_server, page):
    ensure_tree()
    demo.load()
    EventPage.objects.filter(slug=ROME).update(capacity=1)
    rome = EventPage.objects.get(slug=ROME)

    page.goto(f"{live_server.url}/events/")
    page.get_by_role("link", name=rome.title).first.click()
    assert page.get_by_text("Piazza Mariano Armellini 9/a").first.is_visible()
    page.get_by_role("link", name="Register", exact=True).click()

    page.get_by_label("Full name").fill("Giulia Rossi")
    page.get_by_label(re.compile(r"^E-mail")).fill("giulia@example.org")
    page.get_by_label("Organisation").fill("CNA")
    page.get_by_label("Country").select_option("IT")
    page.get_by_label("Role").select_option("trainer")
    page.get_by_label("Accessibility or dietary needs").fill("Vegetarian lunch")
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Register").click()
    assert "your seat is confirmed" in page.locator("#registration-status").inner_text()

    # Someone else comes later and waits.
    waiting = register(rome, person(2, name="Marc Puig", email="marc@example.org"))
    assert waiting.status == "waitlisted"

    confirmation = next(m for m in mail.outbox if m.to == ["giulia@example.org"])
    assert confirmation.subject.startswith("Registration confirmed")
    assert confirmation.attachments[0][0].endswith(".ics")
    manage_link = re.search(r"https?://\S+/manage/\S+/", confirmation.body).group(0)

    page.goto(manage_link)
    page.get_by_role("button", name="Cancel my registration").click()
    assert (
        "this registration is cancelled"
        in page.locator("#registration-status").inner_text()
    )

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    promotion = [m for m in mail.outbox if m.to == ["marc@example.org"]][-1]
    assert promotion.subject.startswith("A seat is yours")
