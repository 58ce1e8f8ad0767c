"""The Elasticsearch client and the circuit breaker in front of it.

* One client per process and URL, with ``settings.ELASTICSEARCH_TIMEOUT`` (2 s) per
  request and no retries, so a hung server costs a page at most that long.
* After a connection failure or timeout the breaker opens: during that time every
  caller gets :class:`SearchUnavailable` at once and the database answers instead.
  The first call after that window tries Elasticsearch again ("half open"). The
  window starts short, ``settings.ELASTICSEARCH_BREAKER_FIRST_SECONDS`` (2 s), and
  doubles with each failure in a row up to ``settings.ELASTICSEARCH_BREAKER_SECONDS``
  (30 s); an answer closes it and starts the count again. A node that is only
  starting (its first searches time out while it warms up) is tried again within
  seconds instead of being skipped for half a minute, and one that is really away
  costs a try every 30 s.

The breaker is per process (each web worker learns on its own, after one failed
request, that the server is away); nothing here assumes a single process.
"""

import logging
import threading
import time

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.serializer import OrjsonSerializer

logger = logging.getLogger(__name__)


class SearchUnavailable(Exception):
    """Elasticsearch is not configured, unreachable, or its breaker is open."""


class _Breaker:
    def __init__(self):
        self._lock = threading.Lock()
        self.open_until = 0.0
        self.last_error = ""
        self.failures = 0  # in a row, since the last answer

    def is_open(self):
        return time.monotonic() < self.open_until

    def window(self, failures):
        """Seconds skipped after ``failures`` failures in a row."""
        longest = float(getattr(settings, "ELASTICSEARCH_BREAKER_SECONDS", 30))
        first = float(getattr(settings, "ELASTICSEARCH_BREAKER_FIRST_SECONDS", 2))
        return min(longest, first * 2 ** min(failures - 1, 16))

    def trip(self, error):
        with self._lock:
            self.failures += 1
            seconds = self.window(self.failures)
            self.open_until = time.monotonic() + seconds
            self.last_error = error
        logger.warning(
            "search: Elasticsearch unavailable (%s); skipping it %ss", error, seconds
        )

    def reset(self):
        with self._lock:
            self.open_until = 0.0
            self.last_error = ""
            self.failures = 0

    def answered(self):
        """Elasticsearch answered: the next failure opens the shortest window."""
        if self.failures:
            self.reset()


breaker = _Breaker()
_clients = {}
_clients_lock = threading.Lock()


def is_configured():
    return bool(settings.ELASTICSEARCH_URL)


def get_client():
    """The shared client, or :class:`SearchUnavailable` when unset or tripped."""
    url = settings.ELASTICSEARCH_URL
    if not url:
        raise SearchUnavailable("ELASTICSEARCH_URL unset")
    if breaker.is_open():
        raise SearchUnavailable(f"breaker open: {breaker.last_error}")
    timeout = float(settings.ELASTICSEARCH_TIMEOUT)
    key = (url, timeout)
    client = _clients.get(key)
    if client is None:
        with _clients_lock:
            client = _clients.get(key)
            if client is None:
                client = Elasticsearch(
                    url,
                    request_timeout=timeout,
                    max_retries=0,
                    retry_on_timeout=False,
                    http_compress=False,
                    # orjson reads a search's answer (~19 KB: ten hits' summary
                    # and body, the facets) and writes its request in a fraction
                    # of the json module's time (search/eval/README.md).
                    serializer=OrjsonSerializer(),
                )
                _clients[key] = client
    return client


def forget_clients():
    """Drop this process's clients (a forked child must not share its parent's
    connections)."""
    with _clients_lock:
        _clients.clear()


def call(operation):
    """Run ``operation(client)``; connection trouble trips the breaker and becomes
    :class:`SearchUnavailable`. API errors (a bad query, a missing index) are
    raised as they are: they are answers, not outages."""
    client = get_client()
    try:
        result = operation(client)
    except TransportError as exc:  # connection refused, timeout, TLS ...
        breaker.trip(exc.__class__.__name__)
        raise SearchUnavailable(str(exc)) from exc
    except ApiError as exc:
        if exc.meta.status in (429, 502, 503, 504):
            # The cluster is there but cannot serve now.
            breaker.trip(f"HTTP {exc.meta.status}")
            raise SearchUnavailable(str(exc)) from exc
        breaker.answered()  # a bad query is still an answer
        raise
    breaker.answered()
    return result
