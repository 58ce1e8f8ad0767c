"""Posting in a room over the real channel layer (Daphne + Redis): what a refused
message says and keeps, and what a member sees when their socket drops."""

import re

import pytest

from forums.models import MESSAGE_MAX_LENGTH, Message
from tests.e2e.test_forums import member_page, members, wait_live  # noqa: F401
from tests.forums.servers import daphne_servers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# Keeps every socket the page opens reachable from the test, and once
# window.blockSockets is set, new ones go nowhere (the server is unreachable
# for the socket while plain HTTP still works, as behind a proxy that drops it).
SOCKETS = """
(() => {
  const Real = window.WebSocket;
  window.openSockets = [];
  window.WebSocket = function (url, protocols) {
    const socket = new Real(window.blockSockets ? "ws://127.0.0.1:9/" : url, protocols);
    window.openSockets.push(socket);
    return socket;
  };
  window.WebSocket.prototype = Real.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();
"""

TOO_LONG = "Long report. " * (MESSAGE_MAX_LENGTH // 13 + 5)


def test_a_refused_message_says_why_keeps_the_text_and_the_dropped_socket_shows(
    browser,
    members,  # noqa: F811
):
    alice, bob, room = members
    with daphne_servers(1) as (base,):
        ctx_a, page_a = member_page(browser, base, alice)
        ctx_b, page_b = member_page(browser, base, bob)
        ctx_a.add_init_script(SOCKETS)
        try:
            page_a.goto(f"{base}/forums/rooms/{room.slug}/")
            page_b.goto(f"{base}/forums/rooms/{room.slug}/")
            wait_live(page_a)
            wait_live(page_b)
            box = page_a.get_by_label("Your message")

            # Too long: said next to the box, all of the text still there.
            box.fill(TOO_LONG)
            assert len(box.input_value()) == len(TOO_LONG)
            box.press("Enter")
            error = page_a.locator("#room-error")
            error.get_by_text("at most 4000 characters").wait_for()
            assert box.input_value() == TOO_LONG
            assert box.get_attribute("aria-describedby") == "room-error"

            # Shortened, it goes out and Bob sees it without reloading.
            box.fill("Short report: all done")
            box.press("Enter")
            page_b.locator("#room-log", has_text="Short report: all done").wait_for()
            assert box.input_value() == ""
            assert error.is_hidden()

            # The socket drops and cannot come back: the page says so.
            page_a.evaluate(
                "() => { window.blockSockets = true;"
                " window.openSockets.forEach((s) => s.close()); }"
            )
            page_a.locator("#room-status").get_by_text(
                re.compile("reconnecting")
            ).wait_for()
            assert page_a.locator("#room[data-live='false']").count() == 1

            # The form still works by plain POST, refusals included.
            box.fill(TOO_LONG)
            page_a.get_by_role("button", name="Send").click()
            page_a.wait_for_load_state()
            refused = page_a.locator("#id_text_error")
            refused.wait_for()
            assert "at most 4000 characters" in refused.inner_text()
            assert (
                page_a.get_by_label("Your message").input_value().strip()
                == TOO_LONG.strip()
            )

            page_a.get_by_label("Your message").fill("Sent without the socket")
            page_a.get_by_role("button", name="Send").click()
            page_a.locator("#room-log", has_text="Sent without the socket").wait_for()
            # Bob, still live, gets it pushed.
            page_b.locator("#room-log", has_text="Sent without the socket").wait_for()
        finally:
            ctx_a.close()
            ctx_b.close()
    assert not Message.objects.filter(text__startswith="Long report").exists()
    assert Message.objects.filter(text="Sent without the socket").count() == 1
