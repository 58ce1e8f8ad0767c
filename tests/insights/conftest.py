"""The practice repository's factories serve the insights tests too."""

from tests.practices.conftest import (  # noqa: F401 - fixtures
    index,
    make_practice,
    organisation,
    taxonomy,
)
