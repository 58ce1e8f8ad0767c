"""A full event in the browser: the waiting list, told on the page and by e-mail
(through the task worker and a real SMTP server), a cancellation that promotes
the first person waiting, and a second tab that still showed a free seat."""

import re
from email.header import decode_header, make_header

import pytest

from events import demo
from events.models import EventPage, Registration
from events.services.registration import register
from tests.baseline import ensure_baseline
from tests.events.conftest import person
from tests.worker import running_worker, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROME = "rome-international-workshop-2027"


def mails_to(inbox, address):
    """(subject, plain-text body) of each message the SMTP server got for address"""
    found = []
    for _arrived, message in inbox.arrivals:
        if address not in message["To"]:
            continue
        body = next(
            part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
            for part in message.walk()
            if part.get_content_type() == "text/plain"
        )
        found.append((str(make_header(decode_header(message["Subject"]))), body))
    return found


def fill_registration(page, name, email, needs=""):
    page.get_by_label("Full name").fill(name)
    page.get_by_label(re.compile(r"^E-mail")).fill(email)
    page.get_by_label("Organisation").fill("CNA Roma")
    page.get_by_label("Country").select_option("IT")
    page.get_by_label("Role").select_option("trainer")
    page.get_by_label("Accessibility or dietary needs").fill(needs)
    page.get_by_label("I have read the privacy notice").check()


@pytest.fixture
def rome(live_site_url):
    ensure_baseline()
    demo.load()
    EventPage.objects.filter(slug=ROME).update(capacity=2)
    return EventPage.objects.get(slug=ROME)


def test_a_full_event_puts_the_visitor_on_the_waiting_list_and_promotes_them(
    live_server, rome, open_page, smtp
):
    controller, inbox = smtp
    controller.start()
    first = register(rome, person(1, name="Anna Bianchi", email="anna@example.org"))
    page = open_page()
    page.goto(f"{live_server.url}/events/{ROME}/")
    aside = page.locator(".event__registration")
    assert "1 seat left." in aside.inner_text()

    # A second tab opens the form while a seat is still free ...
    late = open_page()
    late.goto(f"{live_server.url}/events/{ROME}/register/")
    assert late.get_by_role("button", name="Register", exact=True).is_visible()
    fill_registration(late, "Marc Puig", "marc@example.org", needs="Step-free access")

    # ... and someone takes the last seat in the meantime.
    page.get_by_role("link", name="Register", exact=True).click()
    fill_registration(page, "Giulia Rossi", "giulia@example.org")
    page.get_by_role("button", name="Register", exact=True).click()
    assert "your seat is confirmed" in page.locator("#registration-status").inner_text()

    # The event page now counts no seat and offers the waiting list.
    page.goto(f"{live_server.url}/events/{ROME}/")
    assert "seat left" not in aside.inner_text()
    assert "All seats are taken" in aside.inner_text()
    assert aside.get_by_role("link", name="Join the waiting list").is_visible()

    # The tab that still said "Register" sends its form: the page says plainly
    # that the seat went and that they are waiting, and nothing typed is lost.
    late.get_by_role("button", name="Register", exact=True).click()
    late.wait_for_url(re.compile(r"/manage/"))
    status = late.locator("#registration-status").inner_text()
    assert "waiting list, number 1 in line" in status
    notice = late.get_by_role("status").filter(has_text="last seat")
    assert notice.is_visible(), late.locator("main").inner_text()
    assert "Step-free access" in late.locator("main").inner_text()
    marc = Registration.objects.get(email="marc@example.org")
    assert marc.status == Registration.Status.WAITLISTED
    assert marc.organisation == "CNA Roma" and marc.needs == "Step-free access"

    # A visitor who comes to the full event joins the waiting list knowingly.
    page.goto(f"{live_server.url}/events/{ROME}/register/")
    assert "All seats are taken" in page.locator("main").inner_text()
    fill_registration(page, "Jordi Vidal", "jordi@example.org")
    page.get_by_role("button", name="Join the waiting list").click()
    assert (
        "waiting list, number 2 in line"
        in page.locator("#registration-status").inner_text()
    )

    # Anna cancels: Marc, first in line, gets the seat, and an e-mail says so.
    page.goto(f"{live_server.url}/events/{ROME}/manage/{first.token}/")
    page.get_by_role("button", name="Cancel my registration").click()
    page.get_by_role("button", name="Yes, cancel my registration").click()
    page.locator("#registration-status", has_text="cancelled").wait_for()
    late.reload()
    assert "your seat is confirmed" in late.locator("#registration-status").inner_text()
    assert Registration.objects.get(email="jordi@example.org").status == "waitlisted"

    with running_worker():
        wait_for(lambda: len(mails_to(inbox, "marc@example.org")) >= 2)
        wait_for(lambda: mails_to(inbox, "jordi@example.org"))
    (waiting, promoted) = mails_to(inbox, "marc@example.org")
    assert waiting[0].startswith("You are on the waiting list")
    assert "you are on the waiting list" in waiting[1]
    assert promoted[0].startswith("A seat is yours")
    assert mails_to(inbox, "jordi@example.org")[0][0].startswith(
        "You are on the waiting list"
    )
