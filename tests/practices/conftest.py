"""Fixtures of the practice repository tests (the makers are in tests/conftest.py)."""

import io

import pytest
from PIL import Image as PILImage

from taxonomy.models import Sector, TargetGroup
from tests.factories import (
    TERM_NAMES,
    OrganisationFactory,
    SectorFactory,
    TargetGroupFactory,
    UserFactory,
)


@pytest.fixture
def taxonomy(practice_index):
    """Every term of TERM_NAMES with its translations, by slug."""
    factories = {Sector: SectorFactory, TargetGroup: TargetGroupFactory}
    return {
        slug: factories[model](slug=slug)
        for model, terms in TERM_NAMES.items()
        for slug in terms
    }


@pytest.fixture
def organisation(db):
    return OrganisationFactory(
        name="Accademia dei Mestieri", slug="accademia", languages=[]
    )


@pytest.fixture
def member(db):
    return UserFactory(username="maria", first_name="", password="pw-for-tests-1")


@pytest.fixture
def editor(practice_index):
    return UserFactory(
        username="eddie",
        email="editor@example.org",
        first_name="",
        password="pw-for-tests-1",
        groups=["Editors"],
    )


def png_bytes(size=(8, 8), fmt="PNG"):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def repository(make_practice):
    """Three published practices in three languages, countries and sectors, and
    a draft (the listing, filter and export tests' repository)."""
    return {
        "it": make_practice(
            "Bottega apprenticeship",
            content_language="it",
            country="IT",
            sectors=["wood-furniture"],
            target_groups=["apprentices"],
            eqf_levels=[3, 4],
            themes=["apprenticeship", "dual system"],
        ),
        "el": make_practice(
            "Πράσινες δεξιότητες για τεχνίτες",
            content_language="el",
            country="GR",
            sectors=["construction"],
            target_groups=["apprentices"],
            eqf_levels=[4, 5],
            themes=["green skills"],
        ),
        "ca": make_practice(
            "Aprenentatge dual a la pastisseria",
            content_language="ca",
            country="ES",
            sectors=["food-catering"],
            target_groups=["vet-trainers"],
            eqf_levels=[3],
            themes=["apprenticeship"],
        ),
        "draft": make_practice("Unpublished draft", publish=False, country="DE"),
    }
