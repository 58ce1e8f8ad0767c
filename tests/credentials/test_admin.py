"""Revoking a credential from the Wagtail admin."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.postgres


@pytest.fixture
def admin_client(client, home):
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    return client


def test_the_admin_lists_and_revokes_credentials(admin_client, issue, learner):
    credential = issue(learner)

    listing = admin_client.get("/admin/credentials/?q=Rossi").content.decode()
    assert "Giulia Rossi" in listing
    nobody = admin_client.get("/admin/credentials/?q=Nobody").content.decode()
    assert "Giulia Rossi" not in nobody

    response = admin_client.post(
        f"/admin/credentials/{credential.pk}/revoke/", {"reason": "Quiz answers copied"}
    )

    assert response.status_code == 302
    credential.refresh_from_db()
    assert credential.is_revoked
    assert credential.revocation_reason == "Quiz answers copied"


def test_a_reason_is_required(admin_client, issue, learner):
    credential = issue(learner)

    admin_client.post(f"/admin/credentials/{credential.pk}/revoke/", {"reason": " "})

    credential.refresh_from_db()
    assert not credential.is_revoked


def test_members_cannot_revoke(client, issue, learner, make_user):
    credential = issue(learner)
    client.force_login(UserFactory(username="editor", is_staff=True))

    assert client.get("/admin/credentials/").status_code in (302, 403)
    response = client.post(
        f"/admin/credentials/{credential.pk}/revoke/", {"reason": "Because"}
    )

    assert response.status_code in (302, 403)
    credential.refresh_from_db()
    assert not credential.is_revoked
