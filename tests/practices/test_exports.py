"""CSV / JSON exports of the filtered set, the Atom feed and the API."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def practices(make_practice, organisation):
    return [
        make_practice(
            "Πράσινες δεξιότητες για τεχνίτες",
            content_language="el",
            country="GR",
            sectors=["construction"],
            eqf_levels=[4],
            themes=["green skills"],
            summary="Εκπαίδευση τεχνιτών σε ενεργειακές αναβαθμίσεις.",
        ),
        make_practice(
            "Aprenentatge dual a la pastisseria",
            content_language="ca",
            country="ES",
            sectors=["food-catering"],
            target_groups=["apprentices"],
            eqf_levels=[3, 4],
            themes=["apprenticeship"],
            summary="Formació dual amb obradors artesans de Girona.",
            organisation=organisation,
            funding_programme="Erasmus+ KA2",
            year_start=2020,
            year_end=2022,
        ),
        make_practice('=HYPERLINK("http://evil")', country="DE", eqf_levels=[5]),
    ]


def test_csv_export_has_a_bom_and_the_filtered_rows(client, practices):
    response = client.get("/practices/?eqf=4&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark for Excel
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert sorted(row["Title"] for row in rows) == sorted(
        ["Πράσινες δεξιότητες για τεχνίτες", "Aprenentatge dual a la pastisseria"]
    )
    # Languages and countries by name, as a reader of the file expects.
    catalan = next(row for row in rows if row["Language"] == "Catalan")
    assert catalan["Country"] == "Spain"
    assert catalan["Organisation"] == "Accademia dei Mestieri"
    assert catalan["Sectors"] == "Food and catering"
    assert catalan["EQF levels"] == "3; 4"
    assert catalan["Funding programme"] == "Erasmus+ KA2"
    assert catalan["Summary"] == "Formació dual amb obradors artesans de Girona."
    # Issue 14: absolute URLs are on SITE_URL, whatever host the request used.
    assert catalan["URL"] == f"{settings.SITE_URL}/practices/{practices[1].slug}/"


def test_csv_neutralises_spreadsheet_formulas(client, practices):
    rows = list(
        csv.reader(
            io.StringIO(client.get("/practices/?eqf=5&format=csv").content.decode())
        )
    )
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'


def test_csv_neutralises_formulas_in_list_columns(client, make_practice):
    # Themes are free text typed by members; a list column is a cell like any other.
    make_practice(
        "Harmless title",
        eqf_levels=[6],
        themes=['=HYPERLINK("http://evil")', "@SUM(A1)"],
    )
    raw = client.get("/practices/?eqf=6&format=csv").content.decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(raw)))
    assert row["Title"] == "Harmless title"
    assert row["Themes"][:1] == "'"
    assert row["Themes"][1:2] in ("=", "@")


def csv_rows(client, url):
    return list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))


def test_csv_headers_are_in_the_visitors_language_and_json_keys_stay(client, practices):
    english = csv_rows(client, "/practices/?eqf=4&format=csv")
    italian = csv_rows(client, "/it/practices/?eqf=4&format=csv")
    greek = csv_rows(client, "/el/practices/?eqf=4&format=csv")
    assert english[0][:5] == ["Title", "URL", "Language", "Country", "Organisation"]
    assert italian[0][:5] == ["Titolo", "URL", "Lingua", "Paese", "Organizzazione"]
    assert greek[0][0] == "Τίτλος" and greek[0][8] == "Θέματα"
    # The same columns in the same order, whatever the language.
    assert len(english[0]) == len(italian[0]) == len(greek[0]) == 16
    assert sorted(row[0] for row in italian[1:]) == sorted(
        row[0] for row in english[1:]
    )
    # The values a person reads follow the language too; the codes stay in JSON.
    assert ["Catalano", "Spagna"] in [row[2:4] for row in italian[1:]]
    # A program reads ?format=json: its keys do not follow the language.
    [record] = json.loads(client.get("/it/practices/?language=el&format=json").content)[
        "results"
    ]
    assert list(record)[:4] == ["title", "url", "language", "country"]


def test_json_export_of_the_filtered_set(client, practices):
    response = client.get("/practices/?language=el&format=json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    payload = json.loads(response.content)
    assert payload["count"] == 1
    # Each filter as a list: several values of one may be chosen.
    assert payload["filters"] == {"language": ["el"]}
    [record] = payload["results"]
    assert record["title"] == "Πράσινες δεξιότητες για τεχνίτες"
    assert record["country"] == "GR"
    assert record["sectors"] == ["Construction"]
    assert record["eqf_levels"] == [4]
    assert record["themes"] == ["green skills"]
    # Exports ignore pagination: every matching practice is included.
    assert (
        json.loads(client.get("/practices/?page=2&format=json").content)["count"] == 3
    )


def test_atom_feed_is_filterable(client, practices):
    response = client.get("/practices/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]
    assert len(titles) == 3
    assert titles[0] == '=HYPERLINK("http://evil")'  # newest first

    filtered = ET.fromstring(
        client.get("/practices/feed/?theme=apprenticeship").content
    )
    entries = list(filtered.iter(f"{ATOM}entry"))
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "Aprenentatge dual a la pastisseria"
    ]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == f"{settings.SITE_URL}/practices/{practices[1].slug}/"
    assert client.get(link.replace(settings.SITE_URL, "")).status_code == 200


def test_listing_links_to_exports_and_feed_of_the_same_view(client, practices):
    html = client.get("/practices/?country=ES").content.decode()
    assert 'href="?country=ES&amp;format=csv"' in html
    assert 'href="?country=ES&amp;format=json"' in html
    assert 'href="/practices/feed/?country=ES"' in html


def test_api_exposes_practices_with_their_taxonomy(client, practices):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "practices.PracticePage",
            "fields": "content_language,country,organisation,sectors,"
            "target_groups,eqf_levels,themes,funding_programme,summary",
            "order": "title",
        },
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items][0] == '=HYPERLINK("http://evil")'
    catalan = next(item for item in items if item["content_language"] == "ca")
    assert catalan["country"] == "ES"
    assert catalan["organisation"] == "accademia"
    assert catalan["sectors"] == ["food-catering"]
    assert catalan["target_groups"] == ["apprentices"]
    assert catalan["eqf_levels"] == [3, 4]
    assert catalan["themes"] == ["apprenticeship"]
    assert catalan["meta"]["locale"] == "ca"

    detail = client.get(f"/api/v2/pages/{practices[0].pk}/").json()
    assert detail["summary"] == "Εκπαίδευση τεχνιτών σε ενεργειακές αναβαθμίσεις."
    assert detail["sectors"] == ["construction"]


def test_api_does_not_expose_drafts(client, make_practice):
    make_practice("Secret draft", publish=False)
    response = client.get("/api/v2/pages/", {"type": "practices.PracticePage"})
    assert response.json()["meta"]["total_count"] == 0


def test_api_filters_practices_by_language_and_country(client, practices):
    response = client.get(
        "/api/v2/pages/",
        {"type": "practices.PracticePage", "content_language": "el", "fields": "*"},
    )
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Πράσινες δεξιότητες για τεχνίτες"]
    assert items[0]["eqf_levels"] == [4]
    response = client.get(
        "/api/v2/pages/", {"type": "practices.PracticePage", "country": "ES"}
    )
    assert [item["title"] for item in response.json()["items"]] == [
        "Aprenentatge dual a la pastisseria"
    ]
