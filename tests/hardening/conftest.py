"""Fixtures of the hardening tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean_cache():
    # Rate-limit counters and cached pages live in the cache: start every test clean.
    cache.clear()
    yield
    cache.clear()
