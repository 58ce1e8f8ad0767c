"""The one-statement count (PostgreSQL) gives what the listing's own counting
and the timeline query give, filter set by filter set."""

import pytest
from django.http import QueryDict
from django.utils.http import urlencode

from insights.services.counts import count_figures, count_timeline
from practices.services.listing.facets import count_facets
from practices.services.listing.filters import parse_filters
from practices.services.listing.queryset import matching
from tests.insights.test_figures import FILTER_SETS, practices  # noqa: F401

pytestmark = pytest.mark.django_db


def comparable(total, counts, timeline):
    ordered = {
        name: sorted(value) if isinstance(value, list) else value
        for name, value in counts.items()
    }
    return total, ordered, timeline


@pytest.mark.parametrize("params", FILTER_SETS, ids=lambda p: urlencode(p) or "all")
def test_one_statement_counts_as_the_listing(
    practices,  # noqa: F811
    make_practice,
    params,
    django_assert_num_queries,
):
    draft = make_practice(country="IT", sectors=["construction"], year_start=2018)
    draft.unpublish()  # not counted, by either
    filters = parse_filters(QueryDict(urlencode(params)))
    total, counts = count_facets(filters, own=True)
    expected = comparable(total, counts, count_timeline(matching(filters)))
    with django_assert_num_queries(1):
        figures = count_figures(filters)
    assert comparable(*figures) == expected
    if not params:
        assert figures[0] == 4 and figures[2]["start"] == {2019: 1, 2021: 2}
