"""The page server's settings (deploy/gunicorn.conf.py) as gunicorn runs them."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.deploy.conftest import free_port

REPO = Path(__file__).resolve().parents[2]
CONF = REPO / "deploy" / "gunicorn.conf.py"
APP = """
def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
"""


@contextmanager
def page_server(tmp_path, name, **environ):
    """gunicorn with the page server's settings on a free loopback port, serving
    a stub application (what is under test is the configuration)."""
    (tmp_path / "stub_app.py").write_text(APP)
    port = free_port()
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
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log.read_text()) from None
                time.sleep(0.2)
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
