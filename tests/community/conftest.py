"""Fixtures of the community tests (the makers are in tests/conftest.py)."""

import pytest


@pytest.fixture
def member(make_user):
    return make_user("member@example.org")
