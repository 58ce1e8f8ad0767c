"""`make bench`: the full stack on loopback, a generated data set, every scenario.

Steps (each prints a progress line):
 1. the benchmark database `vetnet_bench` (reused when its comment carries the same
    data-set fingerprint, else dropped, created, migrated and generated);
 2. collectstatic (whitenoise, compressed and hashed names) and the search index;
 3. nginx serving a static file of the practice page's byte size: the baseline;
 4. Daphne (production settings, DEBUG off) and gunicorn on the same code;
 5. wrk against each HTTP scenario for a bounded time; the registration race and
    the WebSocket fan-out with Python clients;
 6. bench/results.json, bench/results.md, and the README's "## Benchmarks";
 7. bench/insights.py: /insights/ figures equal the listing's (fails loudly),
    its uncached p95 with 2 gunicorn workers and every cache off, its images,
    and the page through the front (bench/insights.json; rows of the table).

Through the front (bench/front.py): nginx from deploy/ with its page cache before
gunicorn, as `make serve` runs it, and the delay from a publish to an anonymous
visitor seeing it; gunicorn without the page and search caches shows the
uncached paths. Every row is also a ratio to the nginx static file of this run.

Environment: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (16),
BENCH_SEED (42), BENCH_FRESH=1 (regenerate), BENCH_SKIP_NOCACHE=1,
BENCH_SCOPE=front (only the baseline, gunicorn and the front: no Daphne rows,
race, fan-out, search service or notifications), BENCH_GUNICORN_WORKERS (nproc); service URLs
as set by scripts/bench.sh.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.common import (
    BENCH,
    CONNECTIONS,
    DURATION,
    HTTP_SCENARIOS,
    PY,
    ROOT,
    SEED,
    STARTED,
    WARMUP,
    django_env,
    django_helper,
    log,
    manage,
    redis_flush,
)
from bench.database_search import bench_database_engines
from bench.dataset import build_search_index, prepare_database
from bench.front import (
    FRONT_PORT,
    Front,
    TaskWorker,
    front_env,
    prime,
    publish_delay,
)
from bench.front import available as front_available
from bench.report import (
    add_ratios,
    git_commit,
    machine,
    search_service_summary,
    write_report,
)
from bench.servers import NGINX_PORT, SECOND_GUNICORN_PORT, Nginx, daphne, gunicorn
from bench.wrk import (
    check_scenario,
    check_search_backend,
    check_static,
    measure_http,
    run_wrk,
)

CACHED_PAGES = ["home", "listing", "insights", "practice", "event"]
FRONT_ONLY = os.environ.get("BENCH_SCOPE") == "front"


def measure_daphne(server, paths, tmp, http_results):
    """Daphne's rows, the registration race and the WebSocket fan-out."""
    from bench import race as race_mod
    from bench import wsfanout

    measure_http("daphne", server.port, paths, HTTP_SCENARIOS, tmp, http_results)
    log("registration race")
    race = race_mod.run(server.port, paths, django_helper)
    log("  " + race["summary"])
    log("WebSocket fan-out")
    fanout = wsfanout.run(server.port, PY, ROOT, django_env())
    log("  " + fanout["summary"])
    return race, fanout


def measure_gunicorn_and_front(paths, tmp, http_results):
    """gunicorn's rows, then the nginx front (page cache and purges, with the
    task worker that sends them) before two gunicorn nodes of one worker each,
    as make serve runs them; returns the publish delay."""
    env = front_env()
    log("gunicorn (WSGI, production settings, page cache on) and the nginx front")
    with TaskWorker(env, tmp):
        if not FRONT_ONLY:
            with gunicorn(env, tmp) as server:
                scenarios = HTTP_SCENARIOS
                measure_http(
                    server.name, server.port, paths, scenarios, tmp, http_results
                )
        if not front_available():
            log("front: skipped (nginx or its cache purge module is missing)")
            return None
        with (
            gunicorn(env, tmp, workers=1) as first,
            gunicorn(env, tmp, port=SECOND_GUNICORN_PORT, workers=1) as second,
            Front([first.port, second.port], tmp),
        ):
            name = "nginx front, 2 gunicorn nodes of 1 worker"
            scenarios = [*CACHED_PAGES, "search"]
            log("front: one GET of every path first (the pages visitors keep warm)")
            for scenario in scenarios:
                prime(paths[scenario])
            measure_http(name, FRONT_PORT, paths, scenarios, tmp, http_results)
            return publish_delay(paths["practice"][0])


def measure_without_caches(paths, tmp, http_results):
    """The uncached paths: page and search caches off, gunicorn (and Daphne)."""
    nocache = django_env(PAGE_CACHE_SECONDS=0, SEARCH_CACHE_SECONDS=0)
    log("gunicorn with the page and search caches off")
    with gunicorn(nocache, tmp) as server:
        server.name += ", no page/search cache"
        measure_http(server.name, server.port, paths, CACHED_PAGES, tmp, http_results)
    if FRONT_ONLY:
        return
    log("Daphne with the page and search caches off")
    with daphne(nocache, tmp) as server:
        server.name = "daphne, no page/search cache"
        scenarios = [*CACHED_PAGES, "search"]
        measure_http(server.name, server.port, paths, scenarios, tmp, http_results)


def main():
    if "--report-only" in sys.argv:  # rewrite the table from results.json
        print(write_report(json.loads((BENCH / "results.json").read_text())))
        return
    for tool in ("wrk", "nginx"):
        if not (shutil.which(tool) or Path("/usr/sbin/" + tool).exists()):
            sys.exit(f"{tool} is missing (scripts/bench.sh installs it)")
    log(f"VET NET benchmark: {DURATION}s per scenario, {CONNECTIONS} connections")
    fresh = prepare_database()
    log("collectstatic")
    manage("collectstatic", "--noinput", "-v", "0")
    search_backend = build_search_index(fresh)
    paths_file = Path(tempfile.mkstemp(prefix="bench-paths-", suffix=".json")[1])
    django_helper("--paths-out", str(paths_file))
    paths = json.loads(paths_file.read_text())
    redis_flush()

    http_results, race, fanout, baseline, static = [], None, None, None, None
    with tempfile.TemporaryDirectory(prefix="vetnet-bench-") as tmp:
        env = django_env()
        log("Daphne (production settings, page cache on)")
        with daphne(env, tmp) as server:
            status, size = check_scenario(server.port, paths["practice"])
            size = size if status == 200 else 30_000
            log(f"nginx baseline: static file of {size} bytes (practice page size)")
            with Nginx(size, tmp):
                baseline = run_wrk(
                    NGINX_PORT, ["/practice.html"], WARMUP, "nginx (warm-up)", tmp
                )
                baseline = run_wrk(
                    NGINX_PORT, ["/practice.html"], DURATION, "nginx static", tmp
                )
                baseline.update(scenario="static file", server="nginx", bytes_file=size)
            static = check_static(server.port, paths["practice"][0])
            log(f"static files: {static}")
            search_backend = check_search_backend(server.port, paths, search_backend)
            if not FRONT_ONLY:
                race, fanout = measure_daphne(server, paths, tmp, http_results)
        redis_flush()
        publish = measure_gunicorn_and_front(paths, tmp, http_results)
        if not os.environ.get("BENCH_SKIP_NOCACHE"):
            measure_without_caches(paths, tmp, http_results)
    search_service = None if FRONT_ONLY else bench_search_service(search_backend)
    notifications = None if FRONT_ONLY else bench_notifications()
    database_search = None if FRONT_ONLY else bench_database_engines()

    # /insights/ at 10,000 practices: its figures against the listing's (a
    # mismatch fails the run), uncached with every cache off (2 gunicorn
    # workers) and cached through the front: rows of the table.
    log("insights: equality with the listing, uncached and front (bench/insights.py)")
    subprocess.run([PY, "-m", "bench.insights"], cwd=ROOT, check=True)
    http_results += insights_rows()
    add_ratios(http_results, baseline)
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "commit": git_commit(),
        "seed": SEED,
        "duration_s": DURATION,
        "connections": CONNECTIONS,
        "search_backend": search_backend,
        "baseline": baseline,
        "http": http_results,
        "race": race,
        "fanout": fanout,
        "search_service": search_service,
        "notifications": notifications,
        "database_search": database_search,
        "publish": publish,
        "static": static,
        "total_seconds": round(time.monotonic() - STARTED, 1),
    }
    table = write_report(report)
    print()
    print(table)
    log(f"done: bench/results.json, bench/results.md ({report['total_seconds']}s)")


def insights_rows():
    """bench/insights.py's rows for the table: the page uncached (2 and
    BENCH_CONNECTIONS connections), its images, and through the front."""
    report = json.loads((BENCH / "insights.json").read_text())
    rows = []
    for row in report["rows"] + report.get("front", []):
        row = dict(row)
        if row["scenario"] == "insights" and "front" not in row["server"]:
            row["scenario"] = f"insights ({row['connections']} connections)"
        rows.append(row)
    return rows


def bench_search_service(search_backend):
    """``manage.py search_bench``: the search service itself, server-side, on a
    throwaway index of 10,000 generated practices (issue 4's targets)."""
    if search_backend != "elasticsearch":
        log("search service: skipped (no Elasticsearch)")
        return None
    log("search service: bulk indexing, search and suggest (search_bench)")
    result = subprocess.run(
        [PY, "manage.py", "search_bench", "--json", "--rounds", "100"],
        cwd=ROOT,
        env=django_env(ELASTICSEARCH_INDEX_PREFIX="benchsearch"),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        log("search service: FAILED\n" + result.stderr[-2000:])
        return {"error": result.stderr[-500:]}
    report = json.loads(result.stdout)
    report["summary"] = search_service_summary(report)
    log("  " + report["summary"])
    return report


def bench_notifications():
    """bench/notifications.py: fan-out of one publish to 1,000 followers and the
    digests of 10,000 members (in a transaction it rolls back)."""
    log("notifications: fan-out to 1,000 followers, digests for 10,000 members")
    result = subprocess.run(
        [PY, "-m", "bench.notifications", "--json"],
        cwd=ROOT,
        env=django_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        log("notifications: FAILED\n" + result.stderr[-2000:])
        return {"error": result.stderr[-500:]}
    report = json.loads(result.stdout)
    log("  " + report["summary"])
    return report


if __name__ == "__main__":
    main()
