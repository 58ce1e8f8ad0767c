"""Daphne for the notifications browser test: tasks go to the database queue, so
fan-out runs in the test's real worker (tests/worker.py), never in a request."""

from tests.forums.daphne_settings import *  # noqa: F403

# As tests.worker.DATABASE_TASKS (not imported: settings load before the apps).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
