"""`python -m bench.insights`: /insights/ at 10,000 generated practices.

1. Equality (fails loudly): in a Django process on the benchmark database, every
   chart's figures equal the listing's facet counts for the same filters (the
   insights scenario's 61 filter combinations) and, unfiltered, the counts taken
   straight from the tables (bench/insights_check.py). A mismatch exits 1.
2. Speed: gunicorn with 2 workers, the page cache, facet cache and insights
   drawing cache off (every request counts and draws), wrk over the same URLs:
   with 2 connections (one request per worker at a time: a page's own time,
   the issue's "< 150 ms p95") and with BENCH_CONNECTIONS (queueing included).

Uses the benchmark database as bench/run.py prepares it (generated when its
fingerprint differs). Environment as scripts/bench.sh sets it; results in
bench/insights.json. `make bench` runs it as its last step.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import (
    BENCH,
    CONNECTIONS,
    DURATION,
    PY,
    ROOT,
    django_env,
    django_helper,
    log,
    manage,
)
from bench.dataset import prepare_database
from bench.servers import GUNICORN_PORT, answers_health, gunicorn
from bench.wrk import check_scenario, run_wrk

TARGET_P95_MS = 150
WORKERS = 2
UNCACHED = {"PAGE_CACHE_SECONDS": 0, "FACET_CACHE_SECONDS": 0}

CHECK = """
import json, sys
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
from bench.insights_check import mismatches
queries = json.loads(sys.argv[1])
problems = mismatches(Client(), queries)
print(json.dumps(problems))
"""


def scenario_urls(tmp):
    """The insights scenario of bench/run.py: 61 filter combinations."""
    paths = Path(tmp) / "paths.json"
    django_helper("--paths-out", str(paths))
    return json.loads(paths.read_text())["insights"]


def check_equality(urls):
    queries = [url.partition("?")[2] for url in urls]
    env = django_env(ALLOWED_HOSTS="testserver,127.0.0.1", **UNCACHED)
    result = subprocess.run(
        [PY, "-c", CHECK, json.dumps(queries)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit("insights equality check crashed:\n" + result.stderr[-3000:])
    problems = json.loads(result.stdout.strip().splitlines()[-1])
    if problems:
        log(f"insights equality: {len(problems)} MISMATCHES")
        for line in problems[:50]:
            log("  " + line)
        sys.exit("FAILED: the insights figures differ from the listing's counts")
    log(f"insights equality: {len(queries)} filter sets, every chart = listing")
    return len(queries)


def measure(urls, tmp):
    # bench.servers.gunicorn reads the worker count from the environment.
    os.environ["BENCH_GUNICORN_WORKERS"] = str(WORKERS)
    env = django_env(**UNCACHED)
    rows = []
    if answers_health(GUNICORN_PORT):
        sys.exit(f"port {GUNICORN_PORT} is taken: set BENCH_GUNICORN_PORT")
    with gunicorn(env, tmp) as server:
        status, _size = check_scenario(server.port, urls)
        if status != 200:
            sys.exit(f"{urls[0]} answered {status}")
        run_wrk(server.port, urls, max(2, DURATION // 4), "warm-up", tmp)
        for connections in (WORKERS, CONNECTIONS):
            result = run_wrk(
                server.port,
                urls,
                DURATION,
                f"insights uncached {connections}c",
                tmp,
                connections=connections,
            )
            if server.process.poll() is not None:
                sys.exit("our gunicorn died: the figures are another server's")
            result.update(server=server.name, connections=connections)
            rows.append(result)
    return rows


def main():
    prepare_database()
    log("collectstatic (production settings serve hashed names)")
    manage("collectstatic", "--noinput", "-v", "0")
    with tempfile.TemporaryDirectory(prefix="vetnet-insights-") as tmp:
        urls = scenario_urls(tmp)
        checked = check_equality(urls)
        rows = measure(urls, tmp)
    own = rows[0]
    verdict = "met" if own["p95_ms"] < TARGET_P95_MS else "NOT met"
    summary = (
        f"/insights/ uncached, gunicorn {WORKERS} workers, {len(urls)} filter sets: "
        + "; ".join(
            f"{row['connections']} connections p50 {row['p50_ms']:.0f} ms "
            f"p95 {row['p95_ms']:.0f} ms {row['rps']:.1f} req/s"
            for row in rows
        )
        + f" (target p95 < {TARGET_P95_MS} ms at {WORKERS} connections: {verdict})"
    )
    log(summary)
    report = {
        "equality_filter_sets": checked,
        "rows": rows,
        "summary": summary,
        # The machine is shared: the load says what else ran meanwhile.
        "load_average": os.getloadavg(),
        "cpus": os.cpu_count(),
    }
    (BENCH / "insights.json").write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
