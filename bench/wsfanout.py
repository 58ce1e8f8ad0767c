"""WebSocket fan-out: 500 sockets on one Daphne, 100 of them in one room.

The client is the forums app's own (`python -m bench.rooms`, the `websockets`
library): signed-in senders post within the room's rate limit, first one message
at a time (latency until every socket has it), then all at once (throughput).
Every socket in the room must receive every message: delivery ratio 100 %.
"""

import json
import subprocess

SOCKETS = 500
ROOM_SIZE = 100


def run(port, python, cwd, env):
    command = [python, "-m", "bench.rooms", "--url", f"http://127.0.0.1:{port}"]
    command += ["--sockets", str(SOCKETS), "--room-size", str(ROOM_SIZE)]
    try:
        process = subprocess.run(
            command, cwd=cwd, env=env, capture_output=True, text=True, timeout=240
        )
    except subprocess.TimeoutExpired:
        return {"skipped": "timeout", "summary": "failed: no result within 240 s"}
    try:
        result = json.loads(process.stdout[process.stdout.index("{") :])
    except ValueError:
        return {
            "skipped": f"bench.rooms exited {process.returncode}",
            "summary": f"failed: {process.stderr.strip()[-800:]}",
        }
    single = result["single_delivery"]
    complete = result["fanout_complete"]
    result["summary"] = (
        f"{result['sockets']} sockets (room of {result['room_size']}, "
        f"{result['senders']} senders): {result['deliveries']}/"
        f"{result['deliveries_expected']} deliveries ({result['delivery_ratio']:.2%}); "
        f"one message at a time: delivery p50 {single['p50_ms']} ms, "
        f"p95 {single['p95_ms']} ms, p99 {single['p99_ms']} ms, whole room "
        f"p95 {complete['p95_ms']} ms; burst of {result['burst_messages']} "
        f"messages: {result['burst_messages_per_second']} messages/s, "
        f"{result['burst_deliveries_per_second']} deliveries/s; "
        f"500 sockets connected in {result['connect_seconds']} s"
        + (f"; errors: {result['errors']}" if result.get("errors") else "")
    )
    return result
