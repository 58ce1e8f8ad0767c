"""The real task worker for tests: django-tasks-db's ``db_worker`` loop in a thread,
against the test database (use it with ``transactional_db``: the worker has its own
connection and sees committed rows only)."""

import threading
import time
from contextlib import contextmanager

from django.db import connections
from django_tasks_db.management.commands.db_worker import Worker

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@contextmanager
def running_worker(interval=0.1):
    worker = Worker(
        queue_names=["default"],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )

    def run():
        try:
            worker.run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name="db_worker", daemon=True)
    thread.start()
    try:
        yield worker
    finally:
        worker.running = False
        thread.join(10)
        assert not thread.is_alive(), "the worker did not stop"


def wait_for(predicate, timeout=30, step=0.1):
    """Poll ``predicate`` until it returns something truthy; return that."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"not within {timeout}s: {predicate.__doc__ or predicate}")
