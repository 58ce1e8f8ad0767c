"""At 10,000 generated practices on PostgreSQL (the benchmark's bulk generator),
every insights chart counts what the listing's facets count for the same
filters, and the unfiltered figures what the tables hold.

Generating 10,000 practices takes ~30-60 s on this machine, more than a default
run should pay: the test runs with INSIGHTS_10K=1; `make bench` runs the same
check (bench/insights.py) on its 10,000 practices every time, failing loudly.
"""

import os
import random

import pytest

from bench.bulk_practices import PRACTICES, create_practices
from bench.generate import ensure_taxonomy
from bench.insights_check import mismatches

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("INSIGHTS_10K"), reason="10,000 practices: INSIGHTS_10K=1"
    ),
]

QUERIES = [
    "",
    "country=IT",
    "sector=construction",
    "language=de&eqf=3",
    "country=ES&sector=tourism&target=apprentices",
    "theme=skills",
    "eqf=4&language=it",
]


@pytest.fixture
def ten_thousand(practice_index):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the 10,000-practice check runs on PostgreSQL")
    rng = random.Random(42)
    sectors, groups, levels = ensure_taxonomy(rng)
    create_practices(rng, practice_index, sectors, groups, levels, [])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def test_figures_equal_the_listing_at_ten_thousand(client, ten_thousand):
    from practices.models import PracticePage

    assert PracticePage.objects.live().count() == PRACTICES
    assert mismatches(client, QUERIES) == []
    # The filters select: the figures do not agree by being empty.
    italy = client.get("/insights/?country=IT").context["total"]
    assert 0 < italy < PRACTICES
