"""Shared fixtures and the rule for tests that need a real service.

A test marked `postgres`, `redis` or `elasticsearch` runs against the real server
named by DATABASE_URL / REDIS_URL / ELASTICSEARCH_URL (scripts/services.sh starts
them). On a developer's machine without the service it is skipped; under CI=true a
missing service is a failure, never a skip.
"""

import os
import socket
import uuid
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

# The real SMTP server fixture (`smtp`) for the tests that follow mail out of the worker.
pytest_plugins = ["tests.mail"]

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


def pytest_collection_finish(session):
    """The database-engine tests' SQLite run (tests/search/sqlite_run.py) starts
    now, in the background, and runs while this run goes on."""
    from tests.search import sqlite_run

    sqlite_run.start(session)


def pytest_sessionfinish(session):
    from tests.search import sqlite_run

    sqlite_run.finish()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as pytest-django makes it; its migrated rows are copied
    now and written back by every transactional test's flush (tests/baseline.py)."""
    from django.db import connection
    from django.test import TransactionTestCase

    from tests.baseline import MigratedRows

    with django_db_blocker.unblock():
        # pytest-django makes no test database when no collected test asks
        # for one (a module that only requests django_db_setup, run alone).
        made = "wagtailcore_locale" in connection.introspection.table_names()
        rows = MigratedRows(connection) if made else None
    if rows is None:
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", rows.teardown_patch())
        yield


@pytest.fixture
def closed_port():
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def stop_cache(settings, closed_port):
    """Call it to take the cache (Redis) out from then on: the default cache
    points at a closed port, every read and write refused as in an outage."""

    def stop():
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": closed_port.replace("http://", "redis://"),
            }
        }

    return stop


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters (allauth's in the cache, vetnet.ratelimit's in Redis when
    REDIS_URL is set), cached pages, facets and search results outlive a test:
    every test starts without them, and leaves none behind."""
    from vetnet import ratelimit

    cache.clear()
    ratelimit.reset()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """LocaleMiddleware activates a request's language (/it/, /el/...) in the
    thread that runs it, and the test client runs requests in the test's own
    thread; nothing deactivates it afterwards. Every test therefore ends back on
    the default language (settings.LANGUAGE_CODE), so the next one's reverse(),
    page.url and gettext do not inherit the last request's language."""
    yield
    translation.deactivate()


@pytest.fixture
def es_index(settings):
    """A unique ``test_…`` Elasticsearch index prefix for this test; its indices are
    deleted afterwards (used by the search and the saved-search tests)."""
    from elasticsearch import Elasticsearch

    prefix = f"test_{uuid.uuid4().hex[:10]}"
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    yield prefix
    client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)
    # Wildcard deletes are refused (destructive_requires_name): name each index.
    names = list(client.indices.get(index=f"{prefix}-*", allow_no_indices=True))
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)


@pytest.fixture
def home(db):
    """The baseline every app shares: migrated rows, the home page and its site."""
    from tests.baseline import ensure_baseline

    return ensure_baseline()


@pytest.fixture
def practice_index(home):
    """The practice index page as the demo loader creates it (review workflow on)."""
    from practices.demo import ensure_index_page

    return ensure_index_page()


@pytest.fixture
def event_index(home):
    from events.demo import ensure_index

    return ensure_index()


@pytest.fixture
def make_practice(practice_index):
    """make_practice(title=None, **fields): a published practice (a draft with
    `publish=False`); see PracticePageFactory for the fields."""
    from tests.factories import PracticePageFactory, maker

    return maker(PracticePageFactory, "title", parent=practice_index)


@pytest.fixture
def make_event(event_index):
    """make_event(slug=None, **fields): a published event (see EventPageFactory)."""
    from tests.factories import EventPageFactory, maker

    return maker(EventPageFactory, "slug", parent=event_index)


@pytest.fixture
def make_organisation(db):
    from tests.factories import OrganisationFactory

    return OrganisationFactory


@pytest.fixture
def make_user(db):
    """make_user(email=None, groups=(), verified=True, ...): a member as sign-up
    leaves one."""
    from tests.factories import MemberFactory, maker

    return maker(MemberFactory, "email")
