"""A member in Athens finds a Greek-speaking counsellor, books a time a minute
ahead, and enters the private room once it opens; axe-core finds no serious or
critical violation on the counselling pages along the way.

The browser runs in Europe/Athens: the pages show times in that zone (the small
script asks for them), whatever zone the counsellor keeps their hours in.
"""

import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from counselling.models import Booking, WeeklyHours
from forums.models import Room
from tests.baseline import ensure_baseline, forget_cached_rows
from tests.counselling.conftest import new_counsellor, zone_in_daytime
from tests.e2e.test_accessibility import AXE, serious_violations
from tests.factories import PASSWORD
from tests.forums.servers import session_cookie

pytestmark = pytest.mark.django_db(transaction=True)

LEAD = 60  # seconds from now to the session
OPENS_BEFORE = 30  # the room opens this long before it


@pytest.fixture
def counsellors(live_server, make_user, make_organisation, settings):
    ensure_baseline()
    settings.COUNSELLING_ROOM_OPENS_BEFORE = OPENS_BEFORE
    zone = zone_in_daytime()
    start = (timezone.now() + timedelta(seconds=LEAD)).astimezone(ZoneInfo(zone))
    start = start.replace(microsecond=0)
    athens = make_organisation(name="IME GSEVEE", slug="ime", country="GR")
    eleni = new_counsellor(
        make_user(
            email="eleni@example.org", first_name="Eleni", last_name="Counsellor"
        ),
        "eleni",
        hours=(),
        time_zone=zone,
        session_minutes=10,
        languages=["el", "en"],
        topics=["e-leadership"],
        organisation=athens,
    )
    WeeklyHours.objects.create(
        counsellor=eleni,
        weekday=start.weekday(),
        start=start.time(),
        end=(start + timedelta(minutes=10)).time(),
    )
    new_counsellor(
        make_user(email="jordi@example.org", first_name="Jordi"),
        "jordi",
        languages=["ca", "es"],
        topics=["dual training"],
    )
    yield eleni, start
    forget_cached_rows()


def axe_clean(page, failures):
    found = serious_violations(page)
    if found:
        failures[page.url] = found


def test_member_books_a_greek_speaking_counsellor_and_the_room_opens(
    browser, live_server, counsellors, make_user
):
    assert AXE.exists(), "axe-core is missing: run `npm ci` (package.json)"
    eleni, start = counsellors
    member = make_user(email="nikos@example.org", first_name="Nikos")
    context = browser.new_context(
        locale="en-GB",
        timezone_id="Europe/Athens",
        viewport={"width": 1280, "height": 900},
        bypass_csp=True,  # to inject axe-core's script
    )
    context.add_cookies(
        [{"name": "sessionid", "value": session_cookie(member), "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    failures = {}
    try:
        page.goto(f"{live_server.url}/counselling/")
        # The script asked again for the page in the browser's zone.
        page.wait_for_url(re.compile(r"tz=Europe%2FAthens"))
        page.get_by_text("Times are shown in the time zone Europe/Athens").wait_for()
        axe_clean(page, failures)

        page.get_by_label("Greek").check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url(re.compile(r"language=el"))
        cards = page.locator(".counsellor-list > li")
        assert cards.count() == 1
        athens_time = start.astimezone(ZoneInfo("Europe/Athens")).strftime("%H:%M")
        assert athens_time in cards.first.inner_text()
        cards.first.get_by_role("link", name="Eleni Counsellor").click()

        page.wait_for_url(re.compile(r"/counselling/eleni/"))
        axe_clean(page, failures)
        page.get_by_label(athens_time).first.check()  # today, not next week
        page.get_by_label("What would you like to talk about?").fill(
            "Leading a small firm's digital change"
        )
        page.get_by_role("button", name="Book this time").click()

        page.wait_for_url(re.compile(r"/counselling/bookings/\d+/"))
        booking = Booking.objects.get()
        assert booking.member == member and booking.start == start
        assert booking.member_time_zone == "Europe/Athens"
        page.get_by_text("Booked. A confirmation is on its way").wait_for()
        assert page.locator("#room-closed").is_visible()
        assert not page.locator("#enter-room").count()
        assert not Room.objects.exists()
        axe_clean(page, failures)

        # At the time (OPENS_BEFORE ahead of the start) the room opens.
        opens_at = start.timestamp() - OPENS_BEFORE
        time.sleep(max(0, opens_at - time.time()) + 0.5)
        page.reload()
        page.locator("#enter-room").click()
        page.wait_for_url(re.compile(r"/forums/rooms/"))
        assert (
            page.locator("h1")
            .inner_text()
            .startswith("Leading a small firm's digital change")
        )
        room = Room.objects.get()
        assert room.is_private and room.counsellor == eleni.user
        assert set(room.members.all()) >= {member}
    finally:
        context.close()
    assert not failures, failures


def test_booking_without_a_time_says_so_by_the_times_and_keeps_the_topic(
    open_page, live_server, counsellors, make_user
):
    member = make_user(email="maria@example.org", first_name="Maria")
    page = open_page(timezone_id="Europe/Athens")
    page.context.add_cookies(
        [{"name": "sessionid", "value": session_cookie(member), "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/counselling/eleni/?tz=Europe/Athens")
    topic = page.get_by_label("What would you like to talk about?")
    topic.fill("Mentoring apprentices")
    page.get_by_role("button", name="Book this time").click()

    times = page.get_by_role("group", name="Choose a time")
    error = times.locator(".errorlist")
    error.wait_for()
    assert error.inner_text() == "Choose a time for your appointment."
    assert "This field is required" not in page.content()
    # Read with the times it is about, and nothing else is lost.
    assert times.get_attribute("aria-describedby") == error.get_attribute("id")
    assert topic.input_value() == "Mentoring apprentices"
    assert not Booking.objects.exists()


def test_on_a_phone_a_refused_booking_takes_the_member_to_what_is_missing(
    open_page, live_server, counsellors, make_user
):
    """At 360 px the times and the topic are a screen or two below the top: a
    refused booking must not come back at the top of the page as if nothing had
    happened. Focus (and the view) goes to the first thing to fix."""
    member = make_user(email="maria@example.org", first_name="Maria")
    page = open_page(width=360, height=740, timezone_id="Europe/Athens", locale="el")
    page.context.add_cookies(
        [{"name": "sessionid", "value": session_cookie(member), "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/el/counselling/eleni/?tz=Europe/Athens")
    page.get_by_label("Για τι θα θέλατε να μιλήσετε;").fill("Μαθητεία")
    page.locator(".booking-form button[type=submit]").click()
    page.locator("#slot-errors").wait_for()

    def focused():
        return page.evaluate(
            """() => { const e = document.activeElement, r = e.getBoundingClientRect();
                return {name: e.name || e.id, visible: r.top >= 0 && r.bottom <= innerHeight}; }"""
        )

    assert focused() == {"name": "slot", "visible": True}
    assert (
        page.get_by_label("Για τι θα θέλατε να μιλήσετε;").input_value() == "Μαθητεία"
    )

    page.locator("input[name=slot]").first.check()
    page.get_by_label("Για τι θα θέλατε να μιλήσετε;").fill("")
    page.locator(".booking-form button[type=submit]").click()
    page.locator("#id_topic_error").wait_for()
    assert focused() == {"name": "topic", "visible": True}
    assert not Booking.objects.exists()


DESCRIPTION = """(id) => {
    const field = document.getElementById(id);
    return (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean)
        .map((ref) => document.getElementById(ref) ? document.getElementById(ref)
            .innerText.trim() : "(missing #" + ref + ")").join(" | ");
}"""


def test_a_screen_reader_reads_a_field_s_help_and_its_error_with_it(
    open_page, live_server, counsellors, make_user
):
    """The help and the error of a field are read when the field is reached
    (aria-describedby names elements that exist), on the booking form and on
    the counsellor's own settings."""
    eleni, _start = counsellors
    member = make_user(email="maria@example.org", first_name="Maria")
    page = open_page(timezone_id="Europe/Athens")
    page.context.add_cookies(
        [{"name": "sessionid", "value": session_cookie(member), "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/counselling/eleni/?tz=Europe/Athens")
    help_text = "A few words for the counsellor; only they will see it."
    assert page.evaluate(DESCRIPTION, "id_topic") == help_text
    page.locator("input[name=slot]").first.check()
    page.locator(".booking-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/book/"))
    assert page.evaluate(DESCRIPTION, "id_topic") == (
        f"{help_text} | This field is required."
    )

    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": session_cookie(eleni.user),
                "url": live_server.url,
            }
        ]
    )
    page.goto(f"{live_server.url}/counselling/dashboard/hours/")
    page.locator("#id_booking_window_days").fill("4000")
    page.locator("#id_booking_window_days").press("Enter")
    page.locator("#id_booking_window_days[aria-invalid=true]").wait_for()
    described = page.evaluate(DESCRIPTION, "id_booking_window_days")
    assert "missing" not in described
    assert "choose 365 days or fewer" in described


def test_a_member_whose_session_ended_signs_in_and_is_back_at_the_times(
    open_page, live_server, counsellors, make_user
):
    """The session ended while the page was open: "Book this time" asks them to
    sign in, and the sign-in returns them to the counsellor's times in their zone
    (nothing booked yet), not to a page about buttons and links."""
    member = make_user(email="maria@example.org", first_name="Maria")
    page = open_page(timezone_id="Europe/Athens", locale="de")
    page.context.add_cookies(
        [{"name": "sessionid", "value": session_cookie(member), "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/de/counselling/eleni/?tz=Europe/Athens")
    page.locator("input[name=slot]").first.check()
    page.get_by_label("Worüber möchten Sie sprechen?").fill("Mentoring")
    page.context.clear_cookies(name="sessionid")
    page.locator(".booking-form button[type=submit]").click()

    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.locator("input[name=login]").fill("maria@example.org")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form [type=submit]").last.click()

    page.wait_for_url(re.compile(r"/de/counselling/eleni/\?tz=Europe"))
    page.get_by_text("Noch ist nichts gebucht: Wählen Sie Ihre Zeit.").wait_for()
    assert page.locator(".booking-form input[name=slot]").count()
    assert not Booking.objects.exists()


def test_cancelling_a_booking_asks_first_and_no_keeps_it(
    open_page, live_server, counsellors, make_user
):
    """On a phone "Cancel this booking" sits by "Move the booking": a stray tap
    must not give the time away. The page asks; "No, keep it" keeps it, "Yes"
    cancels."""
    eleni, start = counsellors
    member = make_user(email="maria@example.org", first_name="Maria")
    booking = Booking.objects.create(
        counsellor=eleni,
        member=member,
        start=start + timedelta(days=7),
        end=start + timedelta(days=7, minutes=10),
        topic="Mentoring",
        member_time_zone="Europe/Athens",
        created_at=timezone.now(),
        changed_at=timezone.now(),
    )
    page = open_page(width=360, height=740, timezone_id="Europe/Athens", locale="el")
    page.context.add_cookies(
        [{"name": "sessionid", "value": session_cookie(member), "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/el/counselling/bookings/{booking.pk}/")
    page.get_by_role("button", name="Ακύρωση αυτής της κράτησης").click()
    question = page.get_by_role("alert").filter(has_text="Να ακυρωθεί η κράτηση;")
    question.wait_for()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED

    question.get_by_role("link", name="Όχι, να διατηρηθεί").click()
    page.wait_for_url(f"{live_server.url}/el/counselling/bookings/{booking.pk}/")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED

    page.get_by_role("button", name="Ακύρωση αυτής της κράτησης").click()
    page.get_by_role("button", name="Ναι, ακύρωση της κράτησης").click()
    page.get_by_text("Η κράτηση ακυρώθηκε").wait_for()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_a_time_taken_meanwhile_says_so_offers_the_others_and_keeps_the_topic(
    open_page, live_server, counsellors, make_user
):
    """Two members look at Jordi's times; the other one books first. The page
    says the time went, shows the times still free (not the taken one) and keeps
    what was typed."""
    from counselling.models import Counsellor
    from counselling.services import booking as svc

    jordi = Counsellor.objects.get(slug="jordi")
    member = make_user(email="maria@example.org", first_name="Maria")
    other = make_user(email="pere@example.org", first_name="Pere")
    page = open_page(timezone_id="Europe/Rome")
    page.context.add_cookies(
        [{"name": "sessionid", "value": session_cookie(member), "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/counselling/jordi/?tz=Europe/Rome")
    slots = page.locator(".booking-form input[name=slot]")
    offered = slots.evaluate_all("nodes => nodes.map(n => n.value)")
    assert len(offered) >= 3
    wanted = offered[1]
    page.locator(f"input[name=slot][value='{wanted}']").check()
    topic = page.get_by_label("What would you like to talk about?")
    topic.fill("Dual training contracts")

    svc.book(
        jordi,
        other,
        datetime.fromisoformat(wanted),
        "Someone else's question",
        "Europe/Rome",
    )
    page.get_by_role("button", name="Book this time").click()

    alert = page.get_by_role("alert").filter(has_text="no longer free")
    alert.wait_for()
    assert "Please choose another" in alert.inner_text()
    left = slots.evaluate_all("nodes => nodes.map(n => n.value)")
    assert wanted not in left
    assert set(left) == set(offered) - {wanted}
    assert topic.input_value() == "Dual training contracts"
    assert Booking.objects.filter(member=member).count() == 0

    # Another time goes through with what was typed.
    slots.first.check()
    page.get_by_role("button", name="Book this time").click()
    page.wait_for_url(re.compile(r"/counselling/bookings/\d+/"))
    assert Booking.objects.get(member=member).topic == "Dual training contracts"
