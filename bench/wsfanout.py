"""WebSocket fan-out: 500 sockets on one Daphne, 100 of them in one room.

Signed-in senders (SENDERS of the 100 room sockets) post messages as fast as the
room's rate limit allows; every socket in the room must receive every message.
The message's `ref` carries the send time's key, so the delivery latency is
measured in one clock (client and server on the same machine). The other 400
sockets sit in four other rooms: idle connections the server carries meanwhile.
Reported: connect time, delivery ratio (must be 100 %), deliveries per second and
latency p50/p95/p99, and the messages stored in the database afterwards.
"""

import asyncio
import json
import statistics
import time

SOCKETS = 500
ROOM_SIZE = 100
SENDERS = 20
MESSAGES_PER_SENDER = 8  # under the room's limit of 10 per 10 s per member
CONNECT_CONCURRENCY = 50


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


async def _run(port, room, other_rooms, sessions):
    from websockets.asyncio.client import connect

    origin = f"http://127.0.0.1:{port}"
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
    sent_at, received = {}, []
    expected_refs = set()

    async def open_socket(slug, session=None):
        headers = {"Origin": origin}
        if session:
            headers["Cookie"] = f"sessionid={session}"
        async with gate:
            ws = await connect(
                f"ws://127.0.0.1:{port}/ws/forums/rooms/{slug}/",
                additional_headers=headers,
                open_timeout=60,
                max_queue=None,
            )
            # The welcome frame proves the consumer accepted us.
            while True:
                frame = json.loads(await asyncio.wait_for(ws.recv(), 60))
                if frame.get("type") == "welcome":
                    return ws
                if frame.get("type") == "error":
                    raise RuntimeError(f"room {slug}: {frame}")

    async def reader(ws, done):
        try:
            async for raw in ws:
                frame = json.loads(raw)
                if frame.get("type") == "message.new" and frame.get("ref") in sent_at:
                    received.append(time.perf_counter() - sent_at[frame["ref"]])
                    if len(received) >= len(expected_refs) * ROOM_SIZE:
                        done.set()
        except Exception:  # noqa: BLE001 - a closed socket ends its reader
            pass

    started = time.perf_counter()
    room_sockets = await asyncio.gather(
        *[open_socket(room, s) for s in sessions],
        *[open_socket(room) for _ in range(ROOM_SIZE - len(sessions))],
    )
    idle = SOCKETS - ROOM_SIZE
    idle_sockets = await asyncio.gather(
        *[open_socket(other_rooms[i % len(other_rooms)]) for i in range(idle)]
    )
    connect_seconds = time.perf_counter() - started
    await asyncio.sleep(1)  # history and presence frames settle
    for i in range(SENDERS):
        for n in range(MESSAGES_PER_SENDER):
            expected_refs.add(f"b{i}-{n}")
    done = asyncio.Event()
    readers = [asyncio.create_task(reader(ws, done)) for ws in room_sockets]
    errors = []

    async def sender(i, ws):
        for n in range(MESSAGES_PER_SENDER):
            ref = f"b{i}-{n}"
            sent_at[ref] = time.perf_counter()
            await ws.send(
                json.dumps(
                    {"type": "message.send", "text": f"fan-out {ref}", "ref": ref}
                )
            )
            await asyncio.sleep(0.05)

    send_started = time.perf_counter()
    await asyncio.gather(*[sender(i, room_sockets[i]) for i in range(SENDERS)])
    try:
        await asyncio.wait_for(done.wait(), 30)
    except TimeoutError:
        errors.append("not every message reached every socket within 30 s")
    elapsed = time.perf_counter() - send_started
    for task in readers:
        task.cancel()
    await asyncio.gather(
        *[ws.close() for ws in room_sockets + list(idle_sockets)],
        return_exceptions=True,
    )
    expected = len(expected_refs) * ROOM_SIZE
    latencies = [r * 1000 for r in received]
    return {
        "sockets": SOCKETS,
        "room_size": ROOM_SIZE,
        "senders": SENDERS,
        "messages": len(expected_refs),
        "connect_seconds": round(connect_seconds, 2),
        "deliveries_expected": expected,
        "deliveries": len(received),
        "delivery_ratio": round(len(received) / expected, 4),
        "deliveries_per_second": round(len(received) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 95), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 99), 1) if latencies else None,
        "errors": errors,
    }


def run(port, paths, helper):
    room = paths["fanout_room"]
    other = [f"bench-room-{i:02d}" for i in range(1, 5)]
    sessions = json.loads(helper("--sessions", str(SENDERS), "--fanout-reset"))
    try:
        result = asyncio.run(_run(port, room, other, sessions))
    except Exception as error:  # noqa: BLE001 - reported, the other scenarios go on
        return {"skipped": repr(error), "summary": f"failed: {error!r}"}
    stored = json.loads(helper("--fanout-stored"))
    result["stored_messages"] = stored
    result["summary"] = (
        f"{result['sockets']} sockets (room of {result['room_size']}), "
        f"{result['messages']} messages from {result['senders']} senders → "
        f"{result['deliveries']}/{result['deliveries_expected']} deliveries "
        f"({result['delivery_ratio']:.2%}), {result['deliveries_per_second']} "
        f"deliveries/s, latency p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
        f"p99 {result['p99_ms']} ms; connect {result['connect_seconds']} s; "
        f"stored {stored}/{result['messages']}"
    )
    return result
