"""Countries side by side: each column is what the listing counts for that
country under the same filters."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from tests.insights.images import fetch_image
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
    sectors = next(t for t in comparison["tables"] if t.dimension == "sector")
    for index, code in enumerate(["IT", "ES", "DE"]):
        column = {label: counts[index] for label, counts in sectors.rows}
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


SVG = "{http://www.w3.org/2000/svg}"
COMPARED = {"compare": ["IT", "ES", "DE"]}


def compare_chart(client, html, dimension):
    return fetch_image(client, html, f"compare-{dimension}")[1]


def drawn_series(root):
    """{series class: [bar values in drawing order]} (pygal repeats a series'
    group in its overlays: the first is the plot)."""
    series = {}
    for group in root.iter(f"{SVG}g"):
        if "series" in (group.get("class") or "").split():
            series.setdefault(group.get("class"), group)
    return [
        [
            int(desc.text)
            for bar in group.iter(f"{SVG}g")
            if bar.get("class") == "bar"
            for desc in bar.iter(f"{SVG}desc")
            if desc.get("class") == "value"
        ]
        for _name, group in sorted(series.items(), key=_serie_number)
    ]


def _serie_number(item):
    name = next(part for part in item[0].split() if part.startswith("serie-"))
    return int(name.removeprefix("serie-"))


def test_each_dimension_is_drawn_with_bars_per_country(client, practices):  # noqa: F811
    response = client.get("/insights/", COMPARED)
    html = response.content.decode()
    tables = response.context["comparison"]["tables"]
    for table in tables:
        root = compare_chart(client, html, table.dimension)
        assert root.get("role") == "img"
        assert root.find(f"{SVG}title").text == table.title
        assert root.find(f"{SVG}desc").text == table.summary
        series = drawn_series(root)
        assert len(series) == 3, table.dimension  # one colour per country
        for index, drawn in enumerate(series):
            if not table.vertical:  # horizontal bars are drawn bottom up
                drawn.reverse()
            expected = [counts[index] for _label, counts in table.drawn_rows]
            assert drawn == expected, table.dimension
    sectors = next(t for t in tables if t.dimension == "sector")
    assert sectors.summary == (
        "Italy: the most practices, 2 of 2, in Construction. "
        "Spain: the most practices, 1 of 1, in Food and catering. "
        "Germany: the most practices, 1 of 1, in Construction."
    )
    assert "<style" not in html and "<script" not in html.split("<body", 1)[1]


def test_comparison_downloads_match_the_tables(client, practices):  # noqa: F811
    params = {**COMPARED, "eqf": "3"}
    response = client.get("/insights/", params)
    html = response.content.decode()
    assert "/insights/compare-sector.csv?eqf=3&amp;compare=IT&amp;compare=ES" in html
    for table in response.context["comparison"]["tables"]:
        download = client.get(f"/insights/{table.slug}.csv", params)
        assert download.status_code == 200
        text = download.content.decode("utf-8").lstrip("\ufeff")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == [table.value_heading, "Italy", "Spain", "Germany"]
        assert rows[1:] == [[label, *map(str, counts)] for label, counts in table.rows]
    svg = ET.fromstring(client.get("/insights/compare-eqf.svg", params).content)
    assert svg.find(f"{SVG}title").text == "Practices by EQF level"
    png = client.get("/insights/compare-timeline.png", params)
    assert png.content.startswith(b"\x89PNG")
    # One country is no comparison; an unknown dimension is no chart.
    assert client.get("/insights/compare-eqf.csv", {"compare": "IT"}).status_code == 404
    assert client.get("/insights/compare-nothing.csv", COMPARED).status_code == 404
