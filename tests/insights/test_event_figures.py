"""An event's registrations by country and organisation type: for the event's
organisers (those who may export its registrants) only; chart, table and CSV
agree, cancelled registrations are not counted."""

import csv
import io

import pytest

from insights.services.images import current_version
from tests.factories import RegistrationFactory, UserFactory
from tests.insights.images import fetch_image, image_tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(make_event):
    event = make_event("rome-workshop", capacity=10)
    for country, role, status in (
        ("IT", "trainer", "confirmed"),
        ("IT", "association", "confirmed"),
        ("IT", "trainer", "waitlisted"),
        ("ES", "trainer", "confirmed"),
        ("GR", "policymaker", "cancelled"),
    ):
        RegistrationFactory(event=event, country=country, role=role, status=status)
    return event


@pytest.fixture
def organiser(home):
    return UserFactory(username="org", groups=["Organisers"])


def csv_rows(response):
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


def test_organisers_see_registrations_by_country_and_type(client, event, organiser):
    client.force_login(organiser)
    response = client.get("/insights/events/rome-workshop/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    charts = {chart.slug: chart for chart in response.context["charts"]}
    assert [(r.label, r.count) for r in charts["countries"].rows] == [
        ("Italy", 3),
        ("Spain", 1),
    ]
    types = [(r.value, r.count) for r in charts["types"].rows]
    assert types == [("trainer", 3), ("association", 1)]
    html = response.content.decode()
    # Each chart is an image, as on /insights/, not a drawing in the page (the
    # signed-in page's only <svg> are Wagtail's userbar icons).
    assert 'aria-labelledby="chart-' not in html
    image = image_tag(html, "countries")
    assert image["alt"] == "Registrations by country"
    drawn, root = fetch_image(client, html, "countries")
    assert root.get("role") == "img"
    assert b"Italy" in drawn.content and b"Greece" not in drawn.content
    assert "private" in drawn["Cache-Control"] and "no-store" in drawn["Cache-Control"]
    assert "4 active registrations; the most, 3, from Italy." in html
    assert "Greece" not in html  # the only Greek registration was cancelled
    csv_countries = csv_rows(client.get("/insights/events/rome-workshop/countries.csv"))
    assert csv_countries[1:] == [["Italy", "IT", "3"], ["Spain", "ES", "1"]]
    csv_types = csv_rows(client.get("/insights/events/rome-workshop/types.csv"))
    assert [row[1:] for row in csv_types[1:]] == [
        ["trainer", "3"],
        ["association", "1"],
    ]
    png = client.get("/insights/events/rome-workshop/types.png")
    assert png.content.startswith(b"\x89PNG")
    svg = client.get("/insights/events/rome-workshop/countries.svg")
    assert b"<script" not in svg.content and b"Italy" in svg.content
    assert client.get("/insights/events/rome-workshop/other.csv").status_code == 404
    assert client.get("/insights/events/nowhere/").status_code == 404


def test_the_organiser_tools_link_to_the_figures(client, event, organiser):
    client.force_login(organiser)
    admin = client.get(f"/admin/event-registrations/{event.pk}/")
    assert admin.status_code == 200
    assert 'href="/insights/events/rome-workshop/"' in admin.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/insights/events/rome-workshop/",
        "/insights/events/rome-workshop/countries.csv",
        "/insights/events/rome-workshop/types.svg",
        "/insights/events/rome-workshop/image/{version}/types.svg",
    ],
)
def test_others_are_refused(client, event, make_user, path):
    path = path.format(version=current_version())
    anonymous = client.get(path)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    client.force_login(make_user("member@example.org"))
    assert client.get(path).status_code == 403
    # Staff (superusers) may, as for registrations.csv.
    client.force_login(UserFactory(username="boss", is_superuser=True, is_staff=True))
    assert client.get(path).status_code == 200


def test_a_registration_shows_in_the_image_at_once(client, event, organiser):
    """Live counts: the organiser's next look shows the new registration, in the
    table and in the image (an old version's image URL leads to the current)."""
    client.force_login(organiser)
    html = client.get("/insights/events/rome-workshop/").content.decode()
    old = image_tag(html, "countries")["src"]
    RegistrationFactory(event=event, country="GR", status="confirmed")
    html = client.get("/insights/events/rome-workshop/").content.decode()
    assert "Greece" in html
    drawn, _root = fetch_image(client, html, "countries")
    assert b"Greece" in drawn.content
    moved = client.get(old)
    if image_tag(html, "countries")["src"] != old:
        assert moved.status_code == 302
        assert moved["Location"] == image_tag(html, "countries")["src"]
    else:
        assert b"Greece" in moved.content
