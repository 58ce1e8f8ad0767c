"""What one Elasticsearch search costs, one client alone: CPU per search in
this process (query analysis, request building, the HTTP client, reading the
answer, facets) and in Elasticsearch (its ``took``, and its process's CPU as
its node statistics count it, another user's searches included on a shared
server). Machines shared with others make latencies noisy; CPU per search is
what adding clients divides among the CPUs. Used by ``search_service.py``."""

import statistics
import time

from search.services.client import call

SINGLE_CLIENT_REQUESTS = 100


def _es_cpu_ms():
    """CPU milliseconds the Elasticsearch node's process has used so far (the
    first node's: the benchmark's server is one node)."""
    stats = call(lambda client: client.nodes.stats(metric="process"))
    node = next(iter(stats["nodes"].values()))
    return node["process"]["cpu"]["total_in_millis"]


def single_client_costs(implementation, requests):
    """Figures of ``requests`` asked one after the other (each computed in
    full: ``implementation`` without caches)."""
    tooks = []
    send = implementation._send

    def timed_send(body):
        response = send(body)
        tooks.append(response["took"])
        return response

    implementation._send = timed_send
    samples = []
    es_cpu, cpu = _es_cpu_ms(), time.process_time()
    try:
        for request in requests:
            started = time.perf_counter()
            implementation.search(request)
            samples.append((time.perf_counter() - started) * 1000)
    finally:
        del implementation._send
    count = max(1, len(samples))
    python_ms = (time.process_time() - cpu) * 1000 / count
    return {
        "requests": len(samples),
        "p50_ms": round(statistics.median(samples), 1) if samples else 0.0,
        "python_cpu_ms_per_search": round(python_ms, 2),
        "es_took_ms_per_search": round(sum(tooks) / count, 2),
        "es_requests_per_search": round(len(tooks) / count, 2),
        "es_cpu_ms_per_search": round((_es_cpu_ms() - es_cpu) / count, 2),
    }
