"""Per-request timing inside the gunicorn workers of a benchmark run
(BENCH_PROBE=1): which worker served each request, whether it was that worker's
first visit of the address, its time in the worker (wall and this thread's CPU)
and the garbage collections that overlapped it (gc.callbacks).

servers.gunicorn() starts gunicorn with this file as its configuration when
BENCH_PROBE is set: deploy/gunicorn.conf.py unchanged (its hooks chained), plus
the hooks below, one JSON line per request into $BENCH_PROBE_DIR/<pid>.jsonl.
summary() reads them back for a time window (bench/uncached.py prints it).
"""

import gc
import json
import os
import threading
import time
from pathlib import Path

_CONF = Path(__file__).resolve().parent.parent / "deploy" / "gunicorn.conf.py"
if __name__ != "bench.probe":  # loaded by gunicorn as its configuration file
    exec(compile(_CONF.read_text(), str(_CONF), "exec"))  # noqa: S102 - our own file

_hooks = {name: globals().get(name) for name in ("post_worker_init", "post_request")}
_state = {}


def _on_gc(phase, info):
    now = time.perf_counter()
    if phase == "start":
        _state["gc_start"] = now
        return
    events = _state["gc"]
    events.append((_state.get("gc_start", now), now, info["generation"]))
    if len(events) > 4000:
        del events[:2000]


def post_worker_init(worker):
    if _hooks["post_worker_init"]:
        _hooks["post_worker_init"](worker)
    directory = Path(os.environ["BENCH_PROBE_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    _state.update(
        seen=set(),
        gc=[],
        out=open(directory / f"{os.getpid()}.jsonl", "a", buffering=1),
    )  # noqa: SIM115
    gc.callbacks.append(_on_gc)


def pre_request(worker, req):
    req.probe_started = (time.perf_counter(), time.thread_time(), time.time())


def post_request(worker, req, environ, resp):
    if _hooks["post_request"]:
        _hooks["post_request"](worker, req, environ, resp)
    started, cpu, wall = req.probe_started
    ended = time.perf_counter()
    first = req.uri not in _state["seen"]
    _state["seen"].add(req.uri)
    overlapping = [(s, e, g) for s, e, g in _state["gc"] if e >= started and s <= ended]
    line = {
        "pid": os.getpid(),
        "thread": threading.get_ident(),
        "path": req.uri,
        "at": wall,
        "ms": round((ended - started) * 1000, 2),
        "cpu_ms": round((time.thread_time() - cpu) * 1000, 2),
        "first": first,
        "gc_ms": round(sum(e - s for s, e, _g in overlapping) * 1000, 2),
        "full_gc": any(g == 2 for _s, _e, g in overlapping),
    }
    _state["out"].write(json.dumps(line) + "\n")


def summary(directory, start, end):
    """The requests the workers ended between `start` and `end` (time.time())."""
    rows = []
    for path in Path(directory).glob("*.jsonl"):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            if start <= row["at"] < end:
                rows.append(row)
    if not rows:
        return None
    times = sorted(row["ms"] for row in rows)
    per_worker = {}
    for row in rows:
        per_worker[row["pid"]] = per_worker.get(row["pid"], 0) + 1
    return {
        "requests": len(rows),
        "per_worker": sorted(per_worker.values()),
        "first_visits": sum(row["first"] for row in rows),
        "in_worker_p50_ms": times[len(times) // 2],
        "in_worker_p95_ms": times[int(0.95 * (len(times) - 1))],
        "cpu_ms_mean": round(sum(row["cpu_ms"] for row in rows) / len(rows), 2),
        "with_full_gc": sum(row["full_gc"] for row in rows),
        "max_gc_ms": max(row["gc_ms"] for row in rows),
    }
