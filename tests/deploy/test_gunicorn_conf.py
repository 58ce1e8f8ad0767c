"""The page server's settings (deploy/gunicorn.conf.py) as gunicorn runs them."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.deploy.conftest import free_port, front

REPO = Path(__file__).resolve().parents[2]
CONF = REPO / "deploy" / "gunicorn.conf.py"
# Loading takes STUB_LOAD_SECONDS, as importing Django and the site does (2.3 s
# of CPU, 8-11 s on a loaded machine); each answer names the process.
APP = """
import os, time

time.sleep(float(os.environ.get("STUB_LOAD_SECONDS", "0")))


def application(environ, start_response):
    start_response("200 OK", [("X-Pid", str(os.getpid()))])
    return [b"ok"]
"""


@contextmanager
def page_server(tmp_path, name, port=None, wait=True, **environ):
    """gunicorn with the page server's settings on a free loopback port, serving
    a stub application (what is under test is the configuration)."""
    (tmp_path / "stub_app.py").write_text(APP)
    port = port or free_port()
    env = {**os.environ, **environ, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    log = tmp_path / f"{name}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(CONF)]
        + ["--pythonpath", str(tmp_path), "stub_app:application"],
        cwd=REPO,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process.port = port
    try:
        deadline = time.monotonic() + 60
        while wait:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log.read_text()) from None
                time.sleep(0.2)
        if wait:
            time.sleep(0.5)  # the control socket starts after the workers
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)


def test_each_page_server_has_its_own_control_socket_or_none(tmp_path, monkeypatch):
    """gunicorn's control socket defaulted to one path per user: the second
    instance on a machine (make serve's and a benchmark's) took it over, so
    gunicornc drove the wrong one, and the first to stop deleted the other's."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.delenv("GUNICORN_CONTROL_SOCKET", raising=False)
    own = tmp_path / "first.ctl"
    with ExitStack() as servers:
        servers.enter_context(
            page_server(tmp_path, "first", GUNICORN_CONTROL_SOCKET=str(own))
        )
        servers.enter_context(page_server(tmp_path, "second"))
        assert own.is_socket()
        assert not (home / ".gunicorn" / "gunicorn.ctl").exists()
        assert not (home / ".gunicorn").exists()


def timed_get(url):
    """(seconds, answering pid) of one GET on a new connection."""
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        return time.monotonic() - started, response.headers["X-Pid"]


def test_a_worker_replaced_answers_at_once(tmp_path):
    """A killed worker's replacement is ready when it takes connections: with a
    socket per worker it took its share of them while it was still loading the
    application, and those requests waited the whole load."""
    with page_server(
        tmp_path, "node", GUNICORN_WORKERS="2", STUB_LOAD_SECONDS="4"
    ) as node:
        url = f"http://127.0.0.1:{node.port}/"
        pids = {timed_get(url)[1] for _ in range(40)}
        os.kill(int(pids.pop()), signal.SIGKILL)
        time.sleep(0.5)  # the arbiter notices and forks a new worker
        seconds = [timed_get(url)[0] for _ in range(20)]
        assert max(seconds) < 2, seconds


def test_a_page_node_starting_is_skipped_until_ready_then_used(tmp_path):
    """Two gunicorn nodes behind nginx (deploy/nginx/vetnet.conf.in): while one
    is starting no request waits for it, and it takes requests within a couple
    of seconds of being ready."""
    warm, starting = free_port(), free_port()
    with (
        page_server(tmp_path, "warm", port=warm) as first,
        front(tmp_path, f"127.0.0.1:{warm} 127.0.0.1:{starting}", "127.0.0.1:9") as url,
        page_server(
            tmp_path, "starting", port=starting, wait=False, STUB_LOAD_SECONDS="4"
        ),
    ):
        answers = [timed_get(url + "/") for _ in range(20)]
        assert max(seconds for seconds, _pid in answers) < 2, answers
        first_pids = {pid for _seconds, pid in answers}
        deadline = time.monotonic() + 60
        while True:  # the starting node is up
            try:
                timed_get(f"http://127.0.0.1:{starting}/")
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        time.sleep(2)  # nginx tries a refusing node again after fail_timeout
        later = {timed_get(url + "/")[1] for _ in range(10)}
        assert later - first_pids, "the node that started gets no requests"
        assert first.poll() is None
