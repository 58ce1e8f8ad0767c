"""The page cache in nginx (deploy/nginx/vetnet.conf.in) with exact purges.

Real nginx in front of the live server; the application purges through Wagtail's
frontend cache (vetnet/frontcache.py) as under `make serve`."""

import time
import urllib.request

import pytest
from django.conf import settings
from django.utils import timezone

from tests.baseline import ensure_baseline, forget_cached_rows

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.redis,
    pytest.mark.nginx,
]

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PASSWORD = "a-long-Test-passw0rd"


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def fetch(url, cookie=None):
    """(status, headers, body) of one GET, redirects not followed."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def prefixed(path, code):
    return path if code == "en" else f"/{code}{path}"


@pytest.fixture
def site(live_server):
    from django.core.cache import cache

    from practices.models import PracticeIndexPage, PracticePage

    cache.clear()
    home = ensure_baseline()
    index = home.add_child(
        instance=PracticeIndexPage(title="Good practices", slug="practices")
    )
    practice = index.add_child(
        instance=PracticePage(
            title="Apprentices in bakeries",
            slug="bakeries",
            summary="Bakers mentor apprentices.",
            content_language="en",
            country="IT",
        )
    )
    practice.save_revision().publish()
    yield {"home": home, "index": index, "practice": practice}
    forget_cached_rows()


def test_a_publish_shows_at_once_on_every_language_prefix(nginx, site):
    practice = site["practice"]
    urls = [nginx + prefixed(practice.url, code) for code in LANGUAGES]
    urls += [nginx + prefixed("/practices/?country=IT", code) for code in ("en", "de")]
    urls.append(nginx + "/it/")
    for url in urls:
        fetch(url)
        status, headers, body = fetch(url)
        assert status == 200 and headers["X-Cache-Status"] == "HIT", url
        assert "Apprentices in bakeries" in body, url
    # A visitor carrying a CSRF cookie (from a form page) gets the same copy.
    assert fetch(urls[0], "csrftoken=abc")[1]["X-Cache-Status"] == "HIT"

    practice.title = "Apprentices in pastry shops"
    practice.save_revision().publish()
    published = time.monotonic()
    assert "Apprentices in pastry shops" in fetch(urls[0])[2]
    assert time.monotonic() - published < 1.0  # the target for a publish
    assert "Apprentices in pastry shops" in fetch(urls[1], "csrftoken=abc")[2]
    for url in urls:
        status, headers, body = fetch(url)
        assert "Apprentices in pastry shops" in body, url
    # ...and the fresh copies are what the next visitors get from the cache.
    assert {fetch(url)[1]["X-Cache-Status"] for url in urls} == {"HIT"}


def test_unpublish_and_delete_empty_every_prefix(nginx, site):
    practice = site["practice"]
    urls = [nginx + prefixed(practice.url, code) for code in LANGUAGES]
    for url in urls:
        fetch(url)
    practice.unpublish()
    assert {fetch(url)[0] for url in urls} == {404}
    listing = nginx + "/practices/"
    assert "Apprentices in bakeries" not in fetch(listing)[2]


def test_a_signed_in_page_is_never_served_to_another_visitor(
    nginx, site, client, django_user_model
):
    member = django_user_model.objects.create_user(
        "eleni", "eleni@example.org", PASSWORD
    )
    client.force_login(member)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    path = site["practice"].url

    # Signed in first: the personal page is not kept...
    status, headers, body = fetch(nginx + path, cookie)
    assert "My profile" in body and "private" in headers["Cache-Control"]
    for _ in range(2):
        anonymous = fetch(nginx + path)[2]
        assert "My profile" not in anonymous and "Log in" in anonymous
    # ...and the anonymous copy now cached is not served to the member.
    status, headers, body = fetch(nginx + path, cookie)
    assert "My profile" in body and headers["X-Cache-Status"] == "BYPASS"


def test_anonymous_pages_through_nginx_set_no_cookie(nginx, site):
    from events.models import EventIndexPage, EventPage

    events = site["home"].add_child(
        instance=EventIndexPage(title="Events", slug="events")
    )
    start = timezone.now() + timezone.timedelta(days=10)
    event = events.add_child(
        instance=EventPage(title="Rome", slug="rome", start=start, end=start)
    )
    event.save_revision().publish()
    for path in ("/", "/it/", "/practices/", site["practice"].url, event.url, "/de/"):
        for _ in range(2):  # from the application, then from the cache
            status, headers, _body = fetch(nginx + path)
            assert status == 200, path
            assert headers.get("Set-Cookie") is None, path
    assert headers["X-Cache-Status"] == "HIT"


def test_a_registration_or_its_deletion_refreshes_the_seats_shown(nginx, site):
    from events.models import EventIndexPage, EventPage, Registration
    from events.services.registration import register

    events = site["home"].add_child(
        instance=EventIndexPage(title="Events", slug="events")
    )
    start = timezone.now() + timezone.timedelta(days=10)
    event = events.add_child(
        instance=EventPage(
            title="Rome", slug="rome", start=start, end=start, capacity=3
        )
    )
    event.save_revision().publish()
    url = nginx + prefixed(event.url, "el")
    for address in (url, nginx + event.url):
        fetch(address)
        assert fetch(address)[1]["X-Cache-Status"] == "HIT"
    register(
        event,
        {"name": "A", "email": "a@example.org", "country": "IT", "role": "other"},
        enforce_window=False,
    )
    status, headers, body = fetch(url)
    assert headers["X-Cache-Status"] != "HIT"
    assert "2 seats left" in fetch(nginx + event.url)[2]
    # Registrations deleted together (the admin's delete of a selection, one
    # queryset delete) purge the page too.
    for address in (url, nginx + event.url):
        fetch(address)
        assert fetch(address)[1]["X-Cache-Status"] == "HIT"
    Registration.objects.filter(event=event).delete()
    status, headers, body = fetch(url)
    assert headers["X-Cache-Status"] != "HIT"
    assert "3 seats left" in fetch(nginx + event.url)[2]


def test_moving_or_deleting_a_page_empties_its_old_urls(nginx, site):
    from practices.models import PracticeIndexPage, PracticePage

    other = site["home"].add_child(
        instance=PracticeIndexPage(title="Archive", slug="archive")
    )
    second = site["index"].add_child(
        instance=PracticePage(
            title="Tutors in tourism",
            slug="tourism",
            summary="Tutors.",
            content_language="en",
            country="GR",
        )
    )
    second.save_revision().publish()
    moved, deleted = site["practice"], second
    old = [nginx + prefixed(moved.url, code) for code in LANGUAGES]
    gone = [nginx + prefixed(deleted.url, code) for code in ("en", "nl")]
    listing = nginx + "/practices/?country=GR"
    for url in [*old, *gone, listing]:
        fetch(url)
        assert fetch(url)[1]["X-Cache-Status"] == "HIT", url
    assert "Tutors in tourism" in fetch(listing)[2]

    moved.move(other, pos="last-child")
    # No copy of the page is left at its old addresses: each one redirects to
    # the new address in its language.
    for url, code in zip(old, LANGUAGES, strict=True):
        status, headers, _body = fetch(url)
        assert status == 301 and headers["X-Cache-Status"] != "HIT", url
        assert headers["Location"].endswith(prefixed("/archive/bakeries/", code))
    PracticePage.objects.get(pk=deleted.pk).delete()
    assert {fetch(url)[0] for url in gone} == {404}
    assert "Tutors in tourism" not in fetch(listing)[2]


def test_a_page_rendered_across_a_publish_is_not_kept(nginx, site, monkeypatch):
    """A render that read the old content before a publish, and answers after
    its purge passed, must not stay in the cache for the next visitors."""
    import threading

    from practices.models import PracticePage

    url = nginx + site["practice"].url
    rendering, release, slowed = threading.Event(), threading.Event(), []
    original = PracticePage.get_context

    def slow_get_context(self, request, *args, **kwargs):
        context = original(self, request, *args, **kwargs)  # the old title
        if not slowed:
            slowed.append(request.path)
            rendering.set()
            release.wait(15)
        return context

    monkeypatch.setattr(PracticePage, "get_context", slow_get_context)
    first = {}
    visitor = threading.Thread(target=lambda: first.update(answer=fetch(url)))
    visitor.start()
    assert rendering.wait(15)
    practice = PracticePage.objects.get(pk=site["practice"].pk)
    practice.title = "Apprentices in pastry shops"
    practice.save_revision().publish()  # commits, then purges (nothing cached yet)
    release.set()
    visitor.join(15)
    status, headers, body = first["answer"]
    assert status == 200 and "Apprentices in bakeries" in body
    assert "no-store" in headers["Cache-Control"]
    for _ in range(2):
        status, headers, body = fetch(url)
        assert "Apprentices in pastry shops" in body
        assert "Apprentices in bakeries" not in body
    assert headers["X-Cache-Status"] == "HIT"  # the fresh copy is kept


def test_restricting_a_section_purges_it_on_every_prefix(nginx, site):
    from wagtail.models import PageViewRestriction

    index, practice = site["index"], site["practice"]
    urls = [
        nginx + prefixed(page.url, code)
        for page in (index, practice)
        for code in LANGUAGES
    ]
    for url in urls:
        fetch(url)
        status, headers, body = fetch(url)
        assert status == 200 and headers["X-Cache-Status"] == "HIT", url
        assert "Apprentices in bakeries" in body, url

    restriction = PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.LOGIN
    )
    for url in urls:  # no public copy is left: everyone is asked to sign in
        status, headers, body = fetch(url)
        assert status == 302 and "login" in headers["Location"], url
        assert "Apprentices in bakeries" not in body, url

    restriction.restriction_type = PageViewRestriction.PASSWORD
    restriction.password = "a-shared-secret"
    restriction.save()
    for url in urls:
        status, headers, body = fetch(url)
        assert headers["X-Cache-Status"] != "HIT", url
        assert "Apprentices in bakeries" not in body, url

    restriction.delete()
    for url in urls:  # public again, at once
        status, _headers, body = fetch(url)
        assert status == 200 and "Apprentices in bakeries" in body, url


def test_renaming_or_deleting_a_theme_tag_purges_the_pages_showing_it(nginx, site):
    from taggit.models import Tag

    index, practice = site["index"], site["practice"]
    practice.themes.add("urban bekeeping")  # a typo an editor will mend
    practice.save_revision().publish()
    urls = [
        nginx + prefixed(page.url, code)
        for page in (index, practice)
        for code in ("en", "de")
    ]

    def kept_copies():
        for url in urls:
            fetch(url)
            status, headers, body = fetch(url)
            assert status == 200 and headers["X-Cache-Status"] == "HIT", url
            yield body

    assert all("urban bekeeping" in body for body in kept_copies())
    # A tag added (a member's new theme) shows nowhere yet: the copies stay.
    Tag.objects.create(name="rooftop gardens", slug="rooftop-gardens")
    assert {fetch(url)[1]["X-Cache-Status"] for url in urls} == {"HIT"}

    tag = Tag.objects.get(name="urban bekeeping")
    tag.name = "urban beekeeping"
    tag.save()
    for url in urls:
        status, headers, body = fetch(url)
        assert headers["X-Cache-Status"] != "HIT", url
        # (the slug, in links and filters, stays as it was)
        assert "urban beekeeping" in body and "urban bekeeping" not in body, url

    assert all("urban beekeeping" in body for body in kept_copies())
    tag.delete()
    for url in urls:
        status, headers, body = fetch(url)
        assert "urban beekeeping" not in body, url
