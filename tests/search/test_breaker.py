"""The breaker in front of Elasticsearch skips it for a short while after a
failure, and longer while the failures go on: an Elasticsearch that comes back
(or a node that was only warming up) serves searches again within seconds.

Elasticsearch is reached through a TCP proxy on a port this test owns: no proxy
listening is the server away, the proxy started is the server back."""

import time
from urllib.parse import urlparse

import pytest

from search.services.client import breaker
from tests.forums.servers import free_port
from tests.hardening.test_fault import CuttableProxy

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

NOTICE = "results may be less complete"


def test_elasticsearch_back_serves_searches_again_within_seconds(
    client, settings, built
):
    real_url = settings.ELASTICSEARCH_URL
    target = urlparse(real_url)
    proxy = CuttableProxy(target.hostname, target.port or 9200)
    proxy.port = free_port()  # nothing listens here until proxy.start()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{proxy.port}"
    settings.ELASTICSEARCH_BREAKER_FIRST_SECONDS = 0.5
    try:
        away = client.get("/search/", {"q": "apprendistato"}).content.decode()
        assert NOTICE in away
        proxy.start()
        time.sleep(0.7)
        back = client.get("/search/", {"q": "apprendistato"}).content.decode()
        assert NOTICE not in back
        assert "Apprendistato duale" in back
    finally:
        if proxy.thread.is_alive():
            proxy.cut()
        settings.ELASTICSEARCH_URL = real_url  # the index fixture deletes through it


def test_failures_in_a_row_skip_elasticsearch_for_longer(client, settings, corpus):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"  # refuses
    settings.ELASTICSEARCH_BREAKER_FIRST_SECONDS = 0.2
    settings.ELASTICSEARCH_BREAKER_SECONDS = 1.0
    windows = []
    for _ in range(5):
        breaker.open_until = 0.0  # the window has passed: the next search tries
        started = time.monotonic()
        html = client.get("/search/", {"q": "digital"}).content.decode()
        assert NOTICE in html
        windows.append(round(breaker.open_until - started, 1))
    assert windows == [0.2, 0.4, 0.8, 1.0, 1.0]
