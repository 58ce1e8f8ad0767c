"""Fault run: processes killed under load lose nothing. `python -m bench.fault`

1. Registrations through gunicorn (deploy/gunicorn.conf.py, 2 workers): visitors
   register for the race event one after another, each as a browser user would
   (load the form, submit it; when the connection breaks or the server answers
   5xx, submit again). After a second one worker is killed (SIGKILL); gunicorn's
   arbiter starts another.
2. Chat messages through the nginx front to two Daphne processes (as make serve
   runs them): signed-in members send messages to a room over WebSockets, each
   waiting for its own message to come back (the room's broadcast carries the
   sender's `ref`: the acknowledgement); a message not acknowledged is sent
   again after reconnecting with the same client id, as the room's page does. After a second one Daphne
   is killed (SIGKILL); a supervisor starts it again half a second later, as
   scripts/serve.sh and systemd's Restart=always do, and meanwhile its sockets
   reconnect through nginx to the other process.

Checked in the database afterwards: every acknowledged registration and message
is there (none lost); how many were sent twice because an acknowledgement was
lost with the process; and the seconds from the kill until gunicorn answered
/healthz again, or a new socket was welcomed through the front (the target:
within 5 s). Exits non-zero on a loss or a slower
recovery; the figures go to bench/fault.json. `BENCH_RUN=fault make bench`
runs it as the benchmark does. Environment as for `make bench` (its database,
Redis, settings); BENCH_FAULT_PARTS=registrations,chat chooses the parts.
"""

import asyncio
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from bench.browser import Browser
from bench.common import (
    BENCH,
    BIN,
    ROOT,
    django_env,
    django_helper,
    log,
    manage,
    redis_flush,
)
from bench.dataset import prepare_database
from bench.front import FRONT_PORT, Front
from bench.servers import DAPHNE_PORT, answers_health, gunicorn

VISITORS = 8
REGISTRATIONS_EACH = 25
SENDERS = 10
MESSAGES_EACH = 6
RECOVERY_TARGET_S = 5.0
SECOND_DAPHNE_PORT = int(os.environ.get("BENCH_SECOND_DAPHNE_PORT") or 8112)


# --- registrations through gunicorn -------------------------------------------------


def submit(port, path, i, deadline):
    """Register visitor `i` as a browser user would; retry until acknowledged.
    Returns (acknowledged, attempts)."""
    attempts = 0
    while time.monotonic() < deadline:
        attempts += 1
        browser = Browser(port, path, timeout=10)
        try:
            action, body = browser.fill_form(i)
            status, _html = browser.request("POST", action, body)
            if status == 302:
                return True, attempts
            if status == 409:  # "already registered": the lost answer's
                return True, attempts
        except (OSError, http.client.HTTPException, RuntimeError):
            pass  # a broken connection, a 5xx instead of the form: again
        finally:
            browser.close()
        time.sleep(0.2)
    return False, attempts


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in children.read_text().split()]


def recovery_seconds(port, since, timeout=30):
    """Seconds from `since` until /healthz answers again."""
    while time.monotonic() - since < timeout:
        if answers_health(port):
            return round(time.monotonic() - since, 3)
        time.sleep(0.05)
    return None


def registrations(paths, tmp):
    slug = paths["race_event"]
    path = next((p for p in paths["event"] if slug in p), f"/events/{slug}/")
    path += "register/"
    django_helper("--race-reset")
    env = django_env()
    results, killed = {}, {}
    with gunicorn(env, tmp) as server:
        deadline = time.monotonic() + 120

        def visitor(v):
            for k in range(REGISTRATIONS_EACH):
                i = v * REGISTRATIONS_EACH + k
                results[i] = submit(server.port, path, i, deadline)

        threads = [threading.Thread(target=visitor, args=(v,)) for v in range(VISITORS)]
        for thread in threads:
            thread.start()
        time.sleep(1.0)
        victim = worker_pids(server.process.pid)[0]
        os.kill(victim, signal.SIGKILL)
        killed["at"] = time.monotonic()
        killed["recovery_s"] = recovery_seconds(server.port, killed["at"])
        for thread in threads:
            thread.join()
        replaced = victim not in worker_pids(server.process.pid)
    outcome = json.loads(django_helper("--race-outcome"))
    acknowledged = sum(1 for ok, _ in results.values() if ok)
    stored = sum(outcome.values())
    return {
        "submitted": len(results),
        "acknowledged": acknowledged,
        "retried": sum(1 for _ok, attempts in results.values() if attempts > 1),
        "in_database": stored,
        "lost": max(0, acknowledged - stored),
        "never_acknowledged": len(results) - acknowledged,
        "worker_replaced": replaced,
        "recovery_s": killed["recovery_s"],
    }


# --- chat messages through Daphne -----------------------------------------------------


class SupervisedDaphne:
    """Daphne restarted half a second after it dies (scripts/serve.sh's loop)."""

    def __init__(self, env, logdir, port):
        self.port, self.env = port, env
        self.log = open(Path(logdir) / f"daphne-{port}.log", "w")  # noqa: SIM115
        self.process, self.stopping = None, False
        self.command = [str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port)]
        self.command += ["vetnet.asgi:application"]

    def start(self):
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log
        )

    def __enter__(self):
        self.start()
        self.thread = threading.Thread(target=self.watch, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 120
        while not answers_health(self.port):
            if time.monotonic() > deadline:
                raise RuntimeError("daphne did not start")
            time.sleep(0.2)
        return self

    def watch(self):
        while not self.stopping:
            if self.process.poll() is not None and not self.stopping:
                time.sleep(0.5)
                self.start()
            time.sleep(0.05)

    def __exit__(self, *exc):
        self.stopping = True
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:  # sockets still open: no more waiting
            self.process.kill()
            self.process.wait()
        self.log.close()


async def socket_recovery(url, room, since, timeout=60):
    """Seconds from `since` until a new socket through the front is welcomed."""
    from websockets.asyncio.client import connect
    from websockets.exceptions import WebSocketException

    ws_url = url.replace("http", "ws", 1) + f"/ws/forums/rooms/{room}/"
    while time.monotonic() - since < timeout:
        try:
            async with connect(ws_url, origin=url, open_timeout=2) as ws:
                frame = {}
                while frame.get("type") != "welcome":
                    frame = json.loads(await asyncio.wait_for(ws.recv(), 2))
                return round(time.monotonic() - since, 3)
        except (OSError, TimeoutError, WebSocketException):
            await asyncio.sleep(0.05)
    return None


async def sender(url, room, session, n, stats):
    """Send MESSAGES_EACH messages, each until its own broadcast comes back."""
    from websockets.asyncio.client import connect
    from websockets.exceptions import WebSocketException

    ws_url = url.replace("http", "ws", 1) + f"/ws/forums/rooms/{room}/"
    # Each message has its client id from the start, kept when it is sent again
    # (as room.js does): a resend whose acknowledgement was lost is stored once.
    pending = [
        (f"fault {n:02d}-{m:02d}", str(uuid.uuid4())) for m in range(MESSAGES_EACH)
    ]
    ws = None
    deadline = time.monotonic() + 90
    while pending and time.monotonic() < deadline:
        try:
            if ws is None:
                ws = await connect(
                    ws_url, origin=url, additional_headers={"Cookie": session}
                )
            text, client_id = pending[0]
            ref = text.replace(" ", "-")
            frame = {"type": "message.send", "text": text, "ref": ref}
            await ws.send(json.dumps({**frame, "client_id": client_id}))
            stats["sent"] += 1
            while True:
                frame = json.loads(await asyncio.wait_for(ws.recv(), 5))
                if frame.get("ref") != ref:
                    continue
                if frame.get("type") == "error":  # e.g. the rate limit: wait
                    await asyncio.sleep(1)
                    break
                stats["acknowledged"].append(text)
                pending.pop(0)
                await asyncio.sleep(0.3)
                break
        except (OSError, TimeoutError, WebSocketException) as error:
            stats["errors"].append(type(error).__name__)
            ws = None  # the browser's page reconnects, then sends it again
            await asyncio.sleep(0.2)
    if ws is not None:
        await ws.close()
    stats["unsent"] += len(pending)


def _django_step(flag, env):
    """What this module prints as JSON when run with ``flag`` in a Django process
    (prepare_chat, chat_outcome): the benchmark itself stays out of Django."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.fault", flag],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


def chat(tmp):
    from bench.rooms import BENCH_ROOM

    env = django_env()
    sessions = _django_step("--prepare-chat", env)
    stats = {"sent": 0, "acknowledged": [], "errors": [], "unsent": 0}
    # As make serve runs them: two Daphne processes behind the nginx front.
    with (
        SupervisedDaphne(env, tmp, DAPHNE_PORT) as victim,
        SupervisedDaphne(env, tmp, SECOND_DAPHNE_PORT),
        Front(SECOND_DAPHNE_PORT, tmp, sockets=[DAPHNE_PORT, SECOND_DAPHNE_PORT]),
    ):
        url = f"http://127.0.0.1:{FRONT_PORT}"

        async def everyone():
            tasks = [
                asyncio.create_task(
                    sender(url, BENCH_ROOM, f"sessionid={session}", n, stats)
                )
                for n, session in enumerate(sessions)
            ]
            await asyncio.sleep(1.0)
            killed_at = time.monotonic()
            victim.process.kill()
            recovery = await socket_recovery(url, BENCH_ROOM, killed_at)
            await asyncio.gather(*tasks)
            return recovery

        recovery = asyncio.run(everyone())
    stored = _django_step("--chat-outcome", env)
    acknowledged = stats["acknowledged"]
    return {
        "messages": SENDERS * MESSAGES_EACH,
        "acknowledged": len(acknowledged),
        "sent_frames": stats["sent"],
        "lost": sum(1 for text in acknowledged if stored.get(text, 0) == 0),
        "stored_twice": sum(1 for n in stored.values() if n > 1),
        "never_acknowledged": stats["unsent"],
        "recovery_s": recovery,
    }


def prepare_chat():
    import django

    django.setup()
    from bench.rooms import prepare

    print(json.dumps(prepare(SENDERS)))


def chat_outcome():
    import django

    django.setup()
    from bench.rooms import BENCH_ROOM
    from forums.models import Message

    counts = {}
    for text in Message.objects.filter(room__slug=BENCH_ROOM).values_list(
        "text", flat=True
    ):
        counts[text] = counts.get(text, 0) + 1
    print(json.dumps(counts))


def main():
    if "--prepare-chat" in sys.argv:
        return prepare_chat()
    if "--chat-outcome" in sys.argv:
        return chat_outcome()
    prepare_database()
    # Production settings serve hashed static names: without the manifest every
    # page is a 500 (and no registration could ever be acknowledged).
    log("collectstatic")
    manage("collectstatic", "--noinput", "-v", "0")
    paths_file = Path(tempfile.mkstemp(prefix="bench-paths-", suffix=".json")[1])
    django_helper("--paths-out", str(paths_file))
    paths = json.loads(paths_file.read_text())
    redis_flush()
    report = {}
    parts = os.environ.get("BENCH_FAULT_PARTS", "registrations,chat").split(",")
    with tempfile.TemporaryDirectory(prefix="vetnet-fault-") as tmp:
        if "registrations" in parts:
            log("registrations through gunicorn, one worker killed after 1 s")
            report["registrations"] = registrations(paths, tmp)
            log(f"  {report['registrations']}")
        if "chat" in parts:
            log("chat messages through Daphne, Daphne killed after 1 s")
            report["chat"] = chat(tmp)
            log(f"  {report['chat']}")
    report["date"] = datetime.now(UTC).isoformat(timespec="seconds")
    report["load_average"] = os.getloadavg()
    (BENCH / "fault.json").write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(report, indent=1))
    failed = [
        name
        for name in parts
        if report[name]["lost"]
        or report[name].get("stored_twice")
        or report[name]["never_acknowledged"]
        or report[name]["recovery_s"] is None
        or report[name]["recovery_s"] > RECOVERY_TARGET_S
    ]
    if failed:
        sys.exit(f"fault run failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
