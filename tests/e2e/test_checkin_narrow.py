"""The check-in page fits a 390 px phone even with a long name (issue 14)."""

import pytest
from django.conf import settings

from events import demo
from events.models import EventPage
from events.services.registration import register
from tests.baseline import ensure_baseline
from tests.e2e.test_events import ROME, organisers_group
from tests.events.conftest import person
from tests.forums.servers import session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_NAME = "Wolfeschlegelsteinhausenbergerdorff-Vorarlbergerhausenmeister"
LONG_ORGANISATION = "Landesinnungsverband-des-Bäckerhandwerks-Baden-Württemberg"


def test_checkin_with_a_long_name_fits_390_px(live_server, browser, django_user_model):
    ensure_baseline()
    demo.load()
    rome = EventPage.objects.get(slug=ROME)
    register(rome, person(1, name=LONG_NAME, organisation=LONG_ORGANISATION))
    organiser = django_user_model.objects.create_user(
        "olga", "olga@example.org", "pw-olga-1"
    )
    organiser.groups.add(organisers_group())

    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session_cookie(organiser),
                "url": live_server.url,
            }
        ]
    )
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    try:
        phone.goto(f"{live_server.url}/events/{ROME}/checkin/")
        assert phone.get_by_role("button", name=f"Check in {LONG_NAME}").is_visible()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width} px wide at 390 px"
        # The button stays fully on screen, next to (or under) the name.
        box = phone.get_by_role("button", name=f"Check in {LONG_NAME}").bounding_box()
        assert box["x"] + box["width"] <= 390
    finally:
        context.close()
