"""A visitor registers for the Rome workshop, cancels, and the next in line gets the seat."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from events import demo
from events.models import EventPage, Registration
from events.services.registration import register
from tests.baseline import ensure_baseline
from tests.e2e.test_accessibility import (  # the fixture is reused by import
    axe_page,  # noqa: F401
    serious_violations,
)
from tests.events.conftest import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROME = "rome-international-workshop-2027"


def test_register_receive_cancel_promote(live_server, live_site_url, page):
    ensure_baseline()
    demo.load()
    EventPage.objects.filter(slug=ROME).update(capacity=1)
    rome = EventPage.objects.get(slug=ROME)

    page.goto(f"{live_server.url}/events/")
    page.get_by_role("link", name=rome.title).first.click()
    assert page.get_by_text("Piazza Mariano Armellini 9/a").first.is_visible()
    page.get_by_role("link", name="Register", exact=True).click()

    # Sending the empty form: a message at each required field, nothing lost.
    page.get_by_label("Organisation").fill("CNA")
    page.get_by_role("button", name="Register").click()
    assert page.get_by_text("This field is required.").count() >= 4
    assert page.get_by_label("Organisation").input_value() == "CNA"

    page.get_by_label("Full name").fill("Giulia Rossi")
    page.get_by_label(re.compile(r"^E-mail")).fill("giulia@example.org")
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
    page.get_by_role("button", name="Yes, cancel my registration").click()
    assert (
        "this registration is cancelled"
        in page.locator("#registration-status").inner_text()
    )

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    promotion = [m for m in mail.outbox if m.to == ["marc@example.org"]][-1]
    assert promotion.subject.startswith("A seat is yours")


def test_checkin_on_a_phone(live_server, browser, django_user_model):
    ensure_baseline()
    demo.load()
    rome = EventPage.objects.get(slug=ROME)
    register(rome, person(1, name="Giulia Rossi"))
    register(rome, person(2, name="Marc Puig"))
    organiser = django_user_model.objects.create_user(
        "olga", "olga@example.org", "pw-olga-1"
    )
    organiser.groups.add(organisers_group())
    EmailAddress.objects.create(
        user=organiser, email=organiser.email, verified=True, primary=True
    )

    # bypass_csp only lets the axe-core check below inject its script.
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="en-GB", bypass_csp=True
    )
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    try:
        phone.goto(f"{live_server.url}/events/{ROME}/checkin/")
        # Not logged in: the site's sign-in form, then back to the check-in.
        phone.get_by_label("Email").fill("olga@example.org")
        phone.get_by_label("Password").fill("pw-olga-1")
        phone.get_by_role("button", name="Sign In").click()
        phone.wait_for_url(re.compile("/checkin/"))
        assert phone.locator("#checkin-count").inner_text() == "0 present of 2 expected"
        phone.get_by_label("Search by name or organisation").fill("giulia")
        phone.locator("#main").get_by_role("button", name="Search").click()
        assert phone.get_by_text("Marc Puig").count() == 0
        phone.get_by_role("button", name="Check in Giulia Rossi").click()
        assert phone.locator("#checkin-count").inner_text() == "1 present of 2 expected"
        assert serious_violations(phone) == []
        assert phone.get_by_role(
            "button", name="Present: Giulia Rossi (undo check-in)"
        ).is_visible()
        # Nothing wider than the phone's screen.
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360
    finally:
        context.close()
    assert Registration.objects.get(email="person1@example.org").checked_in_at


def organisers_group():
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Organisers")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="events", codename__endswith="_registration"
        ),
        Permission.objects.get(codename="access_admin"),
    )
    return group


def test_registration_pages_have_no_serious_accessibility_violations(
    live_server,
    axe_page,  # noqa: F811
):
    ensure_baseline()
    demo.load()
    axe_page.goto(f"{live_server.url}/events/{ROME}/register/")
    axe_page.get_by_role("button", name="Register").click()  # empty: errors shown
    assert axe_page.get_by_text("This field is required.").count() >= 4
    assert serious_violations(axe_page) == []
    registration = register(
        EventPage.objects.get(slug=ROME), person(1, name="Giulia Rossi")
    )
    axe_page.goto(f"{live_server.url}/events/{ROME}/manage/{registration.token}/")
    assert serious_violations(axe_page) == []
