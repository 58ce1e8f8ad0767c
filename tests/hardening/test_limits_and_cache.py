"""Rate limits, upload checks, the anonymous page cache and the filter indexes."""

import io
import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from PIL import Image

from tests.factories import PASSWORD

# --- rate limits --------------------------------------------------------------------------


@pytest.mark.django_db
def test_registration_posts_are_limited_per_address(settings, home):
    settings.REGISTRATION_RATE_LIMIT = "3/m"
    client = Client()
    url = reverse("events:register", kwargs={"slug": "no-such-event"})
    answers = [
        client.post(url, {"email": f"p{i}@example.org"}).status_code for i in range(5)
    ]
    assert 429 not in answers[:3]
    assert answers[3:] == [429, 429]
    refused = client.post(url, {"email": "late@example.org"})
    assert "Too many attempts" in refused.content.decode()
    assert refused["Retry-After"] == "60"


@pytest.mark.django_db
def test_new_threads_are_limited_per_address(settings, home):
    settings.FORUM_POST_RATE_LIMIT = "2/m"
    client = Client()
    url = reverse("forums:thread_new")
    answers = [
        client.post(url, {"title": "t", "body": "b"}).status_code for _ in range(3)
    ]
    assert answers[-1] == 429 and 429 not in answers[:2]


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_even_for_the_right_password(home):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        "locked", "locked@example.org", PASSWORD
    )
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    client = Client()
    url = reverse("account_login")
    for _ in range(5):
        client.post(url, {"login": "locked@example.org", "password": "wrong-password"})
    response = client.post(url, {"login": "locked@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
    assert "Too many" in response.content.decode()


@pytest.mark.django_db
def test_sign_up_is_limited_per_address(settings, home):
    client = Client()
    url = reverse("account_signup")
    statuses = []
    for i in range(7):
        response = client.post(
            url,
            {
                "email": f"new{i}@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        statuses.append(response.status_code)
    assert 429 in statuses  # ACCOUNT_SIGNUP_RATE_LIMIT, 5 per hour per address


# --- uploads in the admin ----------------------------------------------------------------------


def png_bytes():
    buffer = io.BytesIO()
    # A picture no other test uploaded (Wagtail spots duplicates by content).
    Image.new("RGB", (7, 5), tuple(os.urandom(3))).save(buffer, "PNG")
    return buffer.getvalue()


def upload_fields():
    from wagtail.models import Collection

    # The collection field appears once there is more than one collection.
    return {"title": "Upload", "collection": Collection.get_first_root_node().pk}


@pytest.fixture
def editor_client(db, django_user_model):
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", PASSWORD
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content",
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("photo.png", b"<html><script>alert(1)</script></html>"),  # not a PNG inside
    ],
)
def test_admin_image_upload_checks_the_content(editor_client, name, content):
    from wagtail.images import get_image_model

    response = editor_client.post(
        reverse("wagtailimages:add"),
        {**upload_fields(), "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200  # the form again, with an error
    assert not get_image_model().objects.filter(title="Upload").exists()


@pytest.mark.django_db
def test_admin_image_upload_accepts_a_real_png(editor_client):
    from wagtail.images import get_image_model

    response = editor_client.post(
        reverse("wagtailimages:add"),
        {**upload_fields(), "file": SimpleUploadedFile("red.png", png_bytes())},
    )
    errors = re.findall(r'class="error-message"[^>]*>(.*?)<', response.content.decode())
    assert get_image_model().objects.filter(title="Upload").count() == 1, (
        response.status_code,
        errors,
    )


# --- anonymous page cache ---------------------------------------------------------------------


@pytest.fixture
def practice(make_practice):
    return make_practice(
        "Mentoring apprentices in bakeries",
        slug="mentoring-bakeries",
        summary="Bakers mentor apprentices.",
    )


@pytest.mark.django_db
def test_practice_pages_are_cached_for_anonymous_visitors_until_a_publish(
    settings, practice
):
    settings.PAGE_CACHE_SECONDS = 300
    url = practice.url
    first, second = Client().get(url), Client().get(url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert "Mentoring apprentices in bakeries" in second.content.decode()

    practice.title = "Mentoring apprentices in pastry shops"
    practice.save_revision().publish()
    after = Client().get(url)
    assert after["X-Page-Cache"] == "miss"
    assert "Mentoring apprentices in pastry shops" in after.content.decode()


@pytest.mark.django_db
def test_cache_is_skipped_for_signed_in_members(settings, practice, django_user_model):
    settings.PAGE_CACHE_SECONDS = 300
    Client().get(practice.url)  # stored for anonymous visitors
    member = Client()
    member.force_login(
        django_user_model.objects.create_user("m", "m@example.org", PASSWORD)
    )
    response = member.get(practice.url)
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_anonymous_pages_set_no_cookie_and_the_language_switch_is_a_link(
    settings, practice
):
    settings.PAGE_CACHE_SECONDS = 300
    visitor = Client()
    for _ in range(2):  # a miss, then a copy from the cache
        page = visitor.get(practice.url)
        assert not page.cookies
        assert "csrfmiddlewaretoken" not in page.content.decode()
    assert page["X-Page-Cache"] == "hit"
    assert f'href="/it{practice.url}"' in page.content.decode()
    italian = visitor.get(f"/it{practice.url}")
    assert '<html lang="it"' in italian.content.decode() and not italian.cookies


@pytest.mark.django_db
def test_languages_are_cached_apart(settings, practice):
    settings.PAGE_CACHE_SECONDS = 300
    Client().get("/practices/")
    italian = Client().get("/it/practices/")
    assert italian["X-Page-Cache"] == "miss"
    assert '<html lang="it"' in italian.content.decode()


# --- indexes on the filter columns -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "table, column",
    [
        ("practices_practicepage", "content_language"),
        ("practices_practicepage", "country"),
        ("practices_practicepage", "organisation_id"),
        ("practices_practicepage", "funding_programme"),
        ("practices_practicepage_sectors", "sector_id"),
        ("practices_practicepage_target_groups", "targetgroup_id"),
        ("practices_practicepage_eqf_levels", "eqflevel_id"),
        ("practices_practicetag", "tag_id"),
        ("events_registration", "event_id"),
    ],
)
def test_every_filter_column_has_an_index(table, column):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    indexed = {
        tuple(c["columns"])[0]
        for c in constraints.values()
        if (c["index"] or c["unique"] or c["primary_key"]) and c["columns"]
    }
    assert column in indexed


@pytest.mark.django_db
def test_home_is_kept_briefly_and_a_registration_refreshes_the_event_page(
    settings, practice, make_event
):
    from events.services.registration import register

    settings.PAGE_CACHE_SECONDS = 300
    settings.HOME_CACHE_SECONDS = 30
    assert Client().get("/")["X-Page-Cache"] == "miss"
    home_again = Client().get("/")
    assert home_again["X-Page-Cache"] == "hit"
    assert "s-maxage=30" in home_again["Cache-Control"]

    event = make_event("rome", title="Rome workshop", capacity=3)
    assert "3 seats left" in Client().get(event.url).content.decode()
    assert Client().get(event.url)["X-Page-Cache"] == "hit"
    register(
        event,
        {"name": "A", "email": "a@example.org", "country": "IT", "role": "other"},
        enforce_window=False,
    )
    after = Client().get(event.url)
    assert after["X-Page-Cache"] == "miss"
    assert "2 seats left" in after.content.decode()
