"""The benchmark's data: its own database (reused while the data set's fingerprint
matches) and the search index built from it."""

import os
import subprocess
import time
from urllib.parse import urlparse

from bench.common import PY, ROOT, SEED, django_env, has_command, log, manage


def admin_connection(url):
    """An autocommit connection to the server's `postgres` database, as the
    benchmark's user (to create, drop and label the benchmark database)."""
    import psycopg

    return psycopg.connect(
        host=url.hostname,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname="postgres",
        autocommit=True,
    )


def prepare_database():
    from bench.generate import fingerprint

    url = urlparse(os.environ["DATABASE_URL"])
    name = url.path.lstrip("/")
    wanted = fingerprint(SEED)
    admin = admin_connection(url)
    with admin:
        row = admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
            "WHERE datname = %s",
            [name],
        ).fetchone()
        reuse = (
            row is not None and row[0] == wanted and not os.environ.get("BENCH_FRESH")
        )
        if not reuse:
            log(f"database {name}: creating (fingerprint: {wanted})")
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        else:
            log(f"database {name}: reusing the data set ({wanted})")
    log("migrate")
    manage("migrate", "--noinput", "-v", "0")
    if not reuse:
        log("generating the data set")
        t0 = time.monotonic()
        subprocess.run(
            [PY, "-m", "bench.generate", "--generate", "--seed", str(SEED)],
            cwd=ROOT,
            env=django_env(),
            check=True,
        )
        log(f"data set generated in {time.monotonic() - t0:.1f}s")
        with admin_connection(url) as admin:
            admin.execute(f"COMMENT ON DATABASE \"{name}\" IS '{wanted}'")
    return not reuse


def build_search_index(fresh):
    if not os.environ.get("ELASTICSEARCH_URL"):
        log("search index: ELASTICSEARCH_URL not set, search uses the database")
        return "database"
    if not has_command("search_index"):
        log("search index: no search_index command yet; search measured as it is")
        return "none"
    status = subprocess.run(
        [PY, "manage.py", "search_index", "status"],
        cwd=ROOT,
        env=django_env(),
        capture_output=True,
        text=True,
    )
    if fresh or status.returncode != 0 or os.environ.get("BENCH_REINDEX"):
        log("search index: rebuilding (Elasticsearch)")
        t0 = time.monotonic()
        if manage("search_index", "rebuild", check=False).returncode != 0:
            log("search index: rebuild FAILED; search is measured in its fallback")
            return "elasticsearch (index rebuild failed: database fallback)"
        log(f"search index rebuilt in {time.monotonic() - t0:.1f}s")
    else:
        log("search index: up to date, reused")
    return "elasticsearch"
