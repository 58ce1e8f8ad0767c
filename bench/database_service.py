"""The database search engine (SQLite FTS5 or PostgreSQL, whichever DATABASES
names) under the Elasticsearch benchmark's workload, in this process: one
client alone (its CPU and its database server's), then several runs of
concurrent clients, each with a calibration figure. Used by ``manage.py
search_bench --engine database`` (bench/database_search.py runs that per
engine)."""

import os
import statistics
import time
from pathlib import Path

from bench.search_cpu import SINGLE_CLIENT_REQUESTS, as_a_page_worker
from bench.search_service import (
    WARM_UP,
    _run_concurrently,
    search_workload,
    summarise,
)


def _calibration_work(_item):
    """A fixed piece of pure Python work (a few ms): timed under the same
    concurrency as the searches, it shows how loaded the machine was."""
    return sum(i * i for i in range(50_000))


def bench_calibration(clients=10, rounds=50):
    return _run_concurrently(_calibration_work, [range(rounds)] * clients)


def _server_cpu_seconds():
    """CPU seconds used so far by this connection's PostgreSQL server process
    when it runs on this machine (read from /proc), else 0."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_single_client(work, requests):
    """``requests`` one after the other from this process: latency alone, and
    CPU per search, this process's and its database server process's (what
    the machine spends, whatever else runs on it)."""
    samples = []
    with as_a_page_worker():  # the heap as a page worker keeps it (search_cpu)
        cpu, server = time.process_time(), _server_cpu_seconds()
        for request in requests:
            started = time.perf_counter()
            work(request)
            samples.append((time.perf_counter() - started) * 1000)
        cpu = time.process_time() - cpu
    count = max(1, len(samples))
    return {
        **summarise(samples),
        "cpu_ms_per_search": round(cpu * 1000 / count, 1),
        "server_cpu_ms_per_search": round(
            (_server_cpu_seconds() - server) * 1000 / count, 1
        ),
    }


def bench_database_search(clients=10, rounds=50, repeat=3):
    """The database engine (SQLite FTS5 or PostgreSQL, whichever DATABASES
    names) on the practices this database holds, ``repeat`` times over the
    workload of :func:`bench_search`, each search computed in full (the
    database engine has no results cache). Each run is followed by the
    calibration work under the same concurrency: the ratio of the two p95s
    compares runs on a machine shared with others."""
    from search.models import PracticeTokens
    from search.services.query import DatabaseSearch

    implementation = DatabaseSearch()
    requests, repeat_share = search_workload(clients * rounds)
    for request in requests[:WARM_UP]:
        implementation.search(request)
    distinct = list({id(request): request for request in requests}.values())
    single = bench_single_client(
        implementation.search, distinct[:SINGLE_CLIENT_REQUESTS]
    )
    sequences = [requests[n::clients] for n in range(clients)]
    runs = []
    for _run in range(repeat):
        summary = _run_concurrently(implementation.search, sequences)
        calibration = bench_calibration(clients, rounds)
        summary["calibration_p95_ms"] = calibration["p95_ms"]
        summary["p95_per_calibration"] = (
            round(summary["p95_ms"] / calibration["p95_ms"], 2)
            if calibration["p95_ms"]
            else None
        )
        runs.append(summary)
    return {
        "engine": implementation.engine,
        "practices": PracticeTokens.objects.count(),
        "clients": clients,
        "distinct_requests": len({id(r) for r in requests}),
        "repeat_share": round(repeat_share, 3),
        "runs": runs,
        "single_client": single,
        "median_p50_ms": statistics.median(run["p50_ms"] for run in runs),
        "median_p95_ms": statistics.median(run["p95_ms"] for run in runs),
        "median_throughput_rps": statistics.median(
            run["throughput_rps"] for run in runs
        ),
    }
