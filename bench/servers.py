"""The servers under test (Daphne, gunicorn) and the nginx static-file baseline,
each started on loopback for the length of a `with` block."""

import http.client
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from bench.common import BIN, ROOT, env_int

DAPHNE_PORT, GUNICORN_PORT, NGINX_PORT = 8108, 8109, 8110
# Several benchmarks on one machine: a second gunicorn on a taken port exits,
# and the health check would be answered by the other one.
GUNICORN_PORT = int(os.environ.get("BENCH_GUNICORN_PORT") or GUNICORN_PORT)
DAPHNE_PORT = int(os.environ.get("BENCH_DAPHNE_PORT") or DAPHNE_PORT)
NGINX_PORT = int(os.environ.get("BENCH_NGINX_PORT") or NGINX_PORT)
# make serve's second gunicorn node (the front row runs two, as it does).
SECOND_GUNICORN_PORT = int(os.environ.get("BENCH_SECOND_GUNICORN_PORT") or 8113)


class Server:
    def __init__(self, name, command, port, env, logdir):
        self.name, self.command, self.port, self.env = name, command, port, env
        self.logfile = open(Path(logdir) / f"{name}.log", "w")  # noqa: SIM115
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=self.logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log_tail = Path(self.logfile.name).read_text()[-3000:]
                raise RuntimeError(f"{self.name} exited:\n{log_tail}")
            if answers_health(self.port):
                return self
            time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"{self.name} did not answer on :{self.port} in 60s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.logfile.close()


def answers_health(port):
    """True once the server on port answers /healthz (503 counts: it is up)."""
    try:
        return http_get(port, "/healthz", timeout=2)[0] in (200, 503)
    except OSError:
        return False


def http_get(port, path, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def daphne(env, logdir):
    cmd = [str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(DAPHNE_PORT)]
    cmd += ["vetnet.asgi:application"]
    return Server("daphne", cmd, DAPHNE_PORT, env, logdir)


def gunicorn(env, logdir, port=None, workers=None):
    """gunicorn with deploy/gunicorn.conf.py, as the systemd unit runs it: by
    default one server of one worker per CPU on GUNICORN_PORT; make serve's
    nodes are `workers=1` each, on their own ports."""
    port = port or GUNICORN_PORT
    workers = workers or env_int("BENCH_GUNICORN_WORKERS", os.cpu_count() or 2)
    env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
    }
    config = ROOT / "deploy/gunicorn.conf.py"
    probe_dir = None
    if os.environ.get("BENCH_PROBE"):  # per-request timing in the workers
        config, probe_dir = ROOT / "bench/probe.py", Path(logdir) / "probe"
        env["BENCH_PROBE_DIR"] = str(probe_dir)
    cmd = [str(BIN / "gunicorn"), "--config", str(config)]
    cmd += ["--log-level", "warning", "vetnet.wsgi:application"]
    name = f"gunicorn-{workers}w" + ("" if port == GUNICORN_PORT else f"-{port}")
    server = Server(name, cmd, port, env, logdir)
    server.probe_dir = probe_dir
    return server


NGINX_CONF = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  default_type text/html;
  sendfile on;
  keepalive_requests 1000000;
  server {{
    listen 127.0.0.1:{port};
    root {tmp}/www;
  }}
}}
"""


class Nginx:
    def __init__(self, size, tmp):
        self.tmp = Path(tmp) / "nginx"
        (self.tmp / "www").mkdir(parents=True, exist_ok=True)
        # nginx's workers drop to an unprivileged user: they must reach the file.
        for directory in (Path(tmp), self.tmp, self.tmp / "www"):
            directory.chmod(0o755)
        (self.tmp / "www" / "practice.html").write_bytes(b"x" * size)
        conf = self.tmp / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=self.tmp, port=NGINX_PORT))
        self.command = [shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(conf)]
        self.command += ["-p", str(self.tmp), "-e", str(self.tmp / "nginx-error.log")]

    def __enter__(self):
        self.process = subprocess.Popen(self.command, start_new_session=True)
        for _ in range(100):
            try:
                if http_get(NGINX_PORT, "/practice.html", timeout=1)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        self.__exit__()
        raise RuntimeError("nginx did not serve the file; see " + str(self.tmp))

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(10)
