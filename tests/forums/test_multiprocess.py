"""Two Daphne processes share rooms, presence and rate limits through Redis."""

import asyncio
import json
import time

import pytest
from django.conf import settings
from websockets.asyncio.client import connect

from .servers import daphne_servers, session_cookie

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]


async def open_socket(base_url, slug, cookie):
    ws = await connect(
        base_url.replace("http", "ws", 1) + f"/ws/forums/rooms/{slug}/",
        origin=base_url,
        additional_headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"},
        open_timeout=10,
    )
    frames = {}
    while not {"welcome", "history", "presence"} <= set(frames):
        frame = json.loads(await asyncio.wait_for(ws.recv(), 10))
        frames[frame["type"]] = frame
    return ws, frames


async def next_frame(ws, frame_type, timeout=5):
    async with asyncio.timeout(timeout):
        while True:
            frame = json.loads(await ws.recv())
            if frame["type"] == frame_type:
                return frame


def test_a_message_crosses_between_two_daphne_processes(open_room, alice, bob, carol):
    alice_cookie, bob_cookie = session_cookie(alice), session_cookie(bob)
    carol_cookie = session_cookie(carol)

    async def scenario(server_a, server_b):
        alice_ws, _ = await open_socket(server_a, open_room.slug, alice_cookie)
        bob_ws, bob_frames = await open_socket(server_b, open_room.slug, bob_cookie)
        try:
            # Presence is shared: Bob, on the other process, sees Alice.
            assert [u["name"] for u in bob_frames["presence"]["users"]] == [
                "Alice",
                "Bob",
            ]
            await alice_ws.send(
                json.dumps({"type": "message.send", "text": "Ciao from process A"})
            )
            received = await next_frame(bob_ws, "message.new")
            assert received["message"]["text"] == "Ciao from process A"
            assert received["message"]["author"]["name"] == "Alice"

            # The rate limit counts Carol's messages on both processes together.
            carol_a, _ = await open_socket(server_a, open_room.slug, carol_cookie)
            carol_b, _ = await open_socket(server_b, open_room.slug, carol_cookie)
            if time.time() % 10 > 5:  # all eleven inside one 10-second window
                await asyncio.sleep(10 - time.time() % 10)
            for ws in [carol_a] * 5 + [carol_b] * 5:
                await ws.send(json.dumps({"type": "message.send", "text": "again"}))
                await next_frame(ws, "message.new")
            await carol_b.send(json.dumps({"type": "message.send", "text": "11th"}))
            refused = await next_frame(carol_b, "error")
            await carol_a.close()
            await carol_b.close()
            return refused
        finally:
            await alice_ws.close()
            await bob_ws.close()

    with daphne_servers(2) as (server_a, server_b):
        refused = asyncio.run(scenario(server_a, server_b))
    assert refused["code"] == "rate_limited"
