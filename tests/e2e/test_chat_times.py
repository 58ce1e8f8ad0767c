"""Chat times keep the page's format once the socket connects: its language, the
site's time zone (not the browser's) and a 24-hour clock, for the history and for
live messages alike."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from forums.models import Message, Room
from tests.forums.servers import clear_forum_keys, daphne_servers, session_cookie

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SENT = dt.datetime(2027, 2, 4, 13, 30, tzinfo=dt.UTC)  # 14:30 in Brussels


def test_live_chat_times_stay_in_the_page_locale_and_time_zone(browser):
    clear_forum_keys()
    alice = get_user_model().objects.create_user("alice", first_name="Alice")
    room = Room.objects.create(name="Green skills", slug="green-skills")
    old = Message.objects.create(room=room, author=alice, text="From February")
    Message.objects.filter(pk=old.pk).update(created_at=SENT)

    with daphne_servers(1) as (base,):
        # A visitor whose browser is in New York with US English settings.
        context = browser.new_context(locale="en-US", timezone_id="America/New_York")
        context.add_cookies(
            [{"name": "sessionid", "value": session_cookie(alice), "url": base}]
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        try:
            page.goto(f"{base}/forums/rooms/{room.slug}/")
            page.wait_for_selector("#room[data-live='true']")
            history = page.locator(f"#m{old.pk} .chat-msg__time")
            assert history.inner_text() == "4 Feb, 14:30"

            page.get_by_label("Your message").fill("Live now")
            page.get_by_label("Your message").press("Enter")
            live = page.locator(".chat-msg", has_text="Live now").locator("time")
            live.wait_for()
            text = live.inner_text()
            stamp = dt.datetime.fromisoformat(live.get_attribute("datetime"))
        finally:
            context.close()

    local = stamp.astimezone(ZoneInfo(settings.TIME_ZONE))
    assert not re.search(r"AM|PM", text, re.I)
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}, \d{2}:\d{2}", text), text
    assert text.endswith(local.strftime("%H:%M")), (text, local)
