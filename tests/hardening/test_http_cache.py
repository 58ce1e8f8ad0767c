"""What every HTTP cache is told: anonymous pages are shared, personal ones never."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.fixture
def site(make_practice, make_event):
    practice = make_practice(
        "Apprentices in bakeries",
        slug="bakeries",
        summary="Bakers mentor apprentices.",
        content_language="en",
        country="IT",
    )
    return {"practice": practice, "event": make_event("rome", title="Rome")}


def public_paths(site):
    practice, event = site["practice"], site["event"]
    return [
        "/",
        "/it/",
        "/practices/",
        "/de/practices/?country=IT&sector=1",
        practice.url,
        f"/el{practice.url}",
        event.url,
        "/events/",
        "/organisations/",
        "/practices/feed/",
        "/search/?q=bakers",
    ]


@pytest.mark.django_db
def test_anonymous_pages_are_public_without_cookies(site):
    for path in public_paths(site):
        response = Client().get(path)
        assert response.status_code == 200, path
        assert not response.cookies, (path, response.cookies)
        control = response["Cache-Control"]
        assert "public" in control and "s-maxage=" in control, (path, control)
        vary = [v.strip().lower() for v in response["Vary"].split(",")]
        assert "cookie" in vary and "accept-language" not in vary, (path, vary)


@pytest.mark.django_db
def test_purged_pages_are_kept_longer_than_the_others(settings, site):
    settings.FRONT_CACHE_SECONDS = 600
    settings.FRONT_CACHE_SHORT_SECONDS = 30
    assert "s-maxage=600" in Client().get(site["practice"].url)["Cache-Control"]
    assert "s-maxage=600" in Client().get("/practices/?country=IT")["Cache-Control"]
    assert "s-maxage=30" in Client().get("/search/?q=x")["Cache-Control"]


@pytest.mark.django_db
def test_signed_in_pages_are_private_and_not_stored(settings, site, django_user_model):
    settings.PAGE_CACHE_SECONDS = 300
    member = Client()
    member.force_login(
        django_user_model.objects.create_user("m", "m@example.org", PASSWORD)
    )
    for path in public_paths(site):
        response = member.get(path)
        control = response["Cache-Control"]
        assert "private" in control and "no-store" in control, (path, control)
        assert "public" not in control
        assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_pages_with_a_form_set_the_csrf_cookie_and_are_private(site):
    for url in (
        reverse("account_login"),
        reverse("events:register", kwargs={"slug": site["event"].slug}),
    ):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert "csrftoken" in response.cookies, url
        assert "no-store" in response["Cache-Control"], url


@pytest.mark.django_db
def test_a_refused_form_is_kept_by_the_browser_alone_for_back(site, make_user):
    """A refused form's page (what was typed, what to fix) is private and
    revalidated but not no-store: Back returns to it from the browser's cache
    instead of Chromium's "Confirm Form Resubmission" (tests/e2e has the
    browser); a form that succeeded redirects, and its GET pages stay no-store."""
    member = Client()
    member.force_login(make_user(email="form@example.org"))
    for client, url in (
        (Client(), reverse("events:register", kwargs={"slug": site["event"].slug})),
        (member, "/practices/submit/"),
        (member, "/de/practices/submit/"),
    ):
        response = client.post(url, {"title": "Typed title", "name": "Typed title"})
        assert response.status_code in (200, 400), url
        assert "Typed title" in response.content.decode(), url
        control = response["Cache-Control"]
        assert "private" in control and "no-cache" in control, (url, control)
        assert "no-store" not in control and "public" not in control, (url, control)
        assert "no-store" in client.get(url)["Cache-Control"], url


@pytest.mark.django_db
def test_a_page_showing_a_message_is_private(site):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest

    # A visitor arriving with a flash message (cookie storage), as after a form.
    storage = CookieStorage(HttpRequest())
    encoded = storage._encode([Message(constants.INFO, "Registration received")])
    visitor = Client()
    visitor.cookies["messages"] = encoded
    response = visitor.get(site["practice"].url)
    assert "Registration received" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


@pytest.mark.django_db
def test_the_admin_and_health_are_never_cached(site):
    for path in ("/healthz", reverse("wagtailadmin_login")):
        control = Client().get(path).get("Cache-Control", "")
        assert "public" not in control and "no-store" in control, (path, control)


@pytest.mark.django_db
def test_a_hanging_proxy_does_not_hold_up_a_publish(
    settings, site, django_capture_on_commit_callbacks
):
    import socket
    import time

    # A proxy that accepts the connection and never answers.
    hanging = socket.socket()
    hanging.bind(("127.0.0.1", 0))
    hanging.listen(8)
    port = hanging.getsockname()[1]
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "vetnet.frontcache.PurgeBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
            "TIMEOUT": 0.5,
        }
    }
    practice = site["practice"]
    practice.title = "Apprentices in pastry shops"
    started = time.monotonic()
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            practice.save_revision().publish()
    finally:
        hanging.close()
    assert callbacks  # the purge was attempted after the commit...
    assert time.monotonic() - started < 5  # ...and gave up after its timeout
    assert "Apprentices in pastry shops" in Client().get(practice.url).content.decode()
