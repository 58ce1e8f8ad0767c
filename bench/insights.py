"""`python -m bench.insights`: /insights/ at 10,000 generated practices.

1. Equality (fails loudly): in a Django process on the benchmark database, every
   chart's figures equal the listing's facet counts for the same filters (the
   insights scenario's 61 filter combinations) and, unfiltered, the counts taken
   straight from the tables (bench/insights_check.py). A mismatch exits 1.
2. Speed: gunicorn with 2 workers, the page cache, facet cache and insights
   drawing cache off (every request counts), wrk over the same URLs: with 2
   connections (one request per worker at a time: a page's own time, the
   issue's "< 150 ms p95") and with BENCH_CONNECTIONS (queueing included), with
   the gunicorn processes' CPU time per request. The charts are images of
   their own (/insights/image/...): measured apart, uncached as well.
3. Cached: the same pages and images through the nginx front (make serve's),
   primed, against nginx serving a static file of the practice page's size in
   the same minutes (the ratio the other pages are given), and the listing's
   filter sets through the same front for comparison.

Uses the benchmark database as bench/run.py prepares it (generated when its
fingerprint differs). Environment as scripts/bench.sh sets it; results in
bench/insights.json. `make bench` runs it as its last step.
"""

import json
import os
import re
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
from bench.front import FRONT_PORT, Front, front_env, prime
from bench.front import available as front_available
from bench.servers import (
    GUNICORN_PORT,
    NGINX_PORT,
    Nginx,
    answers_health,
    gunicorn,
    http_get,
)
from bench.uncached import group_cpu_seconds
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


def scenario_paths(tmp):
    """bench/run.py's scenarios: insights (61 filter combinations), listing."""
    paths = Path(tmp) / "paths.json"
    django_helper("--paths-out", str(paths))
    return json.loads(paths.read_text())


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


IMAGE_SRC = re.compile(r'<img [^>]*src="(/insights/image/[^"]+)"')


def image_urls(port, urls):
    """Every chart image the pages at ``urls`` show."""
    found = []
    for url in urls:
        html = http_get(port, url)[1].decode()
        found += [src.replace("&amp;", "&") for src in IMAGE_SRC.findall(html)]
    return found


def _wrk(server, urls, label, tmp, connections):
    before = group_cpu_seconds(server.process.pid)
    result = run_wrk(server.port, urls, DURATION, label, tmp, connections=connections)
    cpu = group_cpu_seconds(server.process.pid) - before
    if server.process.poll() is not None:
        sys.exit("our gunicorn died: the figures are another server's")
    requests = result["rps"] * DURATION
    result["cpu_ms_per_request"] = round(1000 * cpu / requests, 1) if requests else None
    return result


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
        images = image_urls(server.port, urls)
        run_wrk(server.port, urls, max(2, DURATION // 4), "warm-up", tmp)
        for connections in (WORKERS, CONNECTIONS):
            label = f"insights uncached {connections}c"
            result = _wrk(server, urls, label, tmp, connections)
            result.update(scenario="insights", server=f"{server.name}, every cache off")
            result.update(connections=connections)
            rows.append(result)
        result = _wrk(server, images, "insights images uncached", tmp, WORKERS)
        result.update(
            scenario=f"insights images ({len(images)})",
            server=f"{server.name}, every cache off",
            connections=WORKERS,
        )
        rows.append(result)
    return rows


def measure_front(urls, listing, practice, tmp):
    """The pages and their images through the nginx front (cached, primed),
    each as a ratio to nginx's static file measured just before it."""
    if not front_available():
        log("front: skipped (nginx or its cache purge module is missing)")
        return []
    os.environ["BENCH_GUNICORN_WORKERS"] = str(WORKERS)
    rows = []
    with gunicorn(front_env(), tmp) as server:
        size = len(http_get(server.port, urls[0])[1])
        static_size = len(http_get(server.port, practice)[1])
        images = image_urls(server.port, urls)
        with Front(server.port, tmp), Nginx(static_size, tmp):
            prime(urls + listing + images)
            for scenario, paths in (
                ("insights", urls),
                ("listing", listing),
                (f"insights images ({len(images)})", images),
            ):
                static = run_wrk(
                    NGINX_PORT, ["/practice.html"], DURATION, "static", tmp
                )
                result = run_wrk(FRONT_PORT, paths, DURATION, f"front {scenario}", tmp)
                result.update(
                    scenario=scenario,
                    server=f"nginx front, {server.name}",
                    connections=CONNECTIONS,
                    static_rps=static["rps"],
                    ratio_to_static=round(result["rps"] / static["rps"], 3),
                    first_response_bytes=size if scenario == "insights" else None,
                )
                rows.append(result)
    return rows


def table(rows):
    lines = [
        "| scenario | server | connections | req/s | p50 ms | p95 ms "
        "| CPU ms per request | req/s ÷ nginx static |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        cpu = row.get("cpu_ms_per_request")
        ratio = row.get("ratio_to_static")
        lines.append(
            f"| {row['scenario']} | {row['server']} | {row['connections']} "
            f"| {row['rps']:.1f} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} "
            f"| {'–' if cpu is None else cpu} | {'–' if ratio is None else ratio} |"
        )
    return "\n".join(lines)


def main():
    prepare_database()
    log("collectstatic (production settings serve hashed names)")
    manage("collectstatic", "--noinput", "-v", "0")
    with tempfile.TemporaryDirectory(prefix="vetnet-insights-") as tmp:
        paths = scenario_paths(tmp)
        urls = paths["insights"]
        checked = check_equality(urls)
        rows = measure(urls, tmp)
        front = measure_front(urls, paths["listing"], paths["practice"][0], tmp)
    own = rows[0]
    verdict = "met" if own["p95_ms"] < TARGET_P95_MS else "NOT met"
    summary = (
        f"/insights/ uncached, gunicorn {WORKERS} workers, {len(urls)} filter sets: "
        + "; ".join(
            f"{row['connections']} connections p50 {row['p50_ms']:.0f} ms "
            f"p95 {row['p95_ms']:.0f} ms {row['rps']:.1f} req/s"
            for row in rows[:2]
        )
        + f" (target p95 < {TARGET_P95_MS} ms at {WORKERS} connections: {verdict})"
    )
    log(summary)
    report = {
        "equality_filter_sets": checked,
        "rows": rows,
        "front": front,
        "table": table(rows + front),
        "summary": summary,
        # The machine is shared: the load says what else ran meanwhile.
        "load_average": os.getloadavg(),
        "cpus": os.cpu_count(),
    }
    (BENCH / "insights.json").write_text(json.dumps(report, indent=1) + "\n")
    print(report["table"])


if __name__ == "__main__":
    main()
