"""Countries side by side: each column is what the listing counts for that
country under the same filters."""

import pytest

from tests.insights.test_figures import practices  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def listing_sector_counts(client, **params):
    facets = client.get("/practices/", params).context["facets"]
    return {option.label: option.count for option in facets["sector"]}


def test_columns_are_the_listing_per_country(client, practices):  # noqa: F811
    response = client.get("/insights/", {"compare": ["IT", "es", "DE"], "eqf": "3"})
    comparison = response.context["comparison"]
    assert [c["code"] for c in comparison["columns"]] == ["IT", "ES", "DE"]
    assert [c["total"] for c in comparison["columns"]] == [1, 1, 0]
    sectors = next(t for t in comparison["tables"] if t["slug"] == "sector")
    for index, code in enumerate(["IT", "ES", "DE"]):
        column = {label: counts[index] for label, counts in sectors["rows"]}
        expected = listing_sector_counts(client, country=code, eqf="3")
        assert {k: v for k, v in column.items() if v} == expected
    html = response.content.decode()
    assert 'data-compare="sector"' in html and "Food and catering" in html


def test_one_country_or_invalid_codes_ask_for_two(client, practices):  # noqa: F811
    response = client.get("/insights/", {"compare": ["IT", "nowhere"]})
    comparison = response.context["comparison"]
    assert comparison["dropped"] is True
    assert comparison["tables"] == []
    assert "Choose at least two countries" in response.content.decode()
    assert client.get("/insights/").context["comparison"] is None


def test_at_most_four_countries(client, practices):  # noqa: F811
    codes = ["IT", "ES", "DE", "FR", "AT"]
    comparison = client.get("/insights/", {"compare": codes}).context["comparison"]
    assert [c["code"] for c in comparison["columns"]] == codes[:4]
    assert comparison["dropped"] is True
