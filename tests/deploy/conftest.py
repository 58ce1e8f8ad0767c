"""nginx in front of the live server, configured from deploy/nginx/vetnet.conf.in."""

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import IN_CI

REPO = Path(__file__).resolve().parents[2]
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")

MAIN_CONF = """
load_module {module};
{user}
worker_processes 1;
daemon off;
pid {state}/nginx.pid;
error_log {state}/error.log warn;
events {{ worker_connections 256; }}
http {{
    default_type text/html;
    access_log off;
    client_body_temp_path {state}/body;
    proxy_temp_path {state}/proxy;
    fastcgi_temp_path {state}/fastcgi;
    uwsgi_temp_path {state}/uwsgi;
    scgi_temp_path {state}/scgi;
    include {state}/site.conf;
}}
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_available():
    return shutil.which("nginx") is not None and PURGE_MODULE.exists()


def require_nginx():
    if not nginx_available():
        message = "nginx with the cache purge module is not installed"
        if IN_CI:
            pytest.fail(f"CI=true: {message} (scripts/test.sh installs it)")
        pytest.skip(message)


@contextmanager
def front(tmp_path, pages, sockets):
    """nginx from deploy/nginx/vetnet.conf.in on a free loopback port, in front
    of `pages` (VETNET_PAGES) and `sockets`; yields its URL."""
    require_nginx()
    port = free_port()
    env = {
        **os.environ,
        "VETNET_LISTEN": f"127.0.0.1:{port}",
        "VETNET_SERVER_NAME": "127.0.0.1 localhost",
        "VETNET_PAGES": pages,
        "VETNET_SOCKETS": sockets,
        "VETNET_STATIC_ROOT": str(tmp_path / "static"),
        "VETNET_MEDIA_ROOT": str(tmp_path / "media"),
        "VETNET_CACHE_DIR": str(tmp_path / "cache"),
    }
    site = subprocess.run(
        [REPO / "deploy" / "render-nginx.sh"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    (tmp_path / "site.conf").write_text(site)
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        MAIN_CONF.format(module=PURGE_MODULE, user=user, state=tmp_path)
    )
    process = subprocess.Popen(
        ["nginx", "-c", str(tmp_path / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(
                    f"nginx did not start: {process.stderr.read().decode()}"
                ) from None
            time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def nginx(live_server, tmp_path, settings):
    """nginx on a free loopback port, pages from the live server; purges enabled."""
    require_nginx()
    upstream = live_server.url.split("://", 1)[1]
    with front(tmp_path, pages=upstream, sockets=upstream) as url:
        settings.WAGTAILFRONTENDCACHE = {
            "nginx": {
                "BACKEND": "vetnet.frontcache.PurgeBackend",
                "LOCATION": url,
                "TIMEOUT": 2,
            }
        }
        settings.WAGTAILADMIN_BASE_URL = url
        settings.PAGE_CACHE_SECONDS = 0  # only nginx keeps pages here
        yield url
