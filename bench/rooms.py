"""Room fan-out benchmark with a real WebSocket client (the `websockets` library).

    python -m bench.rooms --url http://127.0.0.1:8106 [--sockets 500 --room-size 100]

Against a running Daphne (one process) that uses the same database as this
command (DATABASE_URL, DJANGO_SETTINGS_MODULE). It prepares bench rooms and
signed-in senders, opens `--sockets` sockets (`--room-size` of them in the room
under test, the rest idle in four other rooms), then:

1. latency: senders post one message at a time (paced, within the rate limit of
   10 per 10 s per member); for each message it records the time until every
   socket in the room has it (fan-out complete) and each single delivery;
2. throughput: all senders post at once; deliveries per second until every
   socket has every message.

Prints one JSON object; exits non-zero when a delivery is missing.
"""

import argparse
import asyncio
import json
import os
import statistics
import sys
import time

BENCH_ROOM = "bench-fanout"
IDLE_ROOMS = [f"bench-idle-{i}" for i in range(1, 5)]


def prepare(senders):
    """Bench rooms (readable without an account) and `senders` signed-in members.

    Returns their session cookie values."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from forums.models import Message, Room

    for slug in [BENCH_ROOM, *IDLE_ROOMS]:
        room, _ = Room.objects.update_or_create(
            slug=slug,
            defaults={"name": f"Bench {slug}", "anonymous_can_read": True},
        )
        Message.objects.filter(room=room).delete()
    User = get_user_model()
    sessions = []
    for i in range(senders):
        user, _ = User.objects.get_or_create(
            username=f"bench-sender-{i:03d}", defaults={"first_name": f"Sender {i}"}
        )
        client = Client()
        client.force_login(user)
        sessions.append(client.cookies["sessionid"].value)
    return sessions


def percentile(values, q):
    values = sorted(values)
    if not values:
        return None
    return values[min(len(values) - 1, round(q / 100 * (len(values) - 1)))]


def summarise(values_s):
    ms = [v * 1000 for v in values_s]
    return {
        "count": len(ms),
        "p50_ms": round(statistics.median(ms), 1) if ms else None,
        "p95_ms": round(percentile(ms, 95), 1) if ms else None,
        "p99_ms": round(percentile(ms, 99), 1) if ms else None,
        "max_ms": round(max(ms), 1) if ms else None,
    }


async def _bench(url, sessions, sockets, room_size, per_sender, burst_per_sender):
    from websockets.asyncio.client import connect

    ws_base = url.replace("http", "ws", 1)
    gate = asyncio.Semaphore(50)

    async def open_socket(slug, session=None):
        headers = {"Cookie": f"sessionid={session}"} if session else {}
        async with gate:
            ws = await connect(
                f"{ws_base}/ws/forums/rooms/{slug}/",
                origin=url,
                additional_headers=headers,
                open_timeout=60,
                max_queue=None,
            )
            while json.loads(await ws.recv())["type"] != "welcome":
                pass
            return ws

    started = time.perf_counter()
    room = await asyncio.gather(
        *[open_socket(BENCH_ROOM, s) for s in sessions],
        *[open_socket(BENCH_ROOM) for _ in range(room_size - len(sessions))],
    )
    idle = await asyncio.gather(
        *[
            open_socket(IDLE_ROOMS[i % len(IDLE_ROOMS)])
            for i in range(sockets - room_size)
        ]
    )
    connect_s = time.perf_counter() - started
    await asyncio.sleep(2)  # join frames (history, presence) settle

    sent_at, got, deliveries, errors = {}, {}, [], []
    complete = {}
    waiters = {}

    async def reader(ws):
        async for raw in ws:
            frame = json.loads(raw)
            if frame["type"] == "error":
                errors.append(frame)
            ref = frame.get("ref")
            if frame["type"] != "message.new" or ref not in sent_at:
                continue
            now = time.perf_counter()
            deliveries.append(now - sent_at[ref])
            got[ref] = got.get(ref, 0) + 1
            if got[ref] == room_size:
                complete[ref] = now - sent_at[ref]
                if ref in waiters:
                    waiters.pop(ref).set()

    readers = [asyncio.create_task(reader(ws)) for ws in room]

    async def send(ws, ref):
        waiters[ref] = asyncio.Event()
        sent_at[ref] = time.perf_counter()
        await ws.send(json.dumps({"type": "message.send", "text": ref, "ref": ref}))
        return waiters[ref]

    # 1. latency: one message in flight at a time.
    latency_refs = []
    for n in range(per_sender):
        for i, ws in enumerate(room[: len(sessions)]):
            ref = f"lat-{i}-{n}"
            latency_refs.append(ref)
            event = await send(ws, ref)
            try:
                await asyncio.wait_for(event.wait(), 10)
            except TimeoutError:
                errors.append({"missing": ref})
    latency_deliveries = list(deliveries)

    # 2. throughput: every sender at once (after the rate window has passed).
    await asyncio.sleep(10.5)
    deliveries.clear()
    burst_refs = [
        f"burst-{i}-{n}" for n in range(burst_per_sender) for i in range(len(sessions))
    ]
    burst_started = time.perf_counter()
    events = await asyncio.gather(
        *[send(room[int(ref.split("-")[1])], ref) for ref in burst_refs]
    )
    try:
        await asyncio.wait_for(asyncio.gather(*[e.wait() for e in events]), 30)
    except TimeoutError:
        errors.append({"missing": [r for r in burst_refs if r not in complete]})
    burst_s = time.perf_counter() - burst_started

    for task in readers:
        task.cancel()
    await asyncio.gather(*[ws.close() for ws in [*room, *idle]], return_exceptions=True)

    expected = room_size * (len(latency_refs) + len(burst_refs))
    delivered = sum(got.values())
    return {
        "sockets": sockets,
        "room_size": room_size,
        "senders": len(sessions),
        "connect_seconds": round(connect_s, 2),
        "latency_messages": len(latency_refs),
        "fanout_complete": summarise(
            [complete[r] for r in latency_refs if r in complete]
        ),
        "single_delivery": summarise(latency_deliveries),
        "burst_messages": len(burst_refs),
        "burst_seconds": round(burst_s, 3),
        "burst_messages_per_second": round(len(burst_refs) / burst_s, 1),
        "burst_deliveries_per_second": round(len(deliveries) / burst_s, 1),
        "burst_fanout_complete": summarise(
            [complete[r] for r in burst_refs if r in complete]
        ),
        "deliveries": delivered,
        "deliveries_expected": expected,
        "delivery_ratio": round(delivered / expected, 4),
        "errors": errors[:5],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="base URL of the Daphne server")
    parser.add_argument("--sockets", type=int, default=500)
    parser.add_argument("--room-size", type=int, default=100)
    parser.add_argument("--senders", type=int, default=10)
    parser.add_argument("--messages-per-sender", type=int, default=5)
    parser.add_argument("--burst-per-sender", type=int, default=5)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vetnet.settings.dev")
    import django

    django.setup()
    sessions = prepare(args.senders)
    result = asyncio.run(
        _bench(
            args.url,
            sessions,
            args.sockets,
            args.room_size,
            args.messages_per_sender,
            args.burst_per_sender,
        )
    )
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0 if result["delivery_ratio"] == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
