"""A page worker's full garbage collections leave its long-lived tables alone
(deploy/gunicorn.conf.py, vetnet/cache_gc.py).

Walking them took 150-180 ms of CPU once per ~150 requests at 10,000 practices,
and every request queued on the worker waited: the uncached listing's p95."""

import gc
import runpy
import weakref
from pathlib import Path

import pytest

from practices.services.listing.facet_table import facet_table
from vetnet import cache_gc
from vetnet.cache import bump_content_version

pytestmark = pytest.mark.django_db

CONF = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


@pytest.fixture
def worker():
    """The hooks of the page server's configuration, run as a worker runs them."""
    hooks = runpy.run_path(str(CONF))
    hooks["post_worker_init"](None)
    yield hooks
    cache_gc.disable()


def walked_by_collector(obj):
    """Whether a collection of the oldest generation visits `obj`."""
    return any(other is obj for other in gc.get_objects())


def test_the_listing_facet_table_is_left_out_of_full_collections(
    client, make_practice, worker, settings
):
    settings.FACET_CACHE_SECONDS = 300
    make_practice("Walked practice", sectors=["construction"])
    assert client.get("/practices/?sector=construction").status_code == 200
    table = facet_table()
    assert not walked_by_collector(table)
    assert not walked_by_collector(table["sector"])

    # A publish: the next visitor builds the new version's table, frozen too.
    bump_content_version()
    make_practice("Another practice", sectors=["construction"])
    assert b"Another practice" in client.get("/practices/?sector=construction").content
    fresh = facet_table()
    assert fresh is not table
    assert not walked_by_collector(fresh)


def test_the_application_loaded_by_a_worker_is_left_out(worker):
    assert not walked_by_collector(cache_gc)
    assert not walked_by_collector(bump_content_version)


def test_cyclic_garbage_frozen_with_the_tables_is_collected_in_the_end(worker):
    class Node:
        pass

    node = Node()
    node.me = node  # a cycle: only the collector frees it
    cache_gc.settle()
    gone = weakref.ref(node)
    del node
    gc.collect()
    assert gone() is not None  # frozen: out of reach for now
    for _ in range(cache_gc.FULL_EVERY):
        cache_gc.settle()
    assert gone() is None


def test_processes_other_than_the_page_server_collect_as_usual():
    cache_gc.settle()
    assert gc.get_freeze_count() == 0
