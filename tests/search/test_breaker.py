"""The breaker in front of Elasticsearch skips it for a short while after a
failure, and longer while the failures go on: an Elasticsearch that comes back
(or a node that was only warming up) serves searches again within seconds.

Elasticsearch is reached through a TCP proxy on a port this test owns: no proxy
listening is the server away, the proxy started is the server back.

The checks read the breaker's state and bound each window by the clock read
around the request that opened it, with deadlines far from the windows, so a
loaded machine (a request taking a second or two) changes none of them."""

import time
from urllib.parse import urlparse

import pytest

from search.services.client import breaker
from tests.forums.servers import free_port
from tests.hardening.test_fault import CuttableProxy

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

NOTICE = "results may be less complete"


def _search(client, q):
    return client.get("/search/", {"q": q}).content.decode()


def test_elasticsearch_back_serves_searches_again_within_seconds(
    client, settings, built
):
    real_url = settings.ELASTICSEARCH_URL
    target = urlparse(real_url)
    proxy = CuttableProxy(target.hostname, target.port or 9200)
    proxy.port = free_port()  # nothing listens here until proxy.start()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{proxy.port}"
    settings.ELASTICSEARCH_BREAKER_FIRST_SECONDS = 0.5
    # What a server away for long is skipped for: were every failure to open
    # this window (the old breaker), no search below would reach Elasticsearch.
    settings.ELASTICSEARCH_BREAKER_SECONDS = 120.0
    try:
        assert NOTICE in _search(client, "apprendistato")
        assert breaker.failures >= 1  # tripped: skipped until its window passes
        proxy.start()
        assert proxy.ready.wait(60)
        # Searches go on as visitors' would; one is served by Elasticsearch
        # again once the short window (or, if a slow request failed twice,
        # its double) has passed, far within this deadline.
        deadline = time.monotonic() + 30
        while NOTICE in (back := _search(client, "apprendistato")):
            assert time.monotonic() < deadline, "Elasticsearch still skipped"
            time.sleep(0.1)
        assert "Apprendistato duale" in back
        assert breaker.failures == 0 and not breaker.is_open()  # closed again
    finally:
        if proxy.thread.is_alive():
            proxy.cut()
        settings.ELASTICSEARCH_URL = real_url  # the index fixture deletes through it


def test_failures_in_a_row_skip_elasticsearch_for_longer(client, settings, corpus):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"  # refuses
    # Windows of seconds (none is waited out: each search below comes after
    # the window is declared passed), far longer than a request on a loaded
    # machine, so that the clock read around a request tells them apart.
    settings.ELASTICSEARCH_BREAKER_FIRST_SECONDS = 5.0
    settings.ELASTICSEARCH_BREAKER_SECONDS = 30.0
    for failures, window in enumerate([5.0, 10.0, 20.0, 30.0, 30.0], start=1):
        breaker.open_until = 0.0  # the window has passed: the next search tries
        started = time.monotonic()
        assert NOTICE in _search(client, "digital")
        ended = time.monotonic()
        assert breaker.failures == failures
        # opened during the request, for `window` seconds
        assert started + window <= breaker.open_until <= ended + window
