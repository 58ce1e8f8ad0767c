"""The search benchmark (run by ``make bench``) works and measures what it says."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from bench.search_service import search_workload


def test_the_workload_repeats_popular_searches_as_logs_do():
    requests, repeat_share = search_workload(1000)
    assert len(requests) == 1000
    assert search_workload(1000)[0] == requests  # the same sequence every run
    counts = {}
    for request in requests:
        counts[id(request)] = counts.get(id(request), 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    # Zipf: the most asked request far more often than a typical one.
    assert ranked[0] > 10 * ranked[len(ranked) // 2]
    assert repeat_share == pytest.approx(1 - len(counts) / 1000)
    # Facets and second pages are part of the mix, in several languages.
    assert any(request.filters for request in requests)
    assert any(request.page == 2 for request in requests)
    assert len({request.q for request in requests}) > 20


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True)
def test_search_bench_reports_every_figure(es_index):
    out = StringIO()
    call_command(
        "search_bench",
        "--docs",
        "300",
        "--clients",
        "2",
        "--rounds",
        "5",
        "--warm-up",
        "100",
        "--json",
        "--keep",
        stdout=out,
    )
    report = json.loads(out.getvalue())
    assert report["bulk"]["documents"] == 300 and report["bulk"]["errors"] == 0
    # The node's JIT warm-up before measuring, and what it cost the node.
    warm = report["warm_up"]
    assert warm["searches"] == 100
    assert warm["es_cpu_ms_per_search_first_tenth"] > 0
    assert warm["es_cpu_ms_per_search_last_tenth"] > 0
    for name in ("search", "search_uncached"):
        assert report[name]["requests"] == 10 and report[name]["clients"] == 2
        assert 0 < report[name]["p50_ms"] <= report[name]["p95_ms"]
    assert report["search"]["cache"] and not report["search_uncached"]["cache"]
    # One client alone: what a search costs in Python and in Elasticsearch.
    one = report["search_uncached"]["single_client"]
    assert one["requests"] > 0 and one["python_cpu_ms_per_search"] > 0
    assert one["es_took_ms_per_search"] >= 0 and one["es_requests_per_search"] >= 1
    assert report["suggest"]["requests"] == 20

    # Again on the index kept, without indexing it anew (es_index drops it).
    out = StringIO()
    call_command(
        "search_bench",
        *("--index", report["bulk"]["index"], "--clients", "1", "--rounds", "2"),
        *("--warm-up", "0"),
        "--json",
        stdout=out,
    )
    again = json.loads(out.getvalue())
    assert again["bulk"] == {
        "index": report["bulk"]["index"],
        "documents": 300,
        "errors": 0,
        "reused": True,
    }
    assert again["search_uncached"]["requests"] == 2
    assert again["warm_up"] == {"searches": 0}


@pytest.mark.elasticsearch
def test_es_cpu_counts_a_run_shorter_than_the_node_statistics_interval(es_index):
    """``make bench``'s one client on a quiet machine: 100 searches in well under
    a second. The node's own statistics, read twice within their 1 s refresh
    interval, did not move, and the report said 0.0 ms of Elasticsearch CPU
    per search."""
    from bench.search_cpu import es_cpu_ms
    from search.services.client import call

    index = f"{es_index}-cpu"
    call(lambda client: client.indices.create(index=index))
    before = es_cpu_ms()
    for _ in range(30):  # a fraction of a second
        call(lambda client: client.search(index=index, request_cache=False))
    assert es_cpu_ms() > before
