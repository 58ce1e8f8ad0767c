"""Several values of one facet on /practices/: OR within a facet, AND across
facets; counts that show what another value would add; permalinks, chips,
exports and the feed that follow the same choice (issue 15)."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from tests.factories import TargetGroupFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def titles(response):
    return sorted(practice.title for practice in response.context["practices"])


def facet(response, param):
    return {option.value: option.count for option in response.context["facets"][param]}


BOTTEGA, GREEN, PASTISSERIA = (
    "Bottega apprenticeship",
    "Πράσινες δεξιότητες για τεχνίτες",
    "Aprenentatge dual a la pastisseria",
)


def test_values_of_one_facet_add_up_and_facets_narrow_each_other(client, repository):
    either = client.get("/practices/?sector=construction&sector=food-catering")
    assert titles(either) == sorted([GREEN, PASTISSERIA])
    assert either.context["total"] == 2
    both = client.get("/practices/?sector=construction&sector=food-catering&eqf=3")
    assert titles(both) == [PASTISSERIA]
    countries = client.get(
        "/practices/?country=IT&country=GR&theme=apprenticeship", follow=True
    )
    assert titles(countries) == [BOTTEGA]


def test_a_facet_counts_as_if_its_own_choice_were_not_made(client, repository):
    response = client.get("/practices/?sector=construction&eqf=4")
    assert titles(response) == [GREEN]
    # Sectors counted under eqf=4 only: the other sector a click would add.
    assert facet(response, "sector") == {"construction": 1, "wood-furniture": 1}
    # EQF levels counted under sector=construction only.
    assert facet(response, "eqf") == {4: 1, 5: 1}
    # Facets nothing is chosen in count the filtered set.
    assert facet(response, "country") == {"GR": 1}
    assert facet(response, "language") == {"el": 1}
    # Countries and languages chosen: counted apart too, the total still exact.
    response = client.get("/practices/?country=GR&language=it&language=el", follow=True)
    assert response.context["total"] == 1
    assert facet(response, "country") == {"GR": 1, "IT": 1}
    # (a chosen language stays on show, even where it counts nothing)
    assert facet(response, "language") == {"el": 1, "it": 0}


def test_checkboxes_in_fieldsets_submit_without_javascript(client, repository):
    html = client.get("/practices/?sector=construction&q=a").content.decode()
    assert "<fieldset" in html and "<legend>Sector</legend>" in html
    assert 'type="checkbox" name="sector" value="construction"' in html
    box = 'type="checkbox" name="sector" value="{}"'
    checked = html[html.index(box.format("construction")) :].split(">", 1)[0]
    assert "checked" in checked
    unchecked = html[html.index(box.format("wood-furniture")) :].split(">", 1)[0]
    assert "checked" not in unchecked
    # The form keeps the text query; submitting it is an ordinary GET.
    form = html[html.index('class="facet-form"') :]
    form = form[: form.index("</form>")]
    assert '<input type="hidden" name="q" value="a">' in form
    assert 'type="submit"' in form
    # What a browser without JavaScript sends when two boxes are ticked:
    submitted = client.get(
        "/practices/", {"q": "a", "sector": ["construction", "food-catering"]}
    )
    assert titles(submitted) == sorted([GREEN, PASTISSERIA])


def test_option_links_and_chips_are_canonical_permalinks(client, repository):
    response = client.get(
        "/practices/?eqf=4&sector=wood-furniture&sector=construction", follow=True
    )
    options = {o.value: o for o in response.context["facets"]["sector"]}
    # Adding and removing a value: other parameters kept, values in order.
    assert options["construction"].querystring == "?sector=wood-furniture&eqf=4"
    levels = {o.value: o for o in response.context["facets"]["eqf"]}
    assert levels[3].querystring == (
        "?sector=construction&sector=wood-furniture&eqf=3&eqf=4"
    )
    chips = {chip.label: chip.querystring for chip in response.context["chips"]}
    assert chips == {
        "Construction": "?sector=wood-furniture&eqf=4",
        "Wood and furniture": "?sector=construction&eqf=4",
        "EQF 4": "?sector=construction&sector=wood-furniture",
    }
    html = response.content.decode()
    assert 'href="?sector=wood-furniture&amp;eqf=4"' in html
    assert "Remove filter:" in html
    # The same choice written in another order is the same view.
    again = client.get("/practices/?sector=construction&eqf=4&sector=wood-furniture")
    assert titles(again) == titles(response)
    assert again.context["filters"].querystring() == (
        response.context["filters"].querystring()
    )
    # A chosen value that matches nothing any more stays, to be unchosen.
    empty = client.get("/practices/?sector=construction&country=IT")
    assert empty.context["total"] == 0
    chosen = [o for o in empty.context["facets"]["country"] if o.selected]
    assert [(o.value, o.count) for o in chosen] == [("IT", 0)]


def test_exports_and_feed_follow_the_same_choice(client, repository):
    query = "sector=construction&sector=food-catering"
    html = client.get(f"/practices/?{query}").content.decode()
    assert f'href="?{query.replace("&", "&amp;")}&amp;format=csv"' in html
    assert f'href="/practices/feed/?{query.replace("&", "&amp;")}"' in html

    payload = json.loads(client.get(f"/practices/?{query}&format=json").content)
    assert sorted(r["title"] for r in payload["results"]) == sorted(
        [GREEN, PASTISSERIA]
    )
    assert payload["filters"] == {"sector": ["construction", "food-catering"]}
    raw = client.get(f"/practices/?{query}&eqf=3&format=csv").content
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["Title"] for row in rows] == [PASTISSERIA]
    feed = ET.fromstring(client.get(f"/practices/feed/?{query}").content)
    assert sorted(e.find(f"{ATOM}title").text for e in feed.iter(f"{ATOM}entry")) == (
        sorted([GREEN, PASTISSERIA])
    )
    # An invalid value among valid ones: the export refuses, naming it.
    refused = client.get(f"/practices/?{query}&country=ZZ&format=json")
    assert refused.status_code == 400


def test_insights_chart_the_same_choice(client, repository):
    response = client.get("/insights/?sector=construction&sector=food-catering")
    assert response.context["total"] == 2
    charts = {chart.slug: chart for chart in response.context["charts"]}
    assert {row.value: row.count for row in charts["country"].rows if row.count} == {
        "GR": 1,
        "ES": 1,
    }


def test_a_chosen_term_that_matches_nothing_keeps_its_name(client, repository):
    # Nothing Italian in food and catering: the chosen sector and target group
    # stay on show, to be unchosen, under their names in the page's language.
    TargetGroupFactory(slug="apprentices")
    response = client.get(
        "/it/practices/",
        {"country": "IT", "sector": "food-catering", "target": "apprentices"},
    )
    assert response.context["total"] == 0
    chips = [chip.label for chip in response.context["chips"]]
    assert chips == ["Italia", "Alimentare", "Apprendisti"]
    sectors = [o.label for o in response.context["facets"]["sector"] if o.selected]
    assert sectors == ["Alimentare"]
