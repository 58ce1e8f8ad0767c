"""The production front in the benchmark: nginx from deploy/nginx/vetnet.conf.in
(page cache, purges) before gunicorn, as `make serve` runs it; and how long a
publish takes to reach an anonymous visitor through it."""

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from bench.common import PY, ROOT, django_env, log
from bench.servers import answers_health, http_get

FRONT_PORT = int(os.environ.get("BENCH_FRONT_PORT") or 8111)
# The worker as make serve runs it (scripts/serve.sh).
WORKER_OPTIONS = ["--no-reload", "--no-startup-delay", "--interval", "0.2"]
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")

MAIN_CONF = """
load_module {module};
{user}
worker_processes auto;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 2048; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    # No tcp_nopush: with it every cached answer over ~64 KB (the insights map,
    # 106 KB) waited for the client's delayed ACK, 40 ms each: 431 req/s
    # through the front against 12,162 without it.
    keepalive_requests 1000000;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/site.conf;
}}
"""


def available():
    return shutil.which("nginx") is not None and PURGE_MODULE.exists()


def front_env(**extra):
    """The Django processes' environment when the front is in place: purges go to it."""
    return django_env(FRONT_CACHE_PURGE_URL=f"http://127.0.0.1:{FRONT_PORT}", **extra)


class Front:
    """nginx on FRONT_PORT in front of the pages server on `pages_port` (a port,
    or a list of them: nginx balances the nodes, as make serve's two) and the
    WebSocket servers on the `sockets` ports (default the pages servers)."""

    def __init__(self, pages_port, tmp, sockets=None):
        pages = pages_port if isinstance(pages_port, list | tuple) else [pages_port]
        self.tmp = Path(tmp) / "front"
        self.tmp.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "VETNET_LISTEN": f"127.0.0.1:{FRONT_PORT}",
            "VETNET_SERVER_NAME": "127.0.0.1 localhost",
            "VETNET_PAGES": " ".join(f"127.0.0.1:{port}" for port in pages),
            "VETNET_SOCKETS": " ".join(
                f"127.0.0.1:{port}" for port in (sockets or pages)
            ),
            "VETNET_STATIC_ROOT": str(ROOT / "staticfiles"),
            "VETNET_MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(self.tmp / "media")),
            "VETNET_CACHE_DIR": str(self.tmp / "cache"),
        }
        site = subprocess.run(
            [ROOT / "deploy" / "render-nginx.sh"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        (self.tmp / "site.conf").write_text(site)
        # Workers keep the invoking user: the cache and temp dirs are ours.
        user = "user root;" if os.geteuid() == 0 else ""
        conf = self.tmp / "nginx.conf"
        conf.write_text(MAIN_CONF.format(module=PURGE_MODULE, user=user, tmp=self.tmp))
        self.command = [shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(conf)]

    def __enter__(self):
        self.process = subprocess.Popen(self.command, start_new_session=True)
        for _ in range(100):
            if answers_health(FRONT_PORT):
                return self
            time.sleep(0.1)
        self.__exit__()
        raise RuntimeError(f"the nginx front did not answer; see {self.tmp}")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(10)


class TaskWorker:
    """`manage.py db_worker` for the length of a `with` block, when the project
    queues its tasks (front-cache purges among them) in the database."""

    def __init__(self, env, logdir):
        self.env = env
        self.logfile = Path(logdir) / "worker.log"
        self.process = None

    def __enter__(self):
        has_worker = subprocess.run(
            [PY, "manage.py", "help", "db_worker"],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
        )
        if has_worker.returncode == 0:
            with open(self.logfile, "w") as out:
                self.process = subprocess.Popen(
                    [PY, "manage.py", "db_worker", *WORKER_OPTIONS],
                    cwd=ROOT,
                    env=self.env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
        return self

    def __exit__(self, *exc):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(10)


def publish_delay(path, repeats=5):
    """Seconds from a publish's return until an anonymous GET through the front
    shows it, over `repeats` publishes of the practice at `path` (median, max).
    The helper process publishes and then polls the front itself, so that its
    start-up and exit are not counted."""
    delays = []
    for n in range(repeats):
        http_get(FRONT_PORT, path)  # cached (again) before each publish
        marker = f"Bench publish {n} {time.time():.0f}"
        done = subprocess.run(
            [PY, "-m", "bench.front", path, marker],
            cwd=ROOT,
            env=front_env(),
            check=True,
            capture_output=True,
            text=True,
        )
        delays.append(float(done.stdout.strip().splitlines()[-1]))
    delays.sort()
    result = {
        "publishes": repeats,
        "median_s": round(delays[len(delays) // 2], 3),
        "max_s": round(delays[-1], 3),
    }
    log(f"  publish visible through the front: {result}")
    return result


def _publish_and_wait(path, marker):
    """Give the practice at `path` a new title, publish it, then GET it through
    the front until the new title shows; print the seconds that took."""
    import django

    django.setup()
    from practices.models import PracticePage

    slug = path.rstrip("/").rsplit("/", 1)[-1]
    page = PracticePage.objects.get(slug=slug)
    page.title = marker
    page.save_revision().publish()
    published = time.monotonic()
    while marker.encode() not in http_get(FRONT_PORT, path)[1]:
        if time.monotonic() - published > 30:
            break
        time.sleep(0.005)
    print(time.monotonic() - published)


def prime(paths):
    """One GET of every path through the front: what the visitors of a running
    site keep warm (the listing's 61 filter combinations are cold otherwise)."""
    for path in paths:
        http_get(FRONT_PORT, path)


if __name__ == "__main__":
    import sys

    _publish_and_wait(sys.argv[1], sys.argv[2])
