"""Embedded default for a developer's machine: `make run`."""

from .base import *  # noqa: F403
from .env import env, env_list

DEBUG = True
# A fixed key is fine for a local, single-user run; production.py refuses to start
# without SECRET_KEY from the environment.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = ["http://127.0.0.1:8000", "http://localhost:8000"]

# Serve static files straight from the app folders while developing.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
