"""Searches are sent on a kept HTTP connection of their own (client.send_search),
not through elasticsearch-py: the answers and the errors are the same, a
connection the node closed while idle is replaced, and a node away trips the
breaker as before."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from elasticsearch import ApiError, BadRequestError, NotFoundError

from search.documents import alias_name
from search.services import client as es
from search.services.query.elasticsearch import ElasticsearchSearch
from search.services.query.request import SearchRequest
from tests.forums.servers import free_port
from tests.hardening.test_fault import CuttableProxy

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

BODY = {
    "query": {"multi_match": {"query": "digital", "fields": ["text_*", "title_*"]}},
    "size": 3,
    "track_total_hits": True,
    "_source": ["page_id", "title"],
    "aggs": {"country": {"terms": {"field": "country"}}},
}


def test_answer_is_the_clients(built):
    through_client = es.call(
        lambda client: client.search(index=alias_name(), request_cache=False, **BODY)
    ).body
    answer = es.send_search(alias_name(), BODY, request_cache=False)
    through_client.pop("took"), answer.pop("took")
    assert answer == through_client
    assert answer["hits"]["total"]["value"] > 0  # a real answer, with facets
    assert answer["aggregations"]["country"]["buckets"]


def test_refused_query_raises_the_clients_error_and_keeps_the_breaker_closed(
    built,
):
    with pytest.raises(NotFoundError) as caught:
        es.send_search(f"{alias_name()}-none", BODY)
    assert caught.value.meta.status == 404
    assert "index_not_found_exception" in str(caught.value)
    assert not es.breaker.is_open()
    # and the page's engine turns it into the database's turn, as before
    with pytest.raises(es.SearchUnavailable):
        ElasticsearchSearch(cache=False)._send({"query": {"bogus": {}}})


@pytest.fixture
def restarted(built, settings):
    """Searches through a proxy in front of the node, and ``restart()``, which
    cuts the proxy's connections (the node closing the kept one) and opens a
    new proxy on the same port; the real URL and a closed breaker after."""
    real_url = settings.ELASTICSEARCH_URL
    target = es.urlsplit(real_url)
    proxies = [CuttableProxy(target.hostname, target.port).start()]
    port = proxies[0].port
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"

    def restart():
        proxies[-1].cut()
        proxy = CuttableProxy(target.hostname, target.port)
        proxy.port = port
        proxies.append(proxy.start())
        return proxy

    restart.port = port
    yield restart
    for proxy in proxies:
        proxy.cut()
        proxy.stop()
    es.breaker.reset()
    settings.ELASTICSEARCH_URL = real_url


def test_connection_closed_by_the_node_is_replaced(restarted, settings):
    engine = ElasticsearchSearch(cache=False)
    assert engine.search(SearchRequest(q="digital")).total
    assert len(es._idle[("127.0.0.1", restarted.port)]) == 1  # kept for the next
    restarted()  # the node closes the idle connection
    assert engine.search(SearchRequest(q="digital")).total
    assert not es.breaker.failures
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"  # away
    with pytest.raises(es.SearchUnavailable):
        engine.search(SearchRequest(q="digital"))
    assert es.breaker.is_open()


def test_connection_closed_as_the_search_leaves_is_sent_again(restarted, monkeypatch):
    """The node may close a kept connection after the check that found it
    open (``dropped``) and before the request reaches it: the search goes
    once more on a new connection, and the breaker counts nothing."""
    engine = ElasticsearchSearch(cache=False)
    assert engine.search(SearchRequest(q="digital")).total
    restarted()
    # the race: the close has not been seen when the connection is taken
    monkeypatch.setattr(es._Wire, "dropped", lambda wire: False)
    assert engine.search(SearchRequest(q="digital")).total
    assert not es.breaker.failures
    assert len(es._idle[("127.0.0.1", restarted.port)]) == 1  # the new one kept


def _outcome(send):
    """What ``send()`` raised, as a page sees it: the error's class (for
    SearchUnavailable, with the class of what caused it), its status and
    message, and whether the breaker opened; the breaker closed again after."""
    es.breaker.reset()
    try:
        send()
    except es.SearchUnavailable as exc:
        cause = exc.__cause__
        seen = ("SearchUnavailable", type(cause), cause.meta.status, cause.message)
    except ApiError as exc:
        seen = (type(exc), exc.meta.status, exc.message, exc.body)
    else:
        seen = None
    opened = es.breaker.is_open()
    es.breaker.reset()
    return seen, opened


def _both_paths(index, body):
    """The outcome of one search through elasticsearch-py (call) and through
    the kept connection (send_search)."""
    return (
        _outcome(lambda: es.call(lambda client: client.search(index=index, **body))),
        _outcome(lambda: es.send_search(index, body)),
    )


def test_a_refusal_from_the_node_is_the_same_error_on_both_paths(built):
    for index, body in [
        (f"{alias_name()}-none", BODY),  # 404, a missing index
        (alias_name(), {"query": {"bogus": {}}}),  # 400, a query it cannot read
    ]:
        through_client, on_the_wire = _both_paths(index, body)
        assert through_client == on_the_wire
        assert through_client[0][0] in (NotFoundError, BadRequestError)
        assert not through_client[1]  # an answer: the breaker stays closed


class _Gateway(BaseHTTPRequestHandler):
    """A gateway in front of the cluster answering a search on the index
    ``status-<n>`` with status n and an error body as Elasticsearch writes it."""

    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        status = int(self.path.split("/")[1].removeprefix("status-"))
        body = json.dumps(
            {"error": {"type": f"gateway_{status}", "reason": "r"}, "status": status}
        ).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{server.server_port}"
    yield
    server.shutdown()
    server.server_close()
    es.breaker.reset()


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 429, 500, 502, 503, 504])
def test_each_status_is_the_same_error_and_breaker_on_both_paths(gateway, status):
    """The kept connection reads answers itself: for every status its error
    (class, status, message, body) and the breaker's move are elasticsearch-py's
    (client.failed and client.api_error, which both paths go through).
    429 and 502-504 (the cluster cannot serve now) open the breaker."""
    through_client, on_the_wire = _both_paths(f"status-{status}", BODY)
    assert through_client == on_the_wire
    (kind, *_rest), opened = on_the_wire
    assert opened == (status in (429, 502, 503, 504))
    assert (kind == "SearchUnavailable") == opened
