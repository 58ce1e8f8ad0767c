"""What one Elasticsearch search costs, one client alone: CPU per search in
this process (query analysis, request building, the HTTP client, reading the
answer, facets) and in Elasticsearch (its ``took``, and its process's CPU,
another user's searches included on a shared server). Machines shared with others make latencies noisy; CPU per search is
what adding clients divides among the CPUs. Used by ``search_service.py``."""

import gc
import os
import statistics
import time
from contextlib import contextmanager
from pathlib import Path

from search.services.client import call

SINGLE_CLIENT_REQUESTS = 100


def _node_process():
    """The first node's process as its node info describes it (the benchmark's
    server is one node): its pid and how long its statistics are kept."""
    info = call(lambda client: client.nodes.info(metric="process"))
    return next(iter(info["nodes"].values()))["process"]


def _proc_cpu_ms(pid):
    """CPU milliseconds of process ``pid`` on this machine (from /proc), or
    None when it is not here (a remote server) or is no Elasticsearch."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    if b"elasticsearch" not in command.lower():
        return None
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def es_cpu_ms():
    """CPU milliseconds the Elasticsearch node's process has used so far.

    Read from /proc when the node runs on this machine (exact). Otherwise from
    its node statistics, which the node keeps for its refresh interval (1 s):
    read twice within it they do not move, and a run of searches shorter than
    that measured 0 ms (``make bench``'s one client on a quiet machine). The
    interval is waited out before each such reading."""
    process = _node_process()
    here = _proc_cpu_ms(process.get("id"))
    if here is not None:
        return here
    time.sleep(process.get("refresh_interval_in_millis", 1000) / 1000 + 0.05)
    stats = call(lambda client: client.nodes.stats(metric="process"))
    node = next(iter(stats["nodes"].values()))
    return node["process"]["cpu"]["total_in_millis"]


@contextmanager
def as_a_page_worker():
    """The cycle collector as a page worker runs it (vetnet.cache_gc, turned
    on by deploy/gunicorn.conf.py and in each benchmark client): what this
    process holds now, garbage collected first, frozen out of the full
    collections while the block runs, given back afterwards.

    The database engines' one client is measured in the benchmark's own
    process (the Elasticsearch one in a client process forked from it,
    search_service.in_a_client, frozen so already), which has
    generated and indexed 10,000 practices: ~400,000 long-lived objects,
    whose full collection took ~0.2 s of CPU. Whether one fell among the 100
    measured searches depended on what the process had allocated before, not
    on the searches: on the same code, 20,000 more objects held before the
    run moved the Python CPU per search from 4.7 ms to 2.4 ms, and the ~1,600
    objects of a919e44's 20 new concepts from 2.5 ms to 4.7 ms, with the same
    documents and request bodies (search/eval/README.md, eighteenth session).
    A page worker does not pay for those walks; the figure should not
    depend on them."""
    if gc.get_freeze_count() or not gc.isenabled():  # already so (a client)
        yield
        return
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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
    try:
        with as_a_page_worker():
            es_cpu, cpu = es_cpu_ms(), time.process_time()
            for request in requests:
                started = time.perf_counter()
                implementation.search(request)
                samples.append((time.perf_counter() - started) * 1000)
            python_ms = (time.process_time() - cpu) * 1000 / max(1, len(samples))
    finally:
        del implementation._send
    count = max(1, len(samples))
    return {
        "requests": len(samples),
        "p50_ms": round(statistics.median(samples), 1) if samples else 0.0,
        "python_cpu_ms_per_search": round(python_ms, 2),
        "es_took_ms_per_search": round(sum(tooks) / count, 2),
        "es_requests_per_search": round(len(tooks) / count, 2),
        "es_cpu_ms_per_search": round((es_cpu_ms() - es_cpu) / count, 2),
    }


# A node just started runs its search code interpreted, then compiles it (the
# JVM's JIT, C2 compiler threads): measured on a restarted node, one client, its
# CPU per search fell from ~30 ms on the first 200 searches to ~7 ms past
# 2,000, C2 compiling 13 -> 1.3 ms of it (search/eval/README.md, "Speed: the
# Elasticsearch node"), and went on falling for thousands of searches more
# (~6.3 ms after 3,000, ~3.5-4 ms on a node up for hours: "Follow-up: warm-up
# until steady"). A site under the load the targets describe (~200 searches/s)
# is past all of it within a minute or two of a restart and stays there for the
# node's life: the benchmark measures that node. By default it searches in
# blocks until the last WARM_UP_WINDOW blocks' mean CPU per search has fallen
# by less than WARM_UP_TOLERANCE from the window before (at most WARM_UP_CAP
# searches); ``searches`` fixes the count. Windows of blocks, not one block
# against the next: on a shared machine one block of 500 differs from the
# next by ~15 % while the node still compiles, and 5 % between two blocks was
# met by chance after 1,500 searches.
JIT_WARM_UP_SEARCHES = 3000  # the fixed count earlier reports used
WARM_UP_BLOCK = 500
WARM_UP_WINDOW = 6
WARM_UP_TOLERANCE = 0.05
WARM_UP_CAP = 20000


def is_steady(costs, tolerance=WARM_UP_TOLERANCE, window=WARM_UP_WINDOW):
    """Whether the node's CPU per search, ``costs`` one figure per block in
    order, has stopped falling: the mean of the last ``window`` blocks less
    than ``tolerance`` (a share) below the mean of the ``window`` before."""
    if len(costs) < 2 * window:
        return False
    last = sum(costs[-window:]) / window
    before = sum(costs[-2 * window : -window]) / window
    return before > 0 and last >= before * (1 - tolerance)


def warm_up_node(
    run_concurrently,
    distinct,
    clients,
    searches=None,
    block=WARM_UP_BLOCK,
    cap=WARM_UP_CAP,
    tolerance=WARM_UP_TOLERANCE,
    window=WARM_UP_WINDOW,
):
    """Search ``distinct`` requests over and over (computed in full: caches
    off, nothing kept for the measured searches) from ``clients`` processes so
    the node's JIT has compiled its search code: ``searches`` of them, or when
    None blocks of ``block`` until :func:`is_steady` (``cap`` at most).
    ``run_concurrently(work, sequences)`` runs them (search_service's). Returns
    the node's CPU per search at the start and at the end (first and last
    tenth of a fixed count; every block's otherwise): what a node just started
    costs, and what the measured one does."""
    from search.services.client import breaker
    from search.services.query import ElasticsearchSearch, SearchUnavailable

    if searches is not None and not searches:
        return {"searches": 0}
    implementation = ElasticsearchSearch(cache=False)
    # As many clients as CPUs: the node's first searches are slow, and ten
    # clients on a loaded 2-CPU machine ran past the client's timeout.
    clients = max(1, min(clients, os.cpu_count() or 1))

    def search(request):
        try:
            return implementation.search(request)
        except SearchUnavailable:  # a timeout while cold: warming all the same
            # The timeout tripped the client's breaker: the next 30 s of
            # warm-up searches would be skipped (measured: most of the first
            # tenth of 3,000 on a node just started), not sent to the node.
            breaker.reset()
            return None

    done = 0

    def run(count):
        """CPU per search of the next ``count`` searches."""
        nonlocal done
        part = [distinct[(done + n) % len(distinct)] for n in range(count)]
        done += count
        before = es_cpu_ms()
        run_concurrently(search, [part[n::clients] for n in range(clients)])
        return (es_cpu_ms() - before) / max(1, count)

    if searches is not None:
        tenth = max(1, searches // 10)
        cpu = [run(tenth), run(max(0, searches - 2 * tenth)), run(tenth)]
        return {
            "searches": done,
            "es_cpu_ms_per_search_first_tenth": round(cpu[0], 2),
            "es_cpu_ms_per_search_last_tenth": round(cpu[-1], 2),
        }
    costs = []
    while done < cap and not is_steady(costs, tolerance, window):
        costs.append(run(min(block, cap - done)))
    return {
        "searches": done,
        "until_steady": True,
        "steady": is_steady(costs, tolerance, window),
        "block": block,
        "window": window,
        "tolerance": tolerance,
        "es_cpu_ms_per_search_blocks": [round(cost, 2) for cost in costs],
        "es_cpu_ms_per_search_first_block": round(costs[0], 2),
        "es_cpu_ms_per_search_last_block": round(costs[-1], 2),
    }
