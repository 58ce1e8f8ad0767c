"""Run some of a test module's tests again on SQLite, in a pytest subprocess.

The database engines have two full-text paths (PostgreSQL and SQLite FTS5); the
suite runs on PostgreSQL, so the tests that must hold on both call this.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def pytest_on_sqlite(test_file, keyword, sqlite_path):
    """Run the tests of `test_file` matching `keyword` with SQLITE_PATH set and
    no DATABASE_URL; returns the finished process (stdout and stderr as text)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["SQLITE_PATH"] = str(sqlite_path)
    command = [sys.executable, "-m", "pytest", str(test_file), "-k", keyword]
    return subprocess.run(
        [*command, "-q", "-p", "no:cacheprovider"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )


def assert_passes_on_sqlite(test_file, keyword, sqlite_path, passed=None):
    """Run `test_file`'s tests matching `keyword` again on SQLite and assert they
    pass (exactly `passed` of them when given). Skipped inside that SQLite run."""
    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("this is the SQLite run")
    outcome = pytest_on_sqlite(Path(test_file), keyword, sqlite_path)
    assert outcome.returncode == 0, outcome.stdout[-3000:] + outcome.stderr[-2000:]
    count = r"[1-9]\d*" if passed is None else str(passed)
    assert re.search(rf"\b{count} passed", outcome.stdout)
    assert "failed" not in outcome.stdout
