"""Two members chat live in Chromium through a real Daphne; markup stays inert;
the room survives a Redis outage ("reconnecting…", then live again)."""

import re

import pytest
from django.contrib.auth import get_user_model

from forums.models import Message, Room
from tests.forums.servers import (
    clear_forum_keys,
    daphne_servers,
    redis_server,
    session_cookie,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PAYLOAD = (
    '<script>window.pwned=1</script><img src=x onerror="window.pwned=2"> Hello Bob'
)


@pytest.fixture
def members(transactional_db):
    clear_forum_keys()
    User = get_user_model()
    alice = User.objects.create_user("alice", first_name="Alice", last_name="Rossi")
    bob = User.objects.create_user("bob", first_name="Bob", last_name="Jansen")
    room = Room.objects.create(name="Green skills", slug="green-skills")
    Message.objects.create(room=room, author=bob, text="Welcome to the room")
    return alice, bob, room


def member_page(browser, base_url, user):
    context = browser.new_context(
        locale="en-GB", viewport={"width": 1024, "height": 800}
    )
    context.add_cookies(
        [{"name": "sessionid", "value": session_cookie(user), "url": base_url}]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def wait_live(page):
    page.wait_for_selector("#room[data-live='true']")


def test_two_members_chat_live_and_markup_stays_inert(browser, members):
    alice, bob, room = members
    Message.objects.bulk_create(
        [Message(room=room, author=bob, text=f"older note {i}") for i in range(55)]
    )
    Message.objects.create(room=room, author=bob, text="Latest before you came")
    with daphne_servers(1) as (base,):
        ctx_a, page_a = member_page(browser, base, alice)
        ctx_b, page_b = member_page(browser, base, bob)
        try:
            page_a.goto(f"{base}/forums/rooms/{room.slug}/")
            page_b.goto(f"{base}/forums/rooms/{room.slug}/")
            wait_live(page_a)
            wait_live(page_b)
            # The last 50 messages on join; older ones load when scrolling up.
            log = page_a.locator("#room-log")
            assert "Latest before you came" in log.inner_text()
            assert "Welcome to the room" not in log.inner_text()
            log.evaluate("node => { node.scrollTop = 0; }")
            log.get_by_text("Welcome to the room").wait_for()
            assert page_a.locator("#room-log .chat-msg").count() == 57
            presence = page_b.locator("#room-presence")
            presence.get_by_text("Alice Rossi").wait_for()

            page_a.get_by_label("Your message").fill(PAYLOAD)
            page_a.get_by_label("Your message").press("Enter")

            shown = page_b.locator("#room-log .chat-msg__text", has_text="Hello Bob")
            shown.wait_for()
            assert shown.inner_text() == PAYLOAD
            assert page_b.locator("#room-log script, #room-log img").count() == 0
            assert page_b.evaluate("window.pwned") is None
            assert page_a.evaluate("window.pwned") is None
            assert page_a.get_by_label("Your message").input_value() == ""

            page_b.get_by_label("Your message").fill("Ciao Alice!")
            page_b.get_by_role("button", name="Send").click()
            page_a.locator("#room-log", has_text="Ciao Alice!").wait_for()

            # Alice edits her message; Bob sees the new text live.
            mine = page_a.locator("#room-log li", has_text="Hello Bob")
            mine.get_by_role("button", name="Edit").click()
            page_a.get_by_label("Edit your message").fill("Hello Bob, edited")
            page_a.get_by_role("button", name="Save").click()
            page_b.locator("#room-log li", has_text="Hello Bob, edited").get_by_text(
                "(edited)"
            ).wait_for()

            # An empty message gets a clear message next to the box.
            page_a.get_by_label("Your message").fill("   ")
            page_a.get_by_role("button", name="Send").click()
            page_a.get_by_role("alert").get_by_text("An empty message").wait_for()

            # Bob leaves: Alice's presence list follows.
            ctx_b.close()
            page_a.locator("#room-presence").get_by_text("Bob Jansen").wait_for(
                state="detached"
            )
        finally:
            ctx_a.close()
            if not page_b.is_closed():
                ctx_b.close()
    assert Message.objects.filter(text="Hello Bob, edited").exists()


@pytest.mark.redis
def test_room_survives_a_redis_outage(browser, members):
    alice, bob, room = members
    with redis_server() as (redis_port, redis_process):
        env = {"REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"}
        with daphne_servers(1, extra_env=env) as (base,):
            ctx_a, page_a = member_page(browser, base, alice)
            try:
                page_a.goto(f"{base}/forums/rooms/{room.slug}/")
                wait_live(page_a)

                redis_process.terminate()
                redis_process.wait(timeout=10)
                # The socket notices at its next presence heartbeat.
                status = page_a.locator("#room-status")
                status.get_by_text(re.compile("reconnecting")).wait_for(timeout=30_000)

                # The page still renders from the database, form and all.
                page_a.reload()
                assert "Welcome to the room" in page_a.locator("#room-log").inner_text()
                status.get_by_text(re.compile("reconnecting")).wait_for()

                # Posting still works: without a live socket the form posts plainly.
                page_a.get_by_label("Your message").fill("Sent while Redis was down")
                page_a.get_by_role("button", name="Send").click()
                page_a.locator(
                    "#room-log", has_text="Sent while Redis was down"
                ).wait_for()
                assert Message.objects.filter(text="Sent while Redis was down").exists()

                with redis_server(redis_port):
                    page_a.wait_for_selector("#room[data-live='true']", timeout=30_000)
                    assert status.is_hidden()
                    page_a.get_by_label("Your message").fill("Back online")
                    page_a.get_by_label("Your message").press("Enter")
                    page_a.locator("#room-log", has_text="Back online").wait_for()
            finally:
                ctx_a.close()
