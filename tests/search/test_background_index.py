"""Index updates run in the task worker and catch up after an outage by themselves.

Elasticsearch is reached through a TCP proxy on a port this test owns (the shared
server is never stopped): no proxy is Elasticsearch down, the proxy started is
Elasticsearch back. A practice published meanwhile is live at once; the worker's
retries put it in the index once the server answers again.
"""

from urllib.parse import urlparse

import pytest
from django_tasks_db.models import DBTaskResult
from elasticsearch import Elasticsearch

from search.documents import alias_name
from search.models import PendingIndexUpdate
from search.services.indexing import lifecycle
from tests.forums.servers import free_port
from tests.hardening.test_fault import CuttableProxy
from tests.worker import DATABASE_TASKS, running_worker, wait_for

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

SYNC = "search.tasks.sync_practice"


def test_a_publish_succeeds_while_elasticsearch_is_down_and_the_index_catches_up(
    settings, es_index, make_practice
):
    real_url = settings.ELASTICSEARCH_URL
    real = Elasticsearch(real_url, request_timeout=10)
    target = urlparse(settings.ELASTICSEARCH_URL)
    lifecycle.rebuild()  # an (empty) index behind the alias, as in production

    proxy = CuttableProxy(target.hostname, target.port or 9200)
    proxy.port = free_port()  # nothing listens here until proxy.start()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{proxy.port}"
    settings.ELASTICSEARCH_BREAKER_SECONDS = 0.2
    settings.TASKS = DATABASE_TASKS
    settings.TASK_RETRY_DELAYS = [0.5] * 40

    try:
        with running_worker():
            page = make_practice(
                "Scuola di liuteria",
                summary="Violini e chitarre.",
                content_language="it",
            )
            assert page.live

            def failed_and_pending():
                """the worker met the outage, kept the page pending, will retry"""
                return (
                    DBTaskResult.objects.filter(
                        task_path=SYNC, status="FAILED"
                    ).exists()
                    and PendingIndexUpdate.objects.filter(page_id=page.pk).exists()
                    and DBTaskResult.objects.filter(
                        task_path=SYNC, status="READY"
                    ).exists()
                )

            wait_for(failed_and_pending)
            assert not real.exists(index=alias_name(), id=page.pk)

            proxy.start()

            def indexed():
                """the page is in the index and nothing is pending"""
                return (
                    real.exists(index=alias_name(), id=page.pk)
                    and not PendingIndexUpdate.objects.exists()
                )

            wait_for(indexed)
    finally:
        settings.ELASTICSEARCH_URL = real_url  # for es_index's clean-up
        if proxy.thread.is_alive():
            proxy.cut()
            proxy.stop()
    assert DBTaskResult.objects.filter(task_path=SYNC, status="SUCCESSFUL").exists()
