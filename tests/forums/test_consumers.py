"""The room socket, through vetnet.asgi (origin check, session auth, routing)."""

import json
import time

import pytest
from asgiref.sync import sync_to_async

from forums.models import Message, MessageFlag, ModerationAction

from .conftest import join, receive_until

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


@sync_to_async
def add_messages(room, author, count):
    return Message.objects.bulk_create(
        [Message(room=room, author=author, text=f"message {i}") for i in range(count)]
    )


@sync_to_async
def reload(message_id):
    return Message.objects.get(pk=message_id)


async def test_join_sends_last_50_messages_and_presence(connect, open_room, alice):
    await add_messages(open_room, alice, 60)
    alice_ws, frames = await join(connect, open_room.slug, alice)

    assert frames["welcome"]["user"]["can_write"] is True
    history = frames["history"]
    assert history["initial"] is True
    assert len(history["messages"]) == 50
    assert history["messages"][0]["text"] == "message 10"
    assert history["messages"][-1]["text"] == "message 59"
    assert history["has_more"] is True
    assert [u["name"] for u in frames["presence"]["users"]] == ["Alice"]


async def test_older_messages_page_on_request(connect, open_room, alice):
    await add_messages(open_room, alice, 60)
    alice_ws, frames = await join(connect, open_room.slug, alice)
    oldest = frames["history"]["messages"][0]["id"]

    await alice_ws.send_json_to({"type": "history", "before": oldest})
    page = await receive_until(alice_ws, "history")

    assert page["initial"] is False
    assert [m["text"] for m in page["messages"]] == [f"message {i}" for i in range(10)]
    assert page["has_more"] is False


async def test_message_reaches_everyone_and_is_saved(connect, open_room, alice, bob):
    alice_ws, _ = await join(connect, open_room.slug, alice)
    bob_ws, _ = await join(connect, open_room.slug, bob)

    await alice_ws.send_json_to(
        {"type": "message.send", "text": "  Hello from Rome  ", "ref": "r1"}
    )
    received = await receive_until(bob_ws, "message.new")
    echoed = await receive_until(alice_ws, "message.new")

    assert received["message"]["text"] == "Hello from Rome"
    assert received["message"]["author"]["name"] == "Alice"
    assert echoed["ref"] == "r1"
    saved = await reload(received["message"]["id"])
    assert saved.text == "Hello from Rome"
    assert saved.room_id == open_room.pk


async def test_presence_follows_joins_and_leaves(connect, open_room, alice, bob):
    alice_ws, _ = await join(connect, open_room.slug, alice)
    bob_ws, frames = await join(connect, open_room.slug, bob)
    assert [u["name"] for u in frames["presence"]["users"]] == ["Alice", "Bob"]

    joined = await receive_until(alice_ws, "presence.joined")
    while joined["user"]["name"] != "Bob":
        joined = await receive_until(alice_ws, "presence.joined")
    await bob_ws.disconnect()
    left = await receive_until(alice_ws, "presence.left")
    assert left["user"]["name"] == "Bob"


async def test_edit_propagates_and_only_the_author_may_edit(
    connect, open_room, alice, bob
):
    [message] = await add_messages(open_room, alice, 1)
    alice_ws, _ = await join(connect, open_room.slug, alice)
    bob_ws, _ = await join(connect, open_room.slug, bob)

    await bob_ws.send_json_to({"type": "message.edit", "id": message.pk, "text": "x"})
    error = await receive_until(bob_ws, "error")
    assert error["code"] == "forbidden"

    await alice_ws.send_json_to(
        {"type": "message.edit", "id": message.pk, "text": "corrected"}
    )
    update = await receive_until(bob_ws, "message.update")
    assert update["message"]["text"] == "corrected"
    assert update["message"]["edited"] is True
    assert (await reload(message.pk)).text == "corrected"


async def test_delete_propagates_without_the_text(connect, open_room, alice, bob):
    [message] = await add_messages(open_room, alice, 1)
    alice_ws, _ = await join(connect, open_room.slug, alice)
    bob_ws, _ = await join(connect, open_room.slug, bob)

    await bob_ws.send_json_to({"type": "message.delete", "id": message.pk})
    assert (await receive_until(bob_ws, "error"))["code"] == "forbidden"

    await alice_ws.send_json_to({"type": "message.delete", "id": message.pk})
    update = await receive_until(bob_ws, "message.update")
    assert update["message"]["state"] == "deleted"
    assert update["message"]["text"] == ""


async def test_flag_then_moderator_hides_and_the_log_keeps_it(
    connect, open_room, alice, bob, moderator
):
    [message] = await add_messages(open_room, alice, 1)
    bob_ws, _ = await join(connect, open_room.slug, bob)
    mod_ws, frames = await join(connect, open_room.slug, moderator)
    assert frames["welcome"]["user"]["can_moderate"] is True

    await bob_ws.send_json_to(
        {"type": "message.flag", "id": message.pk, "reason": "insulting"}
    )
    flagged = await receive_until(bob_ws, "flagged")
    assert flagged == {"type": "flagged", "id": message.pk, "new": True, "ref": None}
    assert await sync_to_async(MessageFlag.objects.filter(message=message).count)() == 1

    await bob_ws.send_json_to({"type": "message.hide", "id": message.pk})
    assert (await receive_until(bob_ws, "error"))["code"] == "forbidden"

    await mod_ws.send_json_to(
        {"type": "message.hide", "id": message.pk, "reason": "insults"}
    )
    update = await receive_until(bob_ws, "message.update")
    assert update["message"]["state"] == "hidden"
    assert update["message"]["text"] == ""

    kept = await reload(message.pk)
    assert kept.text == "message 0"
    assert kept.hidden_by_id == moderator.pk
    log = await sync_to_async(list)(ModerationAction.objects.filter(message=message))
    assert [(a.action, a.reason) for a in log] == [("hide", "insults")]


async def test_private_room_refuses_non_members(
    connect, private_room, alice, carol, moderator
):
    assert await connect(private_room.slug, carol, expect_ok=False) == (False, 4403)
    assert await connect(private_room.slug, None, expect_ok=False) == (False, 4403)
    # Site moderators are not let into private counselling rooms either.
    assert await connect(private_room.slug, moderator, expect_ok=False) == (
        False,
        4403,
    )
    alice_ws, frames = await join(connect, private_room.slug, alice)
    assert frames["welcome"]["user"]["can_write"] is True


async def test_unknown_room_is_refused(connect, alice):
    assert await connect("no-such-room", alice, expect_ok=False) == (False, 4404)


async def test_anonymous_reads_only_where_allowed_and_never_writes(
    connect, open_room, alice
):
    assert await connect(open_room.slug, None, expect_ok=False) == (False, 4403)

    open_room.anonymous_can_read = True
    await sync_to_async(open_room.save)()
    await add_messages(open_room, alice, 3)
    visitor, frames = await join(connect, open_room.slug, None)
    assert len(frames["history"]["messages"]) == 3
    assert frames["welcome"]["user"]["can_write"] is False

    await visitor.send_json_to({"type": "message.send", "text": "hi"})
    error = await receive_until(visitor, "error")
    assert error["code"] == "sign_in"
    assert await sync_to_async(Message.objects.count)() == 3


async def test_bad_payloads_get_clear_errors_and_the_socket_survives(
    connect, open_room, alice
):
    ws, _ = await join(connect, open_room.slug, alice)

    await ws.send_json_to({"type": "message.send", "text": "x" * 4001, "ref": "big"})
    error = await receive_until(ws, "error")
    assert error["code"] == "too_long"
    assert "4,000" in error["message"]
    assert error["ref"] == "big"

    await ws.send_json_to({"type": "message.send", "text": "   "})
    assert (await receive_until(ws, "error"))["code"] == "empty"

    await ws.send_to(text_data="{not json")
    assert (await receive_until(ws, "error"))["code"] == "malformed"

    await ws.send_to(text_data=json.dumps(["message.send"]))
    assert (await receive_until(ws, "error"))["code"] == "malformed"

    await ws.send_json_to({"type": "message.send", "text": {"html": "<b>"}})
    assert (await receive_until(ws, "error"))["code"] == "invalid"

    await ws.send_json_to({"type": "message.edit", "id": "abc", "text": "x"})
    assert (await receive_until(ws, "error"))["code"] == "invalid"

    await ws.send_json_to({"type": "shutdown"})
    assert (await receive_until(ws, "error"))["code"] == "unknown_type"

    await ws.send_to(text_data="y" * 20_000)
    assert (await receive_until(ws, "error"))["code"] == "too_long"

    # Still connected, and nothing bad was saved.
    await ws.send_json_to({"type": "message.send", "text": "still here"})
    assert (await receive_until(ws, "message.new"))["message"]["text"] == "still here"
    assert await sync_to_async(Message.objects.count)() == 1


async def test_rate_limit_refuses_the_eleventh_message_in_ten_seconds(
    connect, open_room, alice
):
    if time.time() % 10 > 6:  # start inside one rate window
        time.sleep(10 - time.time() % 10)
    ws, _ = await join(connect, open_room.slug, alice)
    for i in range(10):
        await ws.send_json_to({"type": "message.send", "text": f"n{i}"})
        await receive_until(ws, "message.new")

    await ws.send_json_to({"type": "message.send", "text": "one too many"})
    error = await receive_until(ws, "error")
    assert error["code"] == "rate_limited"
    assert await sync_to_async(Message.objects.count)() == 10


async def test_markup_is_sent_as_plain_text(connect, open_room, alice, bob):
    alice_ws, _ = await join(connect, open_room.slug, alice)
    bob_ws, _ = await join(connect, open_room.slug, bob)
    payload = '<script>document.title="pwned"</script><img src=x onerror=alert(1)>'
    await alice_ws.send_json_to({"type": "message.send", "text": payload})
    received = await receive_until(bob_ws, "message.new")
    # Stored and sent as typed; room.js sets it with textContent and templates
    # escape it (see test_views.py), so it is shown, never run.
    assert received["message"]["text"] == payload


async def test_a_flag_needs_a_reason_and_keeps_it(connect, open_room, alice, bob):
    """Issue 14: flags from the room carried no reason for the moderators."""
    [message] = await add_messages(open_room, alice, 1)
    bob_ws, _ = await join(connect, open_room.slug, bob)

    await bob_ws.send_json_to({"type": "message.flag", "id": message.pk})
    error = await receive_until(bob_ws, "error")
    assert error["code"] == "invalid" and "say why" in error["message"]
    await bob_ws.send_json_to({"type": "message.flag", "id": message.pk, "reason": " "})
    assert (await receive_until(bob_ws, "error"))["code"] == "invalid"
    assert not await sync_to_async(MessageFlag.objects.exists)()

    await bob_ws.send_json_to(
        {"type": "message.flag", "id": message.pk, "reason": "advertising"}
    )
    await receive_until(bob_ws, "flagged")
    flag = await sync_to_async(MessageFlag.objects.get)()
    assert flag.reason == "advertising"


async def test_a_resent_message_is_stored_once_and_acknowledged_again(
    connect, open_room, alice, bob
):
    """The fault run's duplicate: the acknowledgement died with Daphne, the page
    reconnects and sends the same message (same client id) again."""
    client_id = "0b6f7c1e-4a43-4d43-9a53-6f0b1f1d2e77"
    frame = {"type": "message.send", "text": "Only once", "client_id": client_id}
    bob_ws, _ = await join(connect, open_room.slug, bob)
    first_ws, _ = await join(connect, open_room.slug, alice)
    await first_ws.send_json_to({**frame, "ref": "try-1"})
    first = await receive_until(first_ws, "message.new")
    assert (await receive_until(bob_ws, "message.new"))["message"][
        "text"
    ] == "Only once"

    again_ws, _ = await join(connect, open_room.slug, alice)  # after a reconnect
    await again_ws.send_json_to({**frame, "ref": "try-2"})
    second = await receive_until(again_ws, "message.new")

    assert (first["ref"], second["ref"]) == ("try-1", "try-2")
    assert second["message"]["id"] == first["message"]["id"]
    assert second["message"]["text"] == "Only once"
    stored = await sync_to_async(list)(
        Message.objects.filter(room=open_room).values_list("text", flat=True)
    )
    assert stored == ["Only once"]
    # The room is not told twice; another client id is another message.
    heard = []
    while not await bob_ws.receive_nothing(timeout=0.5):
        heard.append((await bob_ws.receive_json_from())["type"])
    assert "message.new" not in heard
    await again_ws.send_json_to(
        {**frame, "client_id": "9c1d0b52-7a34-4f4e-8f7e-2a1a0d6b3c11", "ref": "r3"}
    )
    third = await receive_until(again_ws, "message.new")
    assert third["message"]["id"] != first["message"]["id"]
