"""Fixtures of the events tests (the event maker is in tests/conftest.py)."""

import pytest

from tests.factories import UserFactory


@pytest.fixture
def event(make_event):
    return make_event("rome-workshop")


def person(n=1, **extra):
    data = {
        "name": f"Person {n}",
        "email": f"person{n}@example.org",
        "organisation": "CNA",
        "country": "IT",
        "role": "trainer",
        "needs": "",
        "language": "en",
        "consent": True,
    }
    data.update(extra)
    return data


@pytest.fixture
def organiser(home):
    return UserFactory(username="org", password="pw", groups=["Organisers"])


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on_commit callbacks (the e-mails) of what happens inside, as a real
    commit would; tests that need real commits and connections are transactional."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
