"""The database search engines under load (issue 15's targets): PostgreSQL on
the benchmark's 10,000 practices, SQLite FTS5 on the demo content (the embedded
default), each through ``manage.py search_bench --engine database`` in a
process of its own: 10 client processes, several runs, each with a calibration
figure (the same fixed work timed under the same concurrency) so that runs on
a shared machine compare."""

import json
import subprocess
import tempfile
from pathlib import Path

from bench.common import PY, ROOT, django_env, log

ROUNDS, REPEAT = 50, 3


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


def bench_database_engines():
    log("database search engines: PostgreSQL (the data set), SQLite (demo content)")
    # Without Elasticsearch: the database engine answers, as when it is down.
    postgres = _run(django_env(ELASTICSEARCH_URL=""), "PostgreSQL")
    with tempfile.TemporaryDirectory(prefix="vetnet-bench-sqlite-") as tmp:
        env = django_env(
            ELASTICSEARCH_URL="", SQLITE_PATH=str(Path(tmp) / "demo.sqlite3")
        )
        env.pop("DATABASE_URL", None)
        for args in (("migrate", "--noinput"), ("load_demo",)):
            _manage(env, *args)
        _manage(env, "search_index", "rebuild")
        sqlite = _run(env, "SQLite")
    return {"postgresql": postgres, "sqlite": sqlite}


def summary(report):
    if "error" in report:
        return "failed"
    from bench.search_service import database_summary

    return database_summary(report)
