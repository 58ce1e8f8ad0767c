import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _language_reset():
    """A request to /it/... leaves Italian active in this thread after the test
    client returns; later tests (page.url) must not inherit it."""
    yield
    translation.deactivate()
