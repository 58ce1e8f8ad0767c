"""Search keeps answering from the database when Elasticsearch is away: unset,
refusing connections, or hanging. No mocks: a closed loopback port and a socket
that accepts connections but never answers."""

import re
import socket
import threading
import time

import pytest

pytestmark = pytest.mark.django_db

NOTICE = "results may be less complete"


def result_languages(html):
    return re.findall(r'<li class="card search-result" lang="(\w+)"', html)


@pytest.fixture
def silent_server():
    """A loopback server that accepts connections and never replies."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join(2)
    for conn in accepted:
        conn.close()
    server.close()


def test_unreachable_elasticsearch_answers_from_the_database(
    client, settings, corpus, closed_port
):
    settings.ELASTICSEARCH_URL = closed_port
    response = client.get("/search/", {"q": "μαθητεία"})
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTICE in html
    # The thesaurus expands the query in the fallback too: Italian and Catalan.
    assert {"el", "it", "ca"} <= set(result_languages(html))
    assert "facet--language" in html

    health = client.get("/healthz").json()
    assert health["checks"]["search"]["status"] == "degraded"
    assert health["checks"]["search"]["backend"] == "database"
    assert health["status"] == "degraded"


def test_unset_elasticsearch_is_the_embedded_default(client, settings, corpus):
    settings.ELASTICSEARCH_URL = None
    html = client.get("/search/", {"q": "digital", "language": "de"}).content.decode()
    # A first-class engine: nothing to apologise for.
    assert NOTICE not in html
    assert result_languages(html) == ["de"]
    suggestions = client.get("/search/suggest/", {"q": "Digitalc"}).json()
    assert [s["title"] for s in suggestions["suggestions"]] == [
        "Digitalcoaches für Handwerksbetriebe"
    ]
    assert client.get("/healthz").json()["checks"]["search"]["status"] == "ok"


def test_hung_elasticsearch_costs_at_most_the_timeout_then_is_skipped(
    client, settings, corpus, silent_server
):
    settings.ELASTICSEARCH_URL = silent_server
    settings.ELASTICSEARCH_TIMEOUT = 1.0
    started = time.monotonic()
    first = client.get("/search/", {"q": "digital"})
    first_seconds = time.monotonic() - started
    assert first.status_code == 200 and NOTICE in first.content.decode()
    assert first_seconds < 2.5

    started = time.monotonic()
    second = client.get("/search/", {"q": "digital"})
    assert time.monotonic() - started < 0.5  # the breaker is open: no waiting
    assert set(result_languages(second.content.decode())) == {"es", "de"}


def test_bad_input_never_breaks_the_page(client, settings, corpus, closed_port):
    settings.ELASTICSEARCH_URL = closed_port
    for params in (
        {"q": "x" * 5000},
        {"q": "digital", "page": "abc"},
        {"q": "digital", "eqf": "nine"},
        {"q": '"unbalanced (quote AND'},
    ):
        assert client.get("/search/", params).status_code == 200
