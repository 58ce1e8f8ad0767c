"""The figures behind every insights chart are the listing's facet counts for the
same filters; the map marks the right countries; downloads match the tables."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.utils.http import urlencode

from insights.services.charts import FACET_CHARTS
from tests.insights.images import fetch_image, image_tag, map_shapes

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def practices(make_practice):
    make_practice(
        country="IT",
        content_language="it",
        sectors=["construction"],
        target_groups=["apprentices"],
        eqf_levels=[3, 4],
        themes=["green skills"],
        year_start=2019,
    )
    make_practice(
        country="IT",
        sectors=["construction", "wood-furniture"],
        eqf_levels=[4],
        themes=["digital skills"],
        year_start=2021,
    )
    make_practice(
        country="ES",
        content_language="es",
        sectors=["food-catering"],
        target_groups=["vet-trainers"],
        eqf_levels=[3],
        themes=["green skills"],
        year_start=2021,
    )
    make_practice(country="DE", content_language="de", sectors=["construction"])


FILTER_SETS = [
    [],
    [("sector", "construction")],
    [("country", "IT"), ("eqf", "4")],
    [("theme", "green-skills")],
    [("language", "it"), ("target", "apprentices")],
    [("q", "Practice")],
    # A repeated parameter: whatever the listing makes of it, insights agrees.
    [("sector", "construction"), ("sector", "food-catering")],
    [("country", "FR")],
]


# Export record field -> the chart counting it (by label: the export names terms).
EXPORT_FIELDS = {
    "country": "country",
    "language": "language",
    "sector": "sectors",
    "theme": "themes",
    "eqf": "eqf_levels",
    "target": "target_groups",
}


def listing_counts(client, query):
    """What /practices/?<query> lists, counted from its JSON export."""
    response = client.get(f"/practices/?{query}&format=json")
    assert response.status_code == 200
    records = json.loads(response.content)["results"]
    counts = {name: {} for name in FACET_CHARTS}
    for record in records:
        for name in FACET_CHARTS:
            values = record[EXPORT_FIELDS[name]]
            for value in values if isinstance(values, list) else [values]:
                counts[name][str(value)] = counts[name].get(str(value), 0) + 1
    return len(records), counts


def insights_counts(client, query):
    response = client.get(f"/insights/?{query}")
    assert response.status_code == 200
    charts = {chart.slug: chart for chart in response.context["charts"]}
    # Terms by label (as exported), codes and levels by value.
    by_label = {"sector", "theme", "target"}
    counts = {
        name: {
            (row.label if name in by_label else row.value): row.count
            for row in charts[name].rows
            if row.count
        }
        for name in FACET_CHARTS
    }
    return response.context["total"], counts


@pytest.mark.parametrize("params", FILTER_SETS, ids=lambda p: urlencode(p) or "all")
def test_every_chart_counts_what_the_listing_counts(client, practices, params):
    query = urlencode(params)
    expected = listing_counts(client, query)
    assert insights_counts(client, query) == expected
    if not params:  # the fixture shows up: the comparison is not of empties
        assert expected[0] == 4
        assert expected[1]["sector"] == {
            "Construction": 3,
            "Wood and furniture": 1,
            "Food and catering": 1,
        }
        assert expected[1]["eqf"] == {"3": 2, "4": 2}


def test_timeline_counts_start_years_and_publication(client, practices):
    response = client.get("/insights/", {"country": "IT"})
    timeline = next(c for c in response.context["charts"] if c.slug == "timeline")
    starts = {row.label: row.count for row in timeline.rows}
    assert {year: n for year, n in starts.items() if n} == {"2019": 1, "2021": 1}
    assert starts["2020"] == 0  # the years between are on the axis
    assert sum(row.count2 for row in timeline.rows) == 2  # both published


def test_the_map_marks_the_countries_with_practices(client, practices):
    response = client.get("/insights/", {"sector": "construction"})
    _image, root = fetch_image(client, response.content.decode(), "country")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "insights-map-title insights-map-desc"
    shapes = map_shapes(root)
    assert shapes["IT"] == ("2", "country q5")
    assert shapes["DE"] == ("1", "country q3")
    assert shapes["ES"] == ("0", "country q0")  # food, not construction
    assert shapes["FR"] == ("0", "country q0")
    shaded = {code for code, (_n, css) in shapes.items() if css != "country q0"}
    assert shaded == {"IT", "DE"}


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # the project's CSV writer
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


@pytest.mark.parametrize("params", [{}, {"eqf": "3"}])
def test_csv_downloads_match_the_tables(client, practices, params):
    charts = client.get("/insights/", params).context["charts"]
    for chart in charts:
        rows = read_csv(client.get(f"/insights/{chart.slug}.csv", params))
        if chart.slug == "timeline":
            expected = [[r.label, str(r.count), str(r.count2)] for r in chart.rows]
        else:
            expected = [[r.label, r.value, str(r.count)] for r in chart.rows]
        assert rows[1:] == expected, chart.slug
        assert rows[1:], chart.slug


def test_svg_and_png_downloads(client, practices):
    for slug in ("country", "sector", "timeline"):
        svg = client.get(f"/insights/{slug}.svg", {"country": "IT"})
        assert svg.status_code == 200
        assert svg["Content-Type"].startswith("image/svg+xml")
        assert "attachment" in svg["Content-Disposition"]
        root = ET.fromstring(svg.content)
        assert root.get("role") == "img"
        assert root.find(f"{SVG}title").text
        assert not list(root.iter(f"{SVG}script"))
        assert "script-src" not in svg["Content-Security-Policy"]
        png = client.get(f"/insights/{slug}.png", {"country": "IT"})
        assert png["Content-Type"] == "image/png"
        assert png.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert client.get("/insights/nothing.svg").status_code == 404
    assert client.get("/insights/sector.pdf").status_code == 404


def test_charts_in_the_page_carry_no_inline_style_or_script(client, practices):
    html = client.get("/insights/").content.decode()
    assert "<script" not in html.split("<body", 1)[1]
    assert "<style" not in html
    assert ' style="' not in html
    assert "<svg" not in html  # each chart is an image of its own
    for slug in ("country", *FACET_CHARTS[1:], "timeline"):
        image = image_tag(html, slug)
        assert image["alt"], slug
        assert int(image["width"]) > 0 and int(image["height"]) > 0, slug
        response, root = fetch_image(client, html, slug)
        assert root.get("role") == "img"
        assert not list(root.iter(f"{SVG}script"))
        # Its own style sheet: the page's does not reach into an image.
        assert list(root.iter(f"{SVG}style")), slug
        # Drawn at the size the page reserved for it (no layout shift).
        assert (root.get("width"), root.get("height")) == (
            image["width"],
            image["height"],
        ), slug
        assert "script-src" not in response["Content-Security-Policy"]


def test_italian_page_names_terms_in_italian(client, practices):
    response = client.get("/it/insights/", {"sector": "construction"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="it">' in html
    assert "Edilizia" in html  # the sector's Italian name
    assert "Italia" in html and "Germania" in html
    assert "Approfondimenti" in html  # the page's own title


def test_invalid_filters_are_reported_and_ignored(client, practices):
    response = client.get("/insights/", {"eqf": "12", "country": "ZZ"})
    assert response.status_code == 200
    listing = client.get("/practices/", {"eqf": "12", "country": "ZZ"})
    assert response.context["filters"].ignored == listing.context["filters"].ignored
    assert [item.name for item in response.context["filters"].ignored] == [
        "country",
        "eqf",
    ]
    assert response.context["total"] == 4
    html = response.content.decode()
    assert "were not valid and were ignored" in html
    for item in listing.context["filters"].ignored:
        assert item.reason in html


def test_downloads_refuse_invalid_filters_as_the_listing_exports_do(client, practices):
    params = {"eqf": "12"}
    listing = client.get("/practices/", {**params, "format": "csv"})
    assert listing.status_code == 400
    for path in ("/insights/sector.csv", "/insights/country.svg"):
        response = client.get(path, params)
        assert response.status_code == 400
        assert response.content == listing.content


def test_filters_that_match_nothing_say_so_in_the_visitors_language(client, practices):
    # No practice from France in construction: every chart is empty, and the
    # chosen values stay on show (to be unchosen), named, not slugged.
    response = client.get("/it/insights/", {"country": "FR", "sector": "construction"})
    assert response.context["total"] == 0
    charts = {chart.slug: chart for chart in response.context["charts"]}
    for slug in ("country", "sector", "theme"):
        assert charts[slug].summary == "Nessuna pratica corrisponde a questi filtri."
    assert [row.label for row in charts["sector"].rows] == ["Edilizia"]
    html = response.content.decode()
    assert "0 su 0" not in html


def test_each_summary_says_what_its_chart_counts(client, practices):
    """A screen reader's one sentence on a chart names countries, sectors,
    levels... not "values", in the visitor's language."""
    charts = {c.slug: c for c in client.get("/insights/").context["charts"]}
    assert charts["country"].summary == (
        "3 countries; the most practices, 2 of 4, are in Italy."
    )
    assert charts["sector"].summary.startswith("3 sectors; the most practices, 3 of 4")
    assert charts["eqf"].summary.startswith("2 EQF levels;")
    assert charts["language"].summary.startswith("4 languages;")
    german = {c.slug: c for c in client.get("/de/insights/").context["charts"]}
    assert german["country"].summary == (
        "3 Länder; die meisten Praxisbeispiele, 2 von 4: Italien."
    )
