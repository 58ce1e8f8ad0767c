"""The database search engines under load (issue 15's targets): PostgreSQL on
the benchmark's 10,000 practices, SQLite FTS5 on the demo content (the embedded
default), each through ``manage.py search_bench --engine database`` in a
process of its own: 10 client processes, several runs, each with a calibration
figure (the same fixed work timed under the same concurrency) so that runs on
a shared machine compare."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import PY, ROOT, django_env, env_int, log

ROUNDS = env_int("BENCH_DB_SEARCH_ROUNDS", 50)  # searches per client and run
REPEAT = env_int("BENCH_DB_SEARCH_REPEAT", 3)


def _run(env, label):
    result = subprocess.run(
        [
            PY,
            "manage.py",
            "search_bench",
            "--engine",
            "database",
            "--json",
            "--rounds",
            str(ROUNDS),
            "--repeat",
            str(REPEAT),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        log(f"database search ({label}): FAILED\n" + result.stderr[-2000:])
        return {"error": result.stderr[-500:]}
    report = json.loads(result.stdout)
    log(f"  {label}: " + summary(report))
    return report


def _manage(env, *args):
    subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def bench_database_engines(engines=("postgresql", "sqlite")):
    log("database search engines: PostgreSQL (the data set), SQLite (demo content)")
    results = {}
    # Without Elasticsearch: the database engine answers, as when it is down.
    if "postgresql" in engines:
        results["postgresql"] = _run(django_env(ELASTICSEARCH_URL=""), "PostgreSQL")
    if "sqlite" in engines:
        results["sqlite"] = _sqlite()
    return results


def _sqlite():
    with tempfile.TemporaryDirectory(prefix="vetnet-bench-sqlite-") as tmp:
        # A cache prefix of its own: the engines keep data per content version
        # in Redis (the listing's facet table), and the SQLite database's
        # versions must never meet the PostgreSQL run's.
        env = django_env(
            ELASTICSEARCH_URL="",
            SQLITE_PATH=str(Path(tmp) / "demo.sqlite3"),
            CACHE_KEY_PREFIX=os.environ.get("CACHE_KEY_PREFIX", "bench") + "-sqlite",
        )
        env.pop("DATABASE_URL", None)
        for args in (("migrate", "--noinput"), ("load_demo",)):
            _manage(env, *args)
        _manage(env, "search_index", "rebuild")
        return _run(env, "SQLite")


def summary(report):
    if "error" in report:
        return "failed"
    return database_summary(report)


def database_summary(report):
    runs = "; ".join(
        f"p50 {run['p50_ms']} ms, p95 {run['p95_ms']} ms, "
        f"{run['throughput_rps']} req/s, p95/calibration {run['p95_per_calibration']}"
        for run in report["runs"]
    )
    single = report.get("single_client")
    alone = (
        f"; one client: p50 {single['p50_ms']} ms, p95 {single['p95_ms']} ms, "
        f"CPU per search {single['cpu_ms_per_search']} ms "
        f"+ {single['server_cpu_ms_per_search']} ms in the database server"
        if single
        else ""
    )
    return (
        f"{report['engine']} engine, {report['practices']:,} practices, "
        f"{report['clients']} client processes, {report['distinct_requests']} "
        f"different searches (each computed in full): median p50 "
        f"{report['median_p50_ms']} ms, median p95 {report['median_p95_ms']} ms "
        f"over {len(report['runs'])} runs ({runs}){alone}"
    )


def main():
    """``python -m bench.database_search [postgresql] [sqlite]`` (with the
    benchmark's environment, scripts/bench.sh): these rows alone, stored into
    bench/results.json and results.md beside the last full run's;
    ``BENCH_STORE_RESULTS=0``: printed only (DATABASE_URL names the
    PostgreSQL database to measure, e.g. one with bench/generate.py's data)."""
    from bench.report import write_report

    engines = sys.argv[1:] or ("postgresql", "sqlite")
    if os.environ.get("BENCH_STORE_RESULTS") == "0":
        # In isolation (against any database, e.g. a helper's own): the
        # summaries above, nothing written.
        bench_database_engines(engines)
        return
    results_file = ROOT / "bench" / "results.json"
    report = json.loads(results_file.read_text())
    report.setdefault("database_search", {})
    report["database_search"] = {
        **(report["database_search"] or {}),
        **bench_database_engines(engines),
    }
    os.environ.setdefault("BENCH_UPDATE_README", "0")
    print(write_report(report))


if __name__ == "__main__":
    main()
