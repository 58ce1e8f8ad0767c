"""The benchmarks' visitor (bench/browser.py, used by bench/race.py and
bench/fault.py) fills the real registration form and is registered: when the form
changes, the race and the fault run would otherwise only report failures."""

from urllib.parse import urlparse

import pytest

from bench.browser import Browser
from events.models import Registration

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_bench_visitor_registers_through_the_form(make_event, live_server):
    event = make_event(slug="bench-workshop", capacity=1, waiting_list=True)
    port = urlparse(live_server.url).port
    for i in range(2):
        browser = Browser(port, f"/events/{event.slug}/register/", timeout=30)
        try:
            action, body = browser.fill_form(i)
            status, _html = browser.request("POST", action, body)
        finally:
            browser.close()
        assert status == 302
    rows = Registration.objects.filter(event=event).order_by("email")
    assert [(r.email, r.status) for r in rows] == [
        ("race000@example.org", "confirmed"),
        ("race001@example.org", "waitlisted"),
    ]


def test_a_page_without_the_form_is_reported(live_server):
    browser = Browser(urlparse(live_server.url).port, "/no-such-page/", timeout=30)
    with pytest.raises(RuntimeError, match="404"):
        browser.fill_form(0)
    browser.close()


def test_a_crowd_registers_every_visitor_once(make_event, live_server):
    """The race's way (bench/race.py, events_race, test_race): each visitor fills
    its own form, then all submit together; everyone gets an answer."""
    from bench.browser import crowd

    event = make_event(slug="crowd-workshop", capacity=2, waiting_list=True)
    port = urlparse(live_server.url).port
    people, seconds = crowd(port, f"/events/{event.slug}/register/", 5, workers=3)

    assert [p.status for p in people] == [302] * 5
    assert seconds > 0
    rows = Registration.objects.filter(event=event)
    assert sorted(rows.values_list("email", flat=True)) == sorted(
        p.email for p in people
    )
    assert rows.filter(status="confirmed").count() == 2


def test_a_crowd_without_a_form_says_why(live_server):
    from bench.browser import crowd

    with pytest.raises(RuntimeError, match="404"):
        crowd(urlparse(live_server.url).port, "/no-such-page/", 3)
