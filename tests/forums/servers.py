"""Real Daphne processes for tests that need a real ASGI server (several processes
sharing Redis, or a browser). They use the test database of the running test, so
the test must commit its data (transactional tests)."""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)
DAPHNE = Path(sys.executable).with_name("daphne")
KEEP_LOGS = os.environ.get("FORUMS_KEEP_DAPHNE_LOGS") == "1"


def session_cookie(user):
    """The session cookie value of `user`, logged in through Django's test client."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def clear_forum_keys():
    """Drop this test run's forum rate-limit and presence keys (a killed server
    leaves its presence entries behind until they expire)."""
    if not settings.REDIS_URL:
        return
    from redis import Redis

    from forums.services.realtime import _prefix

    client = Redis.from_url(settings.REDIS_URL)
    keys = list(client.scan_iter(f"{_prefix()}:*"))
    if keys:
        client.delete(*keys)
    client.close()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_database_url():
    """DATABASE_URL of the test database pytest-django made (test_<name>)."""
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise RuntimeError("Daphne subprocesses need PostgreSQL (DATABASE_URL)")
    return (
        f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'])}"
        f"@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    )


def _wait_for_port(port, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{process.args[0]} (port {port}) exited with {process.returncode}"
            )
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), 0.2),
        ):
            return
        time.sleep(0.1)
    raise RuntimeError(
        f"{process.args[0]} did not listen on port {port} within {timeout}s"
    )


@contextlib.contextmanager
def redis_server(port=None):
    """A private, throw-away Redis (for outage tests: it is stopped and restarted,
    never the shared one)."""
    port = port or free_port()
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port, process, timeout=10)
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextlib.contextmanager
def daphne_servers(count=1, extra_env=None):
    """Start `count` Daphne processes; yields their base URLs."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.forums.daphne_settings",
        "DATABASE_URL": test_database_url(),
        "DB_CONN_MAX_AGE": "0",
        "PYTHONPATH": str(BASE_DIR),
        "LOG_LEVEL": "WARNING",
        **(extra_env or {}),
    }
    processes = []
    logs = []
    try:
        for _ in range(count):
            port = free_port()
            log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below
                prefix=f"daphne-{port}-", suffix=".log", delete=False
            )
            logs.append(log)
            process = subprocess.Popen(
                [
                    str(DAPHNE),
                    "-b",
                    "127.0.0.1",
                    "-p",
                    str(port),
                    "vetnet.asgi:application",
                ],
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            processes.append((port, process))
        for port, process in processes:
            _wait_for_port(port, process)
        yield [f"http://127.0.0.1:{port}" for port, _ in processes]
    finally:
        for _, process in processes:
            process.terminate()
        for _, process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in logs:
            log.close()
            # FORUMS_KEEP_DAPHNE_LOGS=1 keeps what the servers said (debugging).
            if os.path.getsize(log.name) == 0 or not KEEP_LOGS:
                os.unlink(log.name)
