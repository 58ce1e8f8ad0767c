"""Run the database-engine tests again on SQLite, in one pytest subprocess.

The database engines have two full-text paths (PostgreSQL and SQLite FTS5); the
suite runs on PostgreSQL, so a test module whose tests must hold on both
declares, at import::

    test_sqlite_engine = on_sqlite(__file__, "database_engine", passed=3)

which registers the module's tests whose names contain one of the words, and
those running on every engine through the `search_engine` fixture (their
Elasticsearch run skips itself on SQLite), and gives it a test (marked
`postgres`) asserting they pass on SQLite. The first such test of a session
runs every registered module it collected in a single subprocess (Django
start-up and migrations once, not once per module); each module's test then
reports its own tests' outcome from that run's JUnit report.

`python -m pytest tests/search/test_engines.py` alone runs that module's SQLite
tests too. To run them by hand on SQLite, without the PostgreSQL wrapper::

    env -u DATABASE_URL SQLITE_PATH=/tmp/t.sqlite3 \\
        python -m pytest tests/search/test_engines.py -k "database_engine or tokens_follow"
"""

import inspect
import os
import subprocess
import sys
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


def run_on_sqlite(selections, workdir):
    """Run every selection's tests in one pytest subprocess with SQLITE_PATH set
    and no DATABASE_URL."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["SQLITE_PATH"] = str(workdir / "engines.sqlite3")
    report = workdir / "sqlite.xml"
    node_ids = [node for selection in selections for node in selection.node_ids()]
    finished = subprocess.run(
        [sys.executable, "-m", "pytest", *node_ids, "-q", "-p", "no:cacheprovider"]
        + [f"--junitxml={report}", "-o", "junit_family=xunit2"],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=REPO,
    )
    batch = Batch(finished.returncode, finished.stdout + finished.stderr)
    if report.exists():
        batch.outcomes = _read_junit(report)
    return batch


_REGISTERED = {}
_BATCHES = {}


def _batch_for(request):
    """The session's one SQLite run, over the registered modules whose SQLite
    test this session runs (so `-k`, a single file or a node id keep it small)."""
    selections = frozenset(
        _REGISTERED[item.function]
        for item in request.session.items
        if getattr(item, "function", None) in _REGISTERED
    )
    if selections not in _BATCHES:
        workdir = request.getfixturevalue("tmp_path_factory").mktemp("sqlite")
        ordered = sorted(selections, key=lambda s: str(s.path))
        _BATCHES[selections] = run_on_sqlite(ordered, workdir)
    return _BATCHES[selections]


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
