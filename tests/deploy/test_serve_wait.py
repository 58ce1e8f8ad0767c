"""scripts/serve.sh says it is serving only once every node answers
(scripts/wait_until_answering.py): nginx answered 502 for ~15 s while the
gunicorn nodes loaded the application, after serve.sh had said so."""

import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.deploy.conftest import REPO, free_port

SCRIPT = REPO / "scripts" / "wait_until_answering.py"


def answering(status):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def serve_later():
    """serve_later(port, status, after): an HTTP server on ``port`` answering
    ``status``, listening only ``after`` seconds from now (a node loading)."""
    servers = []

    def start(port, status, after=0.0):
        def run():
            time.sleep(after)
            server = ThreadingHTTPServer(("127.0.0.1", port), answering(status))
            servers.append(server)
            server.serve_forever(poll_interval=0.05)

        threading.Thread(target=run, daemon=True).start()

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def wait(*nodes, timeout=10):
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--prefix", "serve: ", "--timeout", str(timeout)]
        + [f"{name}=http://127.0.0.1:{port}/healthz" for name, port in nodes],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode, done.stdout, time.monotonic() - started


def test_it_waits_for_each_node_to_come_up(serve_later):
    first, second, front = free_port(), free_port(), free_port()
    serve_later(first, 200, after=1.0)
    serve_later(second, 503, after=2.0)  # /healthz with a service degraded
    serve_later(front, 200)
    code, out, seconds = wait(
        ("gunicorn :a", first), ("gunicorn :b", second), ("nginx", front)
    )
    assert code == 0, out
    # Each named as it comes up, the last one listening two seconds from now.
    lines = out.splitlines()
    assert [line.split(" answers after ")[0] for line in lines] == [
        "serve: nginx",
        "serve: gunicorn :a",
        "serve: gunicorn :b",
    ]
    assert 2.0 <= seconds < 10


def test_a_proxy_answering_502_is_not_up(serve_later):
    """nginx's 502 (or 504) says the node behind it is not up yet."""
    front = free_port()
    serve_later(front, 502)
    code, out, seconds = wait(("nginx", front), timeout=1.5)
    assert code == 1
    assert "serve: nginx did not answer within 1.5 s" in out


def test_a_node_that_never_comes_up_is_named_within_the_bound(serve_later):
    up, down = free_port(), free_port()
    serve_later(up, 200)
    code, out, seconds = wait(("gunicorn :up", up), ("gunicorn :down", down), timeout=1)
    assert code == 1
    assert "serve: gunicorn :up answers" in out
    assert (
        f"serve: gunicorn :down did not answer within 1 s (http://127.0.0.1:{down}/healthz)"
        in out
    )
    assert seconds < 5
