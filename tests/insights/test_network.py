"""The network in figures: organisations and public members by country, room and
thread activity by month; counts only, hidden and private things left out."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from community.models import MemberProfile, Organisation
from forums.models import Message, Post, Room, Thread

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
    html = response.content.decode()
    assert 'data-country="IT" data-count="2"' in html
    assert 'data-country="ES" data-count="1"' in html
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
