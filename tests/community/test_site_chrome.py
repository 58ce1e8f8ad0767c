"""Small things every page carries (issue 14): a favicon, a way to My practices."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_served(client, home):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][1] == 301
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_pages_declare_their_icon(client, home):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/images/favicon.svg"' in html
    assert client.get("/static/images/favicon.svg").status_code == 200


def test_my_practices_is_linked_from_the_account_menu_and_profile(client, home):
    member = get_user_model().objects.create_user("maria", password="pw-tests-1")
    client.force_login(member)
    for path in ("/", "/members/me/", "/events/"):
        html = client.get(path).content.decode()
        assert 'href="/practices/mine/"' in html, path
    client.logout()
    assert 'href="/practices/mine/"' not in client.get("/").content.decode()
