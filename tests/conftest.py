"""Shared fixtures and the rule for tests that need a real service.

A test marked `postgres`, `redis` or `elasticsearch` runs against the real server
named by DATABASE_URL / REDIS_URL / ELASTICSEARCH_URL (scripts/services.sh starts
them). On a developer's machine without the service it is skipped; under CI=true a
missing service is a failure, never a skip.
"""

import os
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _reachable(url, default_port):
    if not url:
        return False
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname, parsed.port or default_port), 2
        ):
            return True
    except OSError:
        return False


SERVICES = {
    "postgres": lambda: (
        settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
        and _reachable(os.environ.get("DATABASE_URL"), 5432)
    ),
    "redis": lambda: _reachable(settings.REDIS_URL, 6379),
    "elasticsearch": lambda: _reachable(settings.ELASTICSEARCH_URL, 9200),
}


def pytest_runtest_setup(item):
    for name, available in SERVICES.items():
        if item.get_closest_marker(name) and not available():
            message = f"{name} is not available (see scripts/services.sh)"
            if IN_CI:
                pytest.fail(f"CI=true: {message}", pytrace=False)
            pytest.skip(message)


@pytest.fixture
def home(db):
    """The site's home page (created as the demo loader creates it)."""
    from community.demo import ensure_home_page

    return ensure_home_page()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters (vetnet.ratelimit, in Redis when REDIS_URL is set)
    outlive a test: start every test from zero."""
    from vetnet import ratelimit

    ratelimit.reset()
    yield
