"""Filters that cannot be valid are named, never silently dropped (issue 14).

`/practices/?eqf=1'--&country=ZZ&page=999999` showed every practice with no word
about the values it ignored or the page it could not show, and an export with
invalid filters exported everything.
"""

import html as html_lib
import json
import re

import pytest

pytestmark = pytest.mark.django_db

HOSTILE = "/practices/?eqf=1'--&country=ZZ&page=999999"


@pytest.fixture
def three(make_practice):
    return [make_practice(f"Practice {n}", country="IT") for n in range(3)]


def notices(response):
    """The text of the page's notices, tags dropped."""
    text = response.content.decode()
    blocks = re.findall(
        r'<div class="notice".*?</div>|<p class="notice".*?</p>', text, re.S
    )
    return [html_lib.unescape(re.sub(r"<[^>]+>", " ", block)) for block in blocks]


def test_the_notice_names_each_ignored_value_and_the_clamped_page(client, three):
    response = client.get(HOSTILE)
    assert response.status_code == 200
    assert len(response.context["practices"]) == 3
    shown = " ".join(notices(response))
    assert "eqf “1'--”" in shown and "EQF levels are 1 to 8" in shown
    assert "country “ZZ”" in shown and "not a country code" in shown
    assert "There is no page 999999" in shown
    assert response.context["page_info"].number == 1


def test_a_malformed_page_and_sort_are_named_too(client, three):
    shown = " ".join(notices(client.get("/practices/?page=abc&sort=cheapest")))
    assert "page “abc”" in shown and "sort “cheapest”" in shown


def test_valid_filters_show_no_notice(client, three):
    assert notices(client.get("/practices/?eqf=3&country=IT&page=1")) == []


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_with_invalid_filters_answers_400_with_the_reason(client, three, fmt):
    response = client.get(f"/practices/?eqf=1'--&country=ZZ&format={fmt}")
    assert response.status_code == 400
    body = response.content.decode()
    if fmt == "json":
        invalid = {item["param"]: item for item in json.loads(body)["invalid"]}
        assert invalid["eqf"]["value"] == "1'--"
        assert invalid["country"]["reason"] == "not a country code"
    else:
        assert "nothing was exported" in body and "country “ZZ”" in body


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_with_valid_filters_still_works(client, three, fmt):
    response = client.get(f"/practices/?country=IT&format={fmt}")
    assert response.status_code == 200
    assert "Practice 2" in response.content.decode()
