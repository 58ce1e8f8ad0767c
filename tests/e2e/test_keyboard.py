"""Keyboard only (Tab, Shift+Tab, Enter, Space, arrows, typing): the event
registration, the practice submission form, the appointment booking and the
search page's facets. Every stop shows where the focus is, and the focus never
gets stuck."""

import re

import pytest
from django.contrib.auth import get_user_model

import practices.demo
from counselling.models import Booking
from events import demo
from events.models import Registration
from tests.baseline import ensure_baseline
from tests.e2e.test_counselling import counsellors  # noqa: F401 - fixture
from tests.e2e.test_practices import log_in
from tests.e2e.test_search import indexed  # noqa: F401 - fixture
from tests.forums.servers import session_cookie
from tests.search.conftest import closed_breaker, corpus  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROME = "rome-international-workshop-2027"

# What has the focus, and whether a sighted keyboard user can see it there.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  const ring = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0)
    || s.boxShadow !== "none";
  return {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute("name") || "",
          type: e.type || "", value: e.value || "",
          text: (e.innerText || "").trim().slice(0, 40),
          ring: ring && e.matches(":focus-visible"),
          shown: r.width > 0 && r.height > 0};
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def tab_to(page, matches, key="Tab", limit=300):
    """Press key until matches(focused) is true; every stop on the way must
    show its focus. Returns the stops."""
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if now is None:
            continue
        assert now["ring"] and now["shown"], f"focus not visible at {now}"
        stops.append(now)
        if matches(now):
            return stops
    raise AssertionError(f"not reached with {key} in {limit} presses: {stops[-5:]}")


def named(name):
    return lambda now: now["name"] == name


def test_event_registration_by_keyboard(live_server, page):
    ensure_baseline()
    demo.load()
    page.goto(f"{live_server.url}/events/{ROME}/register/")
    first = tab_to(page, lambda now: True)
    assert first[-1]["text"] == "Skip to content"
    tab_to(page, named("name"))
    page.keyboard.type("Giulia Rossi")
    page.keyboard.press("Tab")
    page.keyboard.type("giulia@example.org")
    tab_to(page, named("country"))
    page.keyboard.type("Italy")
    tab_to(page, named("role"))
    page.keyboard.press("ArrowDown")
    tab_to(page, named("consent"))
    page.keyboard.press("Space")
    assert page.get_by_label("I have read the privacy notice").is_checked()
    # Back and forth: Shift+Tab leaves the box the way it came.
    tab_to(page, named("language"), key="Shift+Tab")
    tab_to(page, named("consent"))
    tab_to(page, lambda now: now["tag"] == "button" and now["text"] == "Register")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/manage/"))
    registration = Registration.objects.get(email="giulia@example.org")
    assert registration.country == "IT" and registration.role
    assert "your seat is confirmed" in page.locator("#registration-status").inner_text()
    # The page after it reads from its top for the keyboard too: no trap there.
    tab_to(page, lambda now: now["text"] == "Cancel my registration")


def test_practice_submission_by_keyboard(live_server, page):
    ensure_baseline()
    practices.demo.ensure_index_page()
    member = get_user_model().objects.create_user("maria", "maria@example.org", "pw")
    log_in(page, live_server, member)
    page.goto(f"{live_server.url}/practices/submit/")
    tab_to(page, named("title"))
    stops = tab_to(
        page, lambda now: now["tag"] == "button" and "review" in now["text"].lower()
    )
    names = [stop["name"] for stop in stops]
    # Every field of the form is on the way.
    fields = page.locator("form.practice-form").evaluate(
        """(form) => Array.from(form.elements)
            .filter((e) => e.type !== "hidden" && !e.disabled && e.name)
            .map((e) => e.name)"""
    )
    assert set(fields) <= set(names) | {"title"}, set(fields) - set(names)
    # A multiple choice ticked with Space, then sent with Enter: the form comes
    # back with the keyboard on its errors and the choice kept.
    box = page.locator("main form input[type=checkbox]").first
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    tab_to(page, lambda now: now["tag"] == "button" and "review" in now["text"].lower())
    page.keyboard.press("Enter")
    page.locator("#form-errors").wait_for()
    assert focused(page)["id"] == "form-errors"
    assert page.locator("main form input[type=checkbox]").first.is_checked()
    # And back up again with Shift+Tab, to the page's header.
    tab_to(page, lambda now: now["text"] == "Skip to content", "Shift+Tab")


def test_booking_an_appointment_by_keyboard(
    open_page,
    live_server,
    counsellors,  # noqa: F811
    make_user,
):
    member = make_user(email="maria@example.org", first_name="Maria")
    page = open_page(timezone_id="Europe/Rome")
    page.context.add_cookies(
        [{"name": "sessionid", "value": session_cookie(member), "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/counselling/jordi/?tz=Europe/Rome")
    values = page.locator(".booking-form input[name=slot]").evaluate_all(
        "nodes => nodes.map(n => n.value)"
    )
    tab_to(page, named("slot"))
    # One stop for the group of times; arrows move between them.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    chosen = focused(page)
    assert chosen["value"] == values[2]
    tab_to(page, named("topic"))
    page.keyboard.type("Apprentices' contracts")
    tab_to(page, lambda now: now["tag"] == "button" and "Book" in now["text"])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/counselling/bookings/\d+/"))
    booking = Booking.objects.get(member=member)
    assert booking.start.isoformat() == values[2] or (
        booking.start.astimezone().isoformat() == values[2]
    )
    assert booking.topic == "Apprentices' contracts"


@pytest.mark.elasticsearch
def test_search_facets_by_keyboard(
    live_server,
    page,
    indexed,  # noqa: F811
):
    page.goto(f"{live_server.url}/search/")
    tab_to(page, named("q"))
    page.keyboard.type("μαθητεία")
    page.keyboard.press("Enter")
    page.wait_for_selector(".search-result")
    # Two values of one facet, each ticked with Space, then applied with Enter.
    tab_to(page, lambda now: now["name"] == "language" and now["value"] == "it")
    page.keyboard.press("Space")
    tab_to(page, lambda now: now["name"] == "language" and now["value"] == "ca")
    page.keyboard.press("Space")
    tab_to(page, lambda now: now["tag"] == "button" and now["text"] == "Apply filters")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"language=it.*language=ca|language=ca.*language=it"))
    languages = page.locator(".search-result").evaluate_all(
        "items => items.map(item => item.lang)"
    )
    assert set(languages) == {"it", "ca"}
    # Unticking one from the keyboard narrows it again (OR within the facet).
    tab_to(page, lambda now: now["name"] == "language" and now["value"] == "ca")
    page.keyboard.press("Space")
    tab_to(page, lambda now: now["tag"] == "button" and now["text"] == "Apply filters")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "language=ca" not in url)
    assert set(
        page.locator(".search-result").evaluate_all(
            "items => items.map(item => item.lang)"
        )
    ) == {"it"}
