"""gunicorn settings for the pages (make serve and deploy/systemd/vetnet-web@.service).

Pages are plain WSGI: Wagtail recommends it, and one Daphne process served pages at
0.005x nginx in the issue-16 measurements. One worker per node, one node per CPU
core (below); GUNICORN_WORKERS overrides. gthread keeps nginx's upstream
connections alive.
"""

import itertools
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# A node is one gunicorn with one worker; make serve and the systemd units run
# two nodes and nginx balances requests over them (least_conn, VETNET_PAGES).
# Measured on this machine (16 clients through nginx's 16 kept connections, two
# single-threaded CPU-bound workers): one gunicorn with two workers spread the
# connections 9/7 and 10/6 with a socket per worker (reuse_port: the kernel
# hashes each connection to a socket) and 12/4 and 14/2 with one shared socket
# (the first worker to wake takes a burst), p95 313-595 ms; two nodes under
# least_conn held 8/8, p95 173-200 ms, and 1.4x the requests per second. The
# site's home page, runs alternated: one gunicorn of two workers 60-81 req/s,
# p95 315-446 ms; two nodes 119-160 req/s, p95 144-179 ms (machine shared, load
# ~15 on 2 cores: the ratios, not the figures).
workers = int(os.environ.get("GUNICORN_WORKERS", "1"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
keepalive = 30
# The application is loaded before the node listens (2.3 s of CPU, 8-11 s on a
# loaded machine): a node starting refuses connections until it can answer, so
# nginx passes its requests to the other node, and a worker killed or recycled
# is forked again from the loaded application, ready at once. With a socket per
# worker each new worker bound its socket first and the connections the kernel
# gave it waited for the whole import. A code update therefore needs a restart
# of each node in turn, not a HUP (which forks from the code already loaded).
preload_app = True
# Several workers in one node (GUNICORN_WORKERS, e.g. the benchmark's): a
# listening socket each, as one shared socket leaves one of them idle (above).
reuse_port = workers > 1


def when_ready(server):
    if reuse_port:
        # The arbiter holds no socket (each worker opens its own), so
        # gunicorn's own "Listening at:" line is empty: say where it listens.
        server.log.info("Listening at: http://%s (a socket per worker)", bind)


# gunicorn's control socket (gunicornc, since 25.1) is on by default at one path
# per user ($XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/gunicorn.ctl): every
# instance of that user (make serve's, a benchmark's, the race tests') took it
# over from the one before, so `gunicornc` acted on whichever started last, and
# the first to stop deleted the others' socket. Nothing here uses it (systemd
# and make serve use signals): off, unless GUNICORN_CONTROL_SOCKET names a path of this
# instance's own.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket

timeout = 30
graceful_timeout = 20
# A worker killed or recycled mid-load is replaced at once by the arbiter.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = 100 if max_requests else 0
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
proc_name = "vetnet-web"


# Python's cycle collector (vetnet/cache_gc.py): a full collection walked every
# long-lived object of the worker (150-180 ms of CPU at 10,000 practices) about
# once per 150 requests, and each one held up every request queued on the
# worker. What lives long is frozen out of its walks instead: the application
# once loaded, what the first requests load, the tables kept per content
# version (frozen as they are built), and what a long run accumulates.
_served = itertools.count(1)


def post_worker_init(worker):
    from vetnet import cache_gc

    cache_gc.enable()


def post_request(worker, req, environ, resp):
    n = next(_served)
    if n in (10, 100) or n % 1000 == 0:
        from vetnet import cache_gc

        cache_gc.settle()
