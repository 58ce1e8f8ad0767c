"""Logging: one plain line per record on the console, quieter for the chatty libraries.

Imported by base.py; kept apart so that the settings stay readable by concern.
"""

import os

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL") or "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        # One line per task run drowns the demo load and request logs.
        "django_tasks": {"level": "WARNING"},
        # One line per purged URL (every language, every cached variant).
        "wagtail.frontendcache": {"level": "WARNING"},
    },
}
