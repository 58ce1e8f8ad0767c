"""Sector names by slug (search facets, event pages, the counselling directory)
come from the per-version term table of taxonomy.names: in the reader's
language, renamed as soon as a sector is saved, and read afresh rather than
failing while the cache (which holds the content version) is out."""

import pytest
from django.utils import translation

from taxonomy.models import Sector
from taxonomy.names import sector_names_by_slug
from tests.factories import SectorFactory

pytestmark = pytest.mark.django_db


def test_sectors_are_named_in_the_active_language(home):
    SectorFactory(slug="construction")
    with translation.override("it"):
        assert sector_names_by_slug()["construction"] == "Edilizia"
    with translation.override("el"):
        assert sector_names_by_slug()["construction"] == "Κατασκευές"
    with translation.override("de"):  # no German translation: its own name
        assert sector_names_by_slug()["construction"] == "Construction"


def test_a_renamed_sector_is_named_anew_at_once(home):
    SectorFactory(slug="construction")
    with translation.override("it"):
        assert sector_names_by_slug()["construction"] == "Edilizia"
        italian = Sector.objects.get(slug="construction", locale__language_code="it")
        italian.name = "Costruzioni"
        italian.save()
        assert sector_names_by_slug()["construction"] == "Costruzioni"


def test_sectors_are_named_while_the_cache_is_out(home, stop_cache):
    SectorFactory(slug="construction")
    stop_cache()
    with translation.override("it"):
        assert sector_names_by_slug()["construction"] == "Edilizia"
