"""Fault test: Elasticsearch, then Redis, go away while people use the site.

A real Daphne (a subprocess on the test database) talks to Elasticsearch through a
TCP proxy this test controls, and to a Redis server this test starts: the shared
services stay untouched. Cutting the proxy is Elasticsearch going down; terminating
our Redis is Redis going down. Pages must keep answering (search says it is in a
simplified mode, the room page still offers its form), and every registration and
message sent during the faults must be in the database afterwards.
"""

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.forums.servers import free_port, redis_server

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.elasticsearch,
]
# No test transaction: the Daphne subprocess must see committed rows. The `site`
# fixture commits its rows and deletes them again afterwards (what a transactional
# test's flush would do, tests/baseline.py, for this module's few rows).

REPO = Path(settings.BASE_DIR)


def wait_for_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), 0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on {port}")


class CuttableProxy:
    """Forwards 127.0.0.1:<port> to a target; cut() closes it like a dead server."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        self.writers = set()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", self.port)
        )
        self.ready.set()
        self.loop.run_forever()

    async def _pipe(self, reader, writer):
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _handle(self, client_reader, client_writer):
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(
                *self.target
            )
        except OSError:
            client_writer.close()
            return
        self.writers.update({client_writer, upstream_writer})
        await asyncio.gather(
            self._pipe(client_reader, upstream_writer),
            self._pipe(upstream_reader, client_writer),
        )

    def start(self):
        self.thread.start()
        self.ready.wait(5)
        return self

    def cut(self):
        async def _cut():
            self.server.close()
            for writer in list(self.writers):
                writer.transport.abort()

        asyncio.run_coroutine_threadsafe(_cut(), self.loop).result(5)

    def stop(self):
        self.loop.call_soon_threadsafe(self.loop.stop)


class Browserless:
    """A visitor over plain HTTP with cookies (CSRF included)."""

    def __init__(self, port, cookies=None):
        self.port = port
        self.cookies = dict(cookies or {})

    def request(self, method, path, data=None):
        conn = HTTPConnection("127.0.0.1", self.port, timeout=20)
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        started = time.monotonic()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        text = response.read().decode("utf-8", "replace")
        conn.close()
        return response.status, text, time.monotonic() - started

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, path, data):
        _status, html, _ = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert token, f"no form at {path}"
        return self.request("POST", path, {**data, "csrfmiddlewaretoken": token[1]})


@pytest.fixture
def own_redis():
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is needed for the fault test (scripts/services.sh)")
    with redis_server() as (port, process):
        yield process, port


@pytest.fixture
def es_proxy():
    target = urlparse(settings.ELASTICSEARCH_URL)
    proxy = CuttableProxy(target.hostname, target.port or 9200).start()
    yield proxy
    proxy.stop()


@pytest.fixture
def site(django_db_setup, django_db_blocker):
    from events.demo import ensure_index
    from tests.baseline import ensure_baseline
    from tests.factories import EventPageFactory, RoomFactory, UserFactory

    tag = uuid.uuid4().hex[:8]
    with django_db_blocker.unblock():
        ensure_baseline()
        now = timezone.now()
        event = EventPageFactory(
            parent=ensure_index(),
            title="Fault workshop",
            slug=f"fault-workshop-{tag}",
            start=now + timedelta(days=20),
            end=now + timedelta(days=20, hours=6),
            capacity=100,
        )
        room = RoomFactory(
            slug=f"fault-room-{tag}", name="Fault room", anonymous_can_read=True
        )
        member = UserFactory(username=f"fault-{tag}")
        client = Client()
        client.force_login(member)
        session = client.cookies["sessionid"].value
        event_path = event.url
    yield {
        "event_path": event_path,
        "event": event,
        "room": room,
        "session": session,
        "blocker": django_db_blocker,
    }
    with django_db_blocker.unblock():
        room.delete()  # its messages with it
        event.delete()  # its registrations with it
        member.delete()


@pytest.fixture
def daphne(site, own_redis, es_proxy):
    db = settings.DATABASES["default"]
    port = free_port()
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="vetnet.settings.test",
        DATABASE_URL=(
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
        DB_CONN_MAX_AGE="0",
        REDIS_URL=f"redis://127.0.0.1:{own_redis[1]}/0",
        ELASTICSEARCH_URL=f"http://127.0.0.1:{es_proxy.port}",
        ELASTICSEARCH_INDEX_PREFIX=f"fault{uuid.uuid4().hex[:8]}",
        CHANNEL_LAYER_PREFIX="fault",
        LOG_LEVEL="ERROR",
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "daphne",
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "vetnet.asgi:application",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port, 60)
    except TimeoutError:
        process.kill()
        pytest.fail(process.stderr.read()[-2000:])
    yield port
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


async def socket_connects(port, slug):
    from websockets.asyncio.client import connect

    try:
        async with connect(
            f"ws://127.0.0.1:{port}/ws/forums/rooms/{slug}/",
            origin=f"http://127.0.0.1:{port}",
            open_timeout=5,
        ) as ws:
            frame = await asyncio.wait_for(ws.recv(), 5)
            return '"welcome"' in frame
    except Exception:  # noqa: BLE001 - refused, closed or timed out: not connected
        return False


def test_pages_answer_and_nothing_is_lost_when_search_then_redis_fail(
    site, daphne, es_proxy, own_redis
):
    from events.models import Registration
    from forums.models import Message

    port = daphne
    visitor = Browserless(port)
    member = Browserless(port, {"sessionid": site["session"]})
    event_path = site["event_path"]
    register_path = reverse("events:register", kwargs={"slug": site["event"].slug})
    room_path = f"/forums/rooms/{site['room'].slug}/"
    registered, posted = [], []

    def register(tag):
        person = Browserless(port)
        email = f"{tag}@example.org"
        status, html, _ = person.post_form(
            register_path,
            {
                "name": f"Person {tag}",
                "email": email,
                "country": "IT",
                "role": "trainer",
                "language": "en",
                "consent": "on",
            },
        )
        assert status in (200, 302), (status, html[-500:])
        registered.append(email)

    def post_message(tag):
        text = f"message {tag}"
        status, html, _ = member.post_form(room_path, {"text": text})
        assert status in (200, 302), (status, html[-500:])
        posted.append(text)

    # Everything up.
    assert visitor.get("/")[0] == 200
    assert asyncio.run(socket_connects(port, site["room"].slug))
    register("before")
    post_message("before")

    # Elasticsearch goes away.
    es_proxy.cut()
    status, html, seconds = visitor.get("/search/?q=apprenticeship")
    assert status == 200
    assert "simplified mode" in html
    assert seconds < 5  # the breaker answers, no 10 s client timeout
    assert visitor.get("/")[0] == 200
    assert visitor.get(event_path)[0] == 200
    for n in range(3):
        register(f"es-down-{n}")
        post_message(f"es-down-{n}")

    # Then Redis goes away too.
    redis_process, _port = own_redis
    redis_process.terminate()
    redis_process.wait(10)
    for path in ("/", event_path, "/search/?q=mentoring", room_path):
        status, html, seconds = visitor.get(path)
        assert status == 200, path
        assert seconds < 10, path
    status, html, _ = member.get(room_path)
    assert "reconnecting" in html  # the room's script shows it while the socket is down
    assert not asyncio.run(socket_connects(port, site["room"].slug))
    for n in range(3):
        register(f"both-down-{n}")
        post_message(f"both-down-{n}")

    # Nothing lost.
    with site["blocker"].unblock():
        stored = set(
            Registration.objects.filter(event=site["event"]).values_list(
                "email", flat=True
            )
        )
        assert stored == set(registered)
        assert len(registered) == 7
        texts = set(
            Message.objects.filter(room=site["room"]).values_list("text", flat=True)
        )
        assert texts == set(posted)
        assert len(posted) == 7
