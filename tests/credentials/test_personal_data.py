"""A member's credentials in their data export, and gone with their account."""

import json

import pytest

from credentials.models import Credential

pytestmark = pytest.mark.postgres


def test_the_data_export_lists_the_credentials(client, issue, learner):
    credential = issue(learner)
    client.force_login(learner)

    data = json.loads(client.get("/members/me/export.json").content)

    [exported] = data["credentials"]
    assert exported["badge"] == "e-Leadership for VET trainers"
    assert exported["recipient_name"] == "Giulia Rossi"
    assert exported["verification_url"].endswith(
        f"/it/credentials/{credential.public_id}/"
    )
    assert exported["revoked_at"] is None


def test_deleting_the_account_takes_the_public_pages_down(client, issue, learner):
    credential = issue(learner)
    page = credential.get_absolute_url()
    assert client.get(page).status_code == 200
    client.force_login(learner)

    assert client.post("/members/me/delete/", {"confirm": "on"}).status_code == 302

    assert not Credential.objects.filter(pk=credential.pk).exists()
    assert client.get(page).status_code == 404
    assert client.get(credential.assertion_url).status_code == 404


@pytest.mark.parametrize(
    "prefix, words",
    [
        ("", ["credentials (certificates and badges", "counselling bookings"]),
        ("/it", ["credenziali (certificati e badge", "prenotazioni di consulenza"]),
    ],
)
def test_the_deletion_page_says_the_credentials_go_with_the_account(
    client, learner, prefix, words
):
    """What the deletion takes away is said before the member confirms it."""
    client.force_login(learner)

    page = client.get(f"{prefix}/members/me/delete/").content.decode()

    for word in words:
        assert word in page
