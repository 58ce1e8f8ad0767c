"""Keep the rows that migrations create (locales, groups, Wagtail's root page and
collection, workflows, EQF levels) available to live-server browser tests.

Every transactional test ends with a flush. Django's serialized_rollback should
restore the migrated rows, but once Playwright's event loop runs in the test
thread the connection that holds the serialized copy is not the one the test
sees, so the restore silently does nothing. This helper keeps its own copy: the
first browser test that finds the migrated rows in place serializes them, a later
one that finds an empty database loads them back.
"""

import json

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import connection, transaction

_baseline = {}


def ensure_migrated_rows():
    from wagtail.models import Locale

    if Locale.objects.exists():
        _baseline.setdefault("data", connection.creation.serialize_db_to_string())
        return
    if "data" not in _baseline:
        raise RuntimeError(
            "The migrated rows were flushed by an earlier transactional test and "
            "no copy was kept; run the browser tests first or on their own."
        )
    # The flush's post_migrate recreated content types and permissions with new
    # ids; the copy brings back the original ones.
    Permission.objects.all().delete()
    ContentType.objects.all().delete()
    ContentType.objects.clear_cache()
    rows = json.loads(_baseline["data"])
    # Content types first: saving other rows may look theirs up (and create them).
    first = ("contenttypes.contenttype", "auth.permission")
    rows.sort(key=lambda row: first.index(row["model"]) if row["model"] in first else 2)
    with transaction.atomic(), connection.constraint_checks_disabled():
        for obj in serializers.deserialize("json", json.dumps(rows)):
            obj.save()
    ContentType.objects.clear_cache()


def forget_cached_rows():
    """After a browser test: its rows are about to be flushed, so nothing cached
    about them (pages, sites, content types) may reach the next test."""
    from django.core.cache import cache

    cache.clear()
    ContentType.objects.clear_cache()
