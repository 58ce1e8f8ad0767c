"""Test settings: real services from the environment (see scripts/services.sh)."""

from .base import *  # noqa: F403
from .env import env

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Ordinary tests run tasks inside the request that enqueues them; the background
# tests run the database backend and the real worker loop (tests/worker.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Pages under test must not be served from a cache filled by another test.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "vetnet-test",
    }
}
# The anonymous page cache (vetnet/cache.py) is off unless a test turns it on.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "0"))
FACET_CACHE_SECONDS = int(env("FACET_CACHE_SECONDS", "0"))
# Likewise the search results cache (search/services/results_cache.py).
SEARCH_CACHE_SECONDS = int(env("SEARCH_CACHE_SECONDS", "0"))
# Per-address POST limits (vetnet/post_rate_limits.py) are off unless a test sets them:
# the whole suite posts from 127.0.0.1 into one shared cache.
REGISTRATION_RATE_LIMIT = FORUM_POST_RATE_LIMIT = SUBMISSION_RATE_LIMIT = "0"
COUNSELLING_POST_RATE_LIMIT = "0"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env("MEDIA_ROOT", "/tmp/vetnet-test-media")
# No collectstatic before tests: WhiteNoise serves from the apps' static folders
# (finders) and does not look for STATIC_ROOT at start-up, which it would warn
# about in every test that makes a request.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tests open many connections from threads of one process (the race control test
# holds 20 at once, plus the test's own): a larger pool than production's default.
if "pool" in DATABASES["default"].get("OPTIONS", {}):  # noqa: F405
    DATABASES["default"]["OPTIONS"]["pool"]["max_size"] = 60  # noqa: F405
