"""gunicorn settings for the pages (make serve and deploy/systemd/vetnet-web.service).

Pages are plain WSGI: Wagtail recommends it, and one Daphne process served pages at
0.005x nginx in the issue-16 measurements. Two workers per CPU core is the usual
start; GUNICORN_WORKERS overrides. gthread keeps nginx's upstream connections alive.
"""

import itertools
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
keepalive = 30
# A listening socket per worker (SO_REUSEPORT): the kernel spreads new
# connections over the workers. With one shared socket the first worker to wake
# takes every connection a burst opens (wrk's 16, nginx's keepalive pool on a
# busy machine), and its one interpreter serves them all while the other idles.
reuse_port = True


def when_ready(server):
    # With reuse_port the arbiter holds no socket (each worker opens its own),
    # so gunicorn's own "Listening at:" line is empty: say where it listens.
    server.log.info("Listening at: http://%s (a socket per worker)", bind)


# gunicorn's control socket (gunicornc, since 25.1) is on by default at one path
# per user ($XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/gunicorn.ctl): every
# instance of that user (make serve's, a benchmark's, the race tests') took it
# over from the one before, so `gunicornc` acted on whichever started last, and
# the first to stop deleted the others' socket. Nothing here uses it (systemd
# reloads with HUP): off, unless GUNICORN_CONTROL_SOCKET names a path of this
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
