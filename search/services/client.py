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

import base64
import logging
import os
import select
import socket
import threading
import time
from urllib.parse import quote, unquote, urlencode, urlsplit

import orjson
from django.conf import settings
from elastic_transport import (
    ApiResponseMeta,
    HttpHeaders,
    NodeConfig,
    SerializationError,
)
from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.exceptions import HTTP_EXCEPTIONS
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
        _idle.clear()


# Statuses of a cluster that is there but cannot serve now: too many requests,
# and a gateway's answer for a node away or too slow.
UNAVAILABLE_STATUSES = frozenset({429, 502, 503, 504})


def failed(exc):
    """What a request that failed with ``exc`` raises, with the breaker told:
    the one rule for :func:`call` (elasticsearch-py's errors) and
    :func:`send_search` (its own). Connection trouble (elastic-transport's
    TransportError, or the kept connection's OSError or ValueError: refused,
    timed out, cut, garbled) and a status of UNAVAILABLE_STATUSES trip the
    breaker and become :class:`SearchUnavailable`; any other ApiError (a bad
    query, a missing index) is an answer, closes the breaker's count and is
    raised as it is."""
    if isinstance(exc, ApiError) and exc.meta.status not in UNAVAILABLE_STATUSES:
        breaker.answered()
        return exc
    reason = (
        f"HTTP {exc.meta.status}"
        if isinstance(exc, ApiError)
        else exc.__class__.__name__
    )
    breaker.trip(reason)
    unavailable = SearchUnavailable(str(exc) or reason)
    unavailable.__cause__ = exc
    return unavailable


def api_error(status, answer, meta):
    """The ApiError elasticsearch-py raises for an answer with ``status`` and
    body ``answer`` (its class for the status, HTTP_EXCEPTIONS, and its
    message: the error's type), for :func:`send_search`, which reads answers
    itself. tests/search/test_search_wire.py holds the two to the same."""
    message = str(answer)
    if isinstance(answer, dict):
        error = answer.get("error", message)
        message = (
            error["type"] if isinstance(error, dict) and "type" in error else error
        )
    return HTTP_EXCEPTIONS.get(status, ApiError)(
        message=message, meta=meta, body=answer
    )


def call(operation):
    """Run ``operation(client)``; its failures are raised as :func:`failed`
    says: connection trouble and an overloaded cluster trip the breaker and
    become :class:`SearchUnavailable`; API errors (a bad query, a missing
    index) are raised as they are: they are answers, not outages."""
    client = get_client()
    try:
        result = operation(client)
    except (TransportError, ApiError) as exc:
        raise failed(exc)  # noqa: B904 - failed() chains what it makes of it
    breaker.answered()
    return result


# --- searches: one POST on a kept connection ------------------------------------

# A search sent through the client above cost ~1.4 ms of a search's ~2.4 ms
# of Python CPU on the benchmark's workload (cProfile, one client, 139
# distinct requests): elasticsearch-py's parameter handling, elastic-transport's
# node pool, urllib3's connection pool and http.client's header parsing (the
# email package), for one POST whose answer is JSON. :func:`send_search` writes that
# POST on a kept HTTP/1.1 connection and reads its answer itself; the node
# computes the same search. Only for a plain ``http://`` URL (the deployment's,
# deploy/vetnet.env.example): TLS goes through the client.
# Connections between two requests, by (host, port); each knows the pid that
# opened it (a forked worker opens its own).
_idle = {}


class _Wire:
    """One keep-alive HTTP/1.1 connection to the node."""

    def __init__(self, host, port, timeout):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.reader = self.sock.makefile("rb")
        self.pid = os.getpid()
        self.reusable = True

    def close(self):
        self.reusable = False
        self.reader.close()
        self.sock.close()

    def dropped(self):
        """Whether the node closed the connection while it was idle (readable
        with no request under way: end of file)."""
        poller = select.poll()  # not select(): descriptors past 1023
        poller.register(self.sock, select.POLLIN)
        return bool(poller.poll(0))

    def _line(self):
        line = self.reader.readline(65537)
        if not line.endswith(b"\r\n"):
            raise ConnectionError("connection closed mid-answer")
        return line

    def exchange(self, head, payload):
        """(status, headers, body bytes) of one request."""
        self.sock.sendall(head + payload)
        status_line = self._line().split(None, 2)
        if len(status_line) < 2 or not status_line[0].startswith(b"HTTP/1."):
            raise ConnectionError("not an HTTP answer")
        status = int(status_line[1])
        headers = {}
        while (line := self._line()) != b"\r\n":
            name, _colon, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while size := int(self._line().split(b";", 1)[0], 16):
                parts.append(self._exactly(size))
                self._line()
            while self._line() != b"\r\n":  # trailers
                pass
            body = b"".join(parts)
        else:
            body = self._exactly(int(headers.get("content-length", 0)))
        if headers.get("connection", "").lower() == "close":
            self.reusable = False
        return status, headers, body

    def _exactly(self, size):
        data = self.reader.read(size)
        if len(data) != size:
            raise ConnectionError("connection closed mid-answer")
        return data


def _target():
    """(host, port, path prefix, extra header lines) of ELASTICSEARCH_URL when
    it is plain HTTP, else None."""
    url = urlsplit(settings.ELASTICSEARCH_URL)
    if url.scheme != "http":
        return None
    lines = f"Host: {url.netloc.rpartition('@')[2]}\r\n"
    if url.username is not None:
        user = f"{unquote(url.username)}:{unquote(url.password or '')}"
        lines += f"Authorization: Basic {base64.b64encode(user.encode()).decode()}\r\n"
    return url.hostname, url.port or 9200, url.path.rstrip("/"), lines


def _take(host, port, timeout):
    """A kept connection to ``host``:``port`` this process opened and the node
    did not close, or None."""
    with _clients_lock:
        idle = _idle.get((host, port), [])
        while idle:
            wire = idle.pop()
            if wire.pid == os.getpid() and not wire.dropped():
                wire.sock.settimeout(timeout)
                return wire
            if wire.pid == os.getpid():  # a parent's is the parent's to close
                wire.close()
    return None


def _exchange(host, port, timeout, head, payload):
    """(wire, status, headers, body) of one request, on a kept connection if
    there is one. The node (or a proxy) may close a kept connection just as
    the request leaves, after :meth:`_Wire.dropped` found it open: that
    failure says nothing of the node, so the search, which changes nothing,
    is sent once more on a new connection, as urllib3 does, before anything
    counts against the breaker. A timeout is the node's answer and is not
    sent again."""
    wire = _take(host, port, timeout)
    if wire is not None:
        try:
            return (wire, *wire.exchange(head, payload))
        except TimeoutError:
            wire.close()
            raise
        except (OSError, ValueError):
            wire.close()
    wire = _Wire(host, port, timeout)
    try:
        return (wire, *wire.exchange(head, payload))
    except (OSError, ValueError):
        wire.close()
        raise


def _give_back(wire, host, port):
    if not wire.reusable:
        wire.close()
        return
    with _clients_lock:
        _idle.setdefault((host, port), []).append(wire)


def send_search(index, body, **params):
    """``client.search(index=index, **params, **body)``'s answer (a dict), and
    its errors as :func:`call` raises them: ApiError's class for the status
    (elasticsearch-py's), SearchUnavailable with the breaker tripped when the
    node is away, times out or is overloaded (429, 502-504)."""
    target = _target() if is_configured() else None
    if target is None:
        return call(lambda client: client.search(index=index, **params, **body))
    get_client()  # unset or the breaker open: SearchUnavailable, as call()'s
    host, port, prefix, lines = target
    query = urlencode(
        {
            name: str(value).lower() if isinstance(value, bool) else value
            for name, value in params.items()
        }
    )
    path = f"{prefix}/{quote(index, safe=',*')}/_search" + (
        f"?{query}" if query else ""
    )
    payload = orjson.dumps(body)
    head = (
        f"POST {path} HTTP/1.1\r\n{lines}Content-Type: application/json\r\n"
        f"Accept: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
    ).encode("latin-1")
    timeout = float(settings.ELASTICSEARCH_TIMEOUT)
    started = time.perf_counter()
    try:
        wire, status, headers, raw = _exchange(host, port, timeout, head, payload)
    except (OSError, ValueError) as exc:  # refused, timed out, cut, garbled
        raise failed(exc)  # noqa: B904 - failed() chains what it makes of it
    _give_back(wire, host, port)
    try:
        answer = orjson.loads(raw) if raw else None
    except orjson.JSONDecodeError:  # a proxy's page, say
        answer = raw.decode("utf-8", "replace")
    if 200 <= status < 300:
        if isinstance(answer, dict):
            breaker.answered()
            return answer
        # elasticsearch-py's serializer refuses it so (a TransportError)
        exc = SerializationError(f"HTTP {status}: not a JSON answer")
        raise failed(exc)
    meta = ApiResponseMeta(
        status=status,
        http_version="1.1",
        headers=HttpHeaders(headers),
        duration=time.perf_counter() - started,
        node=NodeConfig("http", host, port, path_prefix=prefix),
    )
    exc = api_error(status, answer, meta)
    raise failed(exc)
