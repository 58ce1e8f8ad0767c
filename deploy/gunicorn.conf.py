"""gunicorn settings for the pages (make serve and deploy/systemd/vetnet-web.service).

Pages are plain WSGI: Wagtail recommends it, and one Daphne process served pages at
0.005x nginx in the issue-16 measurements. Two workers per CPU core is the usual
start; GUNICORN_WORKERS overrides. gthread keeps nginx's upstream connections alive.
"""

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
timeout = 30
graceful_timeout = 20
# A worker killed or recycled mid-load is replaced at once by the arbiter.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = 100 if max_requests else 0
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
proc_name = "vetnet-web"
