"""Every e-mail and absolute URL names the site by SITE_URL and its name, never
the host a request happened to use (here the test client's "testserver")."""

import pytest
from django.conf import settings
from django.core import mail
from wagtail.models import Site

from community.demo import sync_default_site
from tests.community.test_accounts import LINK, sign_up

pytestmark = pytest.mark.django_db


def test_signup_email_speaks_for_the_site(client, home):
    sign_up(client)
    (message,) = mail.outbox
    assert "Hello from VET NET Community!" in message.body
    assert "testserver" not in message.body
    assert all(
        link.startswith(f"{settings.SITE_URL}/accounts/")
        for link in LINK.findall(message.body)
    )


def test_signup_email_from_an_italian_page_keeps_the_prefix(client, home):
    client.post(
        "/it/accounts/signup/",
        {
            "first_name": "Ana",
            "last_name": "Rossi",
            "email": "ana@example.org",
            "password1": "a-long-pass-phrase-9",
            "password2": "a-long-pass-phrase-9",
        },
    )
    (message,) = mail.outbox
    links = LINK.findall(message.body)
    assert links and all(
        link.startswith(f"{settings.SITE_URL}/it/accounts/") for link in links
    )


def test_password_reset_link_is_on_site_url(client, home, member):
    client.post("/accounts/password/reset/", {"email": member.email})
    (message,) = mail.outbox
    (link,) = LINK.findall(message.body)
    assert link.startswith(f"{settings.SITE_URL}/accounts/password/reset/key/")


def test_api_html_url_is_on_site_url(client, home):
    items = client.get("/api/v2/pages/").json()["items"]
    assert items
    for item in items:
        assert item["meta"]["html_url"].startswith(settings.SITE_URL + "/")


def test_default_site_follows_site_url_after_migrate(home, settings):
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    settings.SITE_URL = "https://community.example.eu"
    sync_default_site()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("community.example.eu", 443)
    assert home.full_url == "https://community.example.eu/"
