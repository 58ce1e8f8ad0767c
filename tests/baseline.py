"""The rows every test may count on: what the migrations create (locales, Wagtail's
root page and root collection, the role groups, the EQF levels, the practice review
workflow, the theme names, content types and permissions) and the home page and
default site of the demo loader.

A transactional test ends with a flush that empties every table, migrated rows
included. Rebuilding them after each flush (post_migrate's content types and
permissions, then the data migrations again) took 1.5-2 s a test on a quiet
2-CPU machine and far more on a loaded one. Instead `MigratedRows` copies them
once, right after the test database is made (tests/conftest.py), and writes them
back in the flush's own transaction: the tables hold what `migrate` left, with
the same ids (cached content types stay right), and the sequences, which the
flush does not reset, stay above them. Django's serialized_rollback does the
same through the ORM and JSON, before the next test, and cannot be relied on once
Playwright's event loop runs in the test thread; this works on the cursor."""

from django.core.cache import cache
from django.db import transaction
from django.test import TransactionTestCase
from wagtail.models import Locale

from community.demo import ensure_home_page


class MigratedRows:
    """The rows of every table a flush empties, as the migrations left them."""

    def __init__(self, connection):
        self.connection = connection
        self.tables = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        self.rows = {}  # table -> its rows, in the engine's own form
        if not Locale.objects.exists():
            raise RuntimeError(
                "the test database holds no migrated rows (a database kept with "
                "--reuse-db after an older run's flush?): run with --create-db"
            )
        # One query naming the tables that hold a row.
        self._holding_rows = " UNION ALL ".join(
            f"SELECT '{table}' WHERE EXISTS "
            f"(SELECT 1 FROM {connection.ops.quote_name(table)})"
            for table in self.tables
        )
        with connection.cursor() as cursor:
            for table in self.tables:
                rows = self._read(cursor, table)
                if rows:
                    self.rows[table] = rows

    def _read(self, cursor, table):
        name = self.connection.ops.quote_name(table)
        if self.connection.vendor == "postgresql":
            # COPY's own text format: each value as PostgreSQL writes it.
            with cursor.cursor.copy(f"COPY {name} TO STDOUT") as copy:
                return b"".join(bytes(block) for block in copy)
        cursor.execute(f"SELECT * FROM {name}")
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
        return (columns, rows) if rows else None

    def _write(self, cursor, table, rows):
        name = self.connection.ops.quote_name(table)
        if self.connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {name} FROM STDIN") as copy:
                copy.write(rows)
            return
        columns, values = rows
        quoted = ", ".join(self.connection.ops.quote_name(c) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {name} ({quoted}) VALUES ({marks})", values)

    def flush_and_restore(self):
        """Empty every table and write the migrated rows back, in one
        transaction. Where `flush` truncates all tables, this deletes the rows
        of those holding any (one query finds them): most of the 121 are empty
        after a test, and TRUNCATE makes new files for each table and index
        (0.39 s against 0.08 s for the query and the deletes, at rest). The
        foreign keys are checked at the commit (Django makes them deferred), so
        the order does not matter; the sequences stay as they are."""
        connection = self.connection
        with transaction.atomic(using=connection.alias, savepoint=False):
            with connection.cursor() as cursor:
                cursor.execute(self._holding_rows)
                tables = {table for (table,) in cursor.fetchall()} | set(self.rows)
                for table in sorted(tables):
                    cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
                for table, rows in self.rows.items():
                    self._write(cursor, table, rows)

    def teardown_patch(self):
        """TransactionTestCase._fixture_teardown restoring these rows instead of
        flushing and emitting post_migrate; Django's own where a test flushes a
        subset of the apps, rolls back serialized rows or uses another database."""
        original = TransactionTestCase._fixture_teardown
        alias = self.connection.alias

        def _fixture_teardown(case):
            names = case._databases_names(include_mirrors=False)
            if (
                case.available_apps is not None
                or case.serialized_rollback
                or list(names) != [alias]
            ):
                return original(case)
            self.flush_and_restore()

        return _fixture_teardown


def ensure_baseline():
    """The migrated rows (there after every flush) and the home page with its
    site; returns the home page."""
    return ensure_home_page()


def forget_cached_rows():
    """After a live-server test: its rows are about to be flushed, so nothing cached
    about them (pages, sites) may reach the next test."""
    cache.clear()
