"""A member flags a message from the live room with a reason (issue 14)."""

import pytest

from forums.models import MessageFlag
from tests.e2e.test_forums import member_page, members, wait_live  # noqa: F401
from tests.forums.servers import daphne_servers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_flag_from_the_live_room_carries_the_reason(browser, members):  # noqa: F811
    alice, bob, room = members
    with daphne_servers(1) as (base,):
        context, page = member_page(browser, base, alice)
        try:
            page.goto(f"{base}/forums/rooms/{room.slug}/")
            wait_live(page)
            message = page.locator(
                "#room-log .chat-msg", has_text="Welcome to the room"
            )
            message.get_by_role("button", name="Flag").click()
            message.get_by_label("Why should the moderators look at it?").fill(
                "Advertising a paid course"
            )
            message.get_by_role("button", name="Send to the moderators").click()
            page.get_by_text("Thank you: the moderators will look at it.").wait_for()
        finally:
            context.close()
    assert MessageFlag.objects.get().reason == "Advertising a paid course"
