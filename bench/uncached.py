"""The uncached pages, measured again and again: `python -m bench.uncached`.

gunicorn (deploy/gunicorn.conf.py, BENCH_GUNICORN_WORKERS workers, default one
per CPU) with the page and search caches off, on the benchmark's data set
(10,000 practices, bench/generate.py), and nginx serving a static file of the
practice page's size in the same round. Each round measures the nginx file and
then every scenario (a warm-up, then BENCH_DURATION seconds of wrk); the report
gives the median over the rounds of each figure:

- requests/s, p50 and p95 latency;
- requests/s as a ratio to the nginx static file of the same round (the machine
  may be shared: a ratio moves less than a raw figure when others use the CPUs);
- requests per CPU-second of the gunicorn processes (their user + system time
  during the measured seconds, from /proc): what one page costs the application
  whatever else runs on the machine. PostgreSQL's and Redis's time is not in it.

Environment as for `make bench` (scripts/bench.sh sets the service URLs), plus
BENCH_ROUNDS (default 3) and BENCH_UNCACHED_SCENARIOS (home,listing,practice,event);
BENCH_PROBE=1 times every request inside the workers too (bench/probe.py: which
worker, first visit of the address or not, overlapping garbage collections).
Writes bench/uncached.json and prints a Markdown table.
"""

import json
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import probe
from bench.common import (
    BENCH,
    DURATION,
    WARMUP,
    django_env,
    django_helper,
    env_int,
    log,
    manage,
    redis_flush,
)
from bench.dataset import prepare_database
from bench.report import git_commit, machine
from bench.servers import NGINX_PORT, Nginx, gunicorn, http_get
from bench.wrk import run_wrk

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def group_cpu_seconds(pgid):
    """User + system CPU seconds of every live process in process group `pgid`."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command: state ppid pgrp ... utime(12th) stime(13th).
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def measure(server, paths, label, tmp):
    run_wrk(server.port, paths, WARMUP, f"{label} (warm-up)", tmp)
    before, started = group_cpu_seconds(server.process.pid), time.time()
    result = run_wrk(server.port, paths, DURATION, label, tmp)
    cpu = group_cpu_seconds(server.process.pid) - before
    if getattr(server, "probe_dir", None):  # BENCH_PROBE=1 (bench/probe.py)
        result["probe"] = probe.summary(server.probe_dir, started, time.time())
        log(f"  {label} in the workers: {result['probe']}")
    result["cpu_seconds"] = round(cpu, 2)
    requests = result["rps"] * DURATION
    result["per_cpu_second"] = round(requests / cpu, 1) if cpu else None
    return result


def main():
    scenarios = os.environ.get(
        "BENCH_UNCACHED_SCENARIOS", "home,listing,practice,event"
    ).split(",")
    rounds = env_int("BENCH_ROUNDS", 3)
    prepare_database()
    manage("collectstatic", "--noinput", "-v", "0")
    paths_file = Path(tempfile.mkstemp(prefix="bench-paths-", suffix=".json")[1])
    django_helper("--paths-out", str(paths_file))
    paths = json.loads(paths_file.read_text())
    redis_flush()
    env = django_env(PAGE_CACHE_SECONDS=0, SEARCH_CACHE_SECONDS=0)
    results = {scenario: [] for scenario in ["static", *scenarios]}
    with tempfile.TemporaryDirectory(prefix="vetnet-uncached-") as tmp:
        with gunicorn(env, tmp) as server:
            size = len(http_get(server.port, paths["practice"][0])[1])
            with Nginx(size, tmp):
                for n in range(1, rounds + 1):
                    log(f"round {n}/{rounds}")
                    static = run_wrk(
                        NGINX_PORT, ["/practice.html"], DURATION, "nginx static", tmp
                    )
                    results["static"].append(static)
                    for scenario in scenarios:
                        result = measure(server, paths[scenario], scenario, tmp)
                        result["ratio"] = result["rps"] / static["rps"]
                        results[scenario].append(result)
            workers = server.name
    report = summarise(results, workers)
    (BENCH / "uncached.json").write_text(json.dumps(report, indent=1) + "\n")
    print(table(report))


def summarise(results, workers):
    def median(rows, key):
        values = [row[key] for row in rows if row.get(key) is not None]
        return statistics.median(values) if values else None

    rows = {}
    for scenario, runs in results.items():
        rows[scenario] = {
            key: median(runs, key)
            for key in ("rps", "p50_ms", "p95_ms", "ratio", "per_cpu_second")
        }
        rows[scenario]["rounds"] = [round(run["rps"], 1) for run in runs]
        rows[scenario]["errors"] = sum(sum(run["errors"].values()) for run in runs)
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),
        "load_average": os.getloadavg(),
        "server": workers,
        "duration_s": DURATION,
        "rows": rows,
    }


def table(report):
    lines = [
        f"Uncached pages, {report['server']}, median of "
        f"{len(report['rows']['static']['rounds'])} rounds of {report['duration_s']} s "
        f"(commit {report['commit']}, {report['date']}, load average "
        f"{', '.join(f'{x:.1f}' for x in report['load_average'])})",
        "",
        "| page | req/s | p50 ms | p95 ms | req/s ÷ nginx static | req per CPU-s | "
        "rounds (req/s) | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for scenario, row in report["rows"].items():
        ratio = f"{row['ratio']:.5f}" if row["ratio"] else "1"
        per_cpu = f"{row['per_cpu_second']:.1f}" if row["per_cpu_second"] else "—"
        lines.append(
            f"| {scenario} | {row['rps']:.1f} | {row['p50_ms']:.2f} | "
            f"{row['p95_ms']:.2f} | {ratio} | {per_cpu} | "
            f"{', '.join(map(str, row['rounds']))} | {row['errors']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
