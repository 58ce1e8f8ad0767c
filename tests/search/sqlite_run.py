"""Run the database-engine tests again on SQLite, in one pytest subprocess.

The database engines have two full-text paths (PostgreSQL and SQLite FTS5); the
suite runs on PostgreSQL, so a test module whose tests must hold on both
declares, at import::

    test_sqlite_engine = on_sqlite(__file__, "database_engine", passed=3)

which registers the module's tests whose names contain one of the words, and
those running on every engine through the `search_engine` fixture (their
Elasticsearch run skips itself on SQLite), and gives it a test (marked
`postgres`) asserting they pass on SQLite. Every registered module a session
collected runs in a single subprocess (Django start-up and migrations once, not
once per module), started in the background as soon as collection ends
(tests/conftest.py calls `start`), so that it runs while the PostgreSQL run
goes on instead of holding it up; the first such test waits for it, and each
module's test then reports its own tests' outcome from that run's JUnit report.
The subprocess keeps its Redis keys, Elasticsearch indices and media apart
from the run beside it (prefixes and MEDIA_ROOT of its own).

`python -m pytest tests/search/test_engines.py` alone runs that module's SQLite
tests too. To run them by hand on SQLite, without the PostgreSQL wrapper::

    env -u DATABASE_URL SQLITE_PATH=/tmp/t.sqlite3 \\
        python -m pytest tests/search/test_engines.py -k "database_engine or tokens_follow"
"""

import inspect
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# Every module's selection in one subprocess: generous, as the old per-module
# runs had 600 s each.
TIMEOUT = 1800
_OUTPUT_TAIL = 3000


@dataclass(frozen=True)
class Selection:
    """The tests of one module to run again on SQLite: its test functions whose
    names contain one of `words` or which take the `search_engine` fixture
    (every parameter set of each)."""

    path: Path
    words: tuple

    @property
    def module(self):
        return ".".join(self.path.relative_to(REPO).with_suffix("").parts)

    def node_ids(self):
        module = sys.modules[self.module]
        names = sorted(
            name
            for name, value in vars(module).items()
            if name.startswith("test")
            and callable(value)
            and value not in _REGISTERED
            and (
                any(word in name for word in self.words)
                or "search_engine" in inspect.signature(value).parameters
            )
        )
        return [f"{self.path.relative_to(REPO)}::{name}" for name in names]


@dataclass
class Batch:
    """The outcome of one SQLite subprocess: per test (JUnit classname + name),
    "passed", "skipped" or the failure's text."""

    returncode: int
    output: str = field(repr=False)
    outcomes: dict = field(default_factory=dict, repr=False)

    def of(self, selection):
        prefix = selection.module + "."
        return {
            name: outcome
            for name, outcome in self.outcomes.items()
            if name.startswith(prefix)
        }


def _read_junit(report):
    outcomes = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        name = f"{case.get('classname')}.{case.get('name')}"
        problems = [child for child in case if child.tag in {"failure", "error"}]
        if problems:
            text = "\n".join(
                f"{p.tag}: {p.get('message', '')}\n{(p.text or '')[-1500:]}"
                for p in problems
            )
            outcomes[name] = outcomes.get(name, "") + text
        elif name not in outcomes:
            skipped = any(child.tag == "skipped" for child in case)
            outcomes[name] = "skipped" if skipped else "passed"
    return outcomes


def _sqlite_env(workdir):
    """The environment of the SQLite run: no DATABASE_URL, and Redis keys,
    Elasticsearch indices and media of its own, as it runs beside the
    PostgreSQL run (whose tests reset rate limits and count on their keys)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["SQLITE_PATH"] = str(workdir / "engines.sqlite3")
    env["MEDIA_ROOT"] = str(workdir / "media")
    for name in (
        "CACHE_KEY_PREFIX",
        "CHANNEL_LAYER_PREFIX",
        "ELASTICSEARCH_INDEX_PREFIX",
    ):
        env[name] = f"{os.environ.get(name, 'vetnet')}-sqlite"
    return env


class Run:
    """One pytest subprocess over every selection's tests, on SQLite; `batch()`
    waits for it (at most TIMEOUT from its start) and reads its outcome."""

    def __init__(self, selections, workdir):
        self.workdir = Path(workdir)
        self.report = self.workdir / "sqlite.xml"
        self.log = self.workdir / "output.txt"
        node_ids = [node for selection in selections for node in selection.node_ids()]
        self.started = time.monotonic()
        with open(self.log, "w", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "pytest", *node_ids, "-q"]
                + ["-p", "no:cacheprovider", f"--basetemp={self.workdir / 'tmp'}"]
                + [f"--junitxml={self.report}", "-o", "junit_family=xunit2"],
                env=_sqlite_env(self.workdir),
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=REPO,
            )
        self._batch = None

    def batch(self):
        if self._batch is None:
            left = TIMEOUT - (time.monotonic() - self.started)
            try:
                returncode = self.process.wait(timeout=max(left, 0))
            except subprocess.TimeoutExpired:
                self.stop()
                returncode = f"killed after {TIMEOUT} s"
            output = self.log.read_text(encoding="utf-8", errors="replace")
            self._batch = Batch(returncode, output)
            if self.report.exists():
                self._batch.outcomes = _read_junit(self.report)
        return self._batch

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


_REGISTERED = {}
_RUNS = {}


def _selections(items):
    """The registered modules whose SQLite test is among `items`, in path order
    (so `-k`, a single file or a node id keep the run small)."""
    selections = {
        _REGISTERED[item.function]
        for item in items
        if getattr(item, "function", None) in _REGISTERED
    }
    return tuple(sorted(selections, key=lambda s: str(s.path)))


def _main_run_is_sqlite():
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


def start(session):
    """Start the session's SQLite run in the background (from
    pytest_collection_finish): nothing to start when no registered test was
    collected, when collecting is all this session does, or when this is the
    SQLite run itself."""
    selections = _selections(session.items)
    if session.config.option.collectonly or not selections:
        return
    if selections in _RUNS or _main_run_is_sqlite():
        return
    _RUNS[selections] = Run(selections, tempfile.mkdtemp(prefix="vetnet-sqlite-"))


def finish():
    """Stop a run nobody waited for (an interrupted or -x session) and remove
    the runs' files (from pytest_sessionfinish)."""
    for run in _RUNS.values():
        run.stop()
        shutil.rmtree(run.workdir, ignore_errors=True)
    _RUNS.clear()


def _batch_for(request):
    """The session's one SQLite run (started at collection; started here if it
    was not, e.g. for a test called outside a normal session)."""
    selections = _selections(request.session.items)
    if selections not in _RUNS:
        _RUNS[selections] = Run(selections, tempfile.mkdtemp(prefix="vetnet-sqlite-"))
    return _RUNS[selections].batch()


def assert_passed(batch, selection, passed=None):
    """The selection's tests passed on SQLite (exactly `passed` of them when
    given); a failure names the failing tests with their messages."""
    mine = batch.of(selection)
    failed = {n: o for n, o in mine.items() if o not in {"passed", "skipped"}}
    assert not failed, "failed on SQLite:\n" + "\n\n".join(
        f"{name}\n{text}" for name, text in failed.items()
    )
    tail = batch.output[-_OUTPUT_TAIL:]
    assert mine, f"no SQLite test ran (exit code {batch.returncode}):\n{tail}"
    count = sum(outcome == "passed" for outcome in mine.values())
    if passed is None:
        assert count >= 1, mine
    else:
        assert count == passed, mine
    # The run as a whole (collection errors, another module's failure) is the
    # business of that module's test; a crash is everyone's.
    assert batch.returncode in {0, 1}, tail


def on_sqlite(test_file, *words, passed=None):
    """A test running `test_file`'s tests whose names contain one of `words`
    again on SQLite (with the session's other such modules) and asserting they
    pass, exactly `passed` of them when given."""
    selection = Selection(Path(test_file).resolve(), words)

    @pytest.mark.postgres
    def test_on_sqlite(request):
        from django.db import connection

        if connection.vendor == "sqlite":
            pytest.skip("this is the SQLite run")
        assert_passed(_batch_for(request), selection, passed)

    test_on_sqlite.__doc__ = (
        f"{selection.path.name}'s tests named {' or '.join(words)}, on SQLite."
    )
    _REGISTERED[test_on_sqlite] = selection
    return test_on_sqlite
