"""The network in figures: organisations and public members by country, room and
thread activity by month; counts only, hidden and private things left out."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from community.models import MemberProfile, Organisation
from forums.models import Message, Post, Room, Thread
from tests.insights.images import SVG, fetch_image, image_tag, map_shapes

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200
    text = response.content.decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))[1:]


@pytest.fixture
def network(db):
    for n, country in enumerate(["IT", "IT", "ES"]):
        Organisation.objects.create(
            name=f"Org {n}", slug=f"org-{n}", kind="vet_provider", country=country
        )
    users = get_user_model().objects
    anna = users.create_user("anna", "anna@example.org", "pw-for-tests-1")
    bruno = users.create_user("bruno", "bruno@example.org", "pw-for-tests-1")
    for user, country, public in ((anna, "GR", True), (bruno, "DE", False)):
        MemberProfile.objects.update_or_create(
            user=user, defaults={"country": country, "is_public": public}
        )
    room = Room.objects.create(name="Apprenticeships", slug="apprenticeships")
    Message.objects.create(room=room, author=anna, text="hello")
    Message.objects.create(
        room=room, author=anna, text="hidden", hidden_at=timezone.now()
    )
    thread = Thread.objects.create(title="Dual VET", slug="dual-vet", author=anna)
    Post.objects.create(thread=thread, author=anna, body="first")


def test_counts_by_country_and_month(client, network):
    response = client.get("/insights/network/")
    assert response.status_code == 200
    _image, root = fetch_image(client, response.content.decode(), "organisations")
    shapes = map_shapes(root)
    assert shapes["IT"] == ("2", "country q5")
    assert shapes["ES"] == ("1", "country q3")
    assert rows(client.get("/insights/network/organisations.csv")) == [
        ["Italy", "IT", "2"],
        ["Spain", "ES", "1"],
    ]
    # Only public profiles are counted.
    assert rows(client.get("/insights/network/members.csv")) == [["Greece", "GR", "1"]]
    month = timezone.now().strftime("%Y-%m")
    activity = rows(client.get("/insights/network/activity.csv"))
    assert activity[-1] == [month, "1", "1"]  # the hidden message is not counted
    assert len(activity) == 24


def test_network_downloads_and_italian(client, network):
    assert client.get("/insights/network/activity.png").content.startswith(b"\x89PNG")
    assert client.get("/insights/network/nothing.csv").status_code == 404
    html = client.get("/it/insights/network/").content.decode()
    assert "Italia" in html


def test_charts_are_images_as_on_the_insights_page(client, network):
    """As /insights/: no drawing in the page (its CSP allows no inline style);
    each chart an <img> of /insights/image/<version>/network-<chart>.svg with
    alt text and its size, beside its summary and data table."""
    html = client.get("/insights/network/").content.decode()
    assert "<svg" not in html and ' style="' not in html
    for slug in ("organisations", "members", "activity"):
        image = image_tag(html, slug)
        assert image["src"].startswith("/insights/image/"), image["src"]
        assert image["src"].endswith(f"/network-{slug}.svg")
        assert image["alt"]
        assert f'<table data-chart="{slug}">' in html
        response, root = fetch_image(client, html, slug)
        assert root.get("role") == "img"
        assert list(root.iter(f"{SVG}style")) and not list(root.iter(f"{SVG}script"))
        assert (root.get("width"), root.get("height")) == (
            image["width"],
            image["height"],
        ), slug
        # Rooms and threads move without a publish: kept as briefly as the page.
        assert "immutable" not in response["Cache-Control"]
        assert "s-maxage" in response["Cache-Control"]
    assert image_tag(html, "organisations")["class"] == "insights-map"
    assert image_tag(html, "members")["class"] == "insights-chart"
    assert client.get("/insights/image/1/network-nothing.svg").status_code in (302, 404)


def _hover_titles(client, prefix):
    html = client.get(f"{prefix}/insights/network/").content.decode()
    _image, root = fetch_image(client, html, "organisations")
    return {
        path.get("data-country"): path.find(f"{SVG}title").text
        for path in root.iter(f"{SVG}path")
        if path.get("data-country") in ("IT", "ES")
    }


def test_the_map_counts_organisations_in_its_hover_titles(client, network):
    """A country's title on the network map names what is counted there: its
    organisations (singular and plural), not practices; in each language."""
    assert _hover_titles(client, "") == {
        "IT": "Italy: 2 organisations",
        "ES": "Spain: 1 organisation",
    }
    assert _hover_titles(client, "/it") == {
        "IT": "Italia: 2 organizzazioni",
        "ES": "Spagna: 1 organizzazione",
    }


def test_the_summaries_count_organisations_and_members_not_practices(client, network):
    context = client.get("/insights/network/").context
    charts = {c.slug: c for c in [context["map_chart"], *context["charts"]]}
    assert charts["organisations"].summary == (
        "2 countries; the most organisations, 2 of 3, are in Italy."
    )
    assert charts["members"].summary == (
        "1 country; the most members, 1 of 1, are in Greece."
    )
