"""What pages keep per content version (vetnet/routing.py's pages and
version_memo, the listing's card and filter-form fragments) is never stale: every
change a visitor could see on a page shows on the next request."""

import sys

import pytest
from django.test import override_settings
from taggit.models import Tag

from events.services.registration import register
from practices.models import RelatedPractice
from taxonomy.models import Sector
from tests.events.conftest import person

pytestmark = pytest.mark.django_db


def html(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def seen_twice(client, path):
    """The page as a second visitor sees it (what the first one kept)."""
    html(client, path)
    return html(client, path)


def test_practice_page_follows_every_change_it_shows(
    client, make_practice, make_organisation
):
    organisation = make_organisation(name="Bottega Italiana", slug="bottega")
    page = make_practice(
        "Kept practice",
        organisation=organisation,
        sectors=["construction"],
        themes=["green skills"],
    )
    before = seen_twice(client, page.url)
    assert "Kept practice" in before and "Construction" in before
    assert "Bottega Italiana" in before and "green skills" in before

    page.title = "Renamed practice"
    page.save_revision().publish()
    assert "Renamed practice" in html(client, page.url)

    sector = Sector.objects.get(slug="construction", locale__language_code="en")
    sector.name = "Building trades"
    sector.save()
    assert "Building trades" in html(client, page.url)

    organisation.name = "Bottega Renamed"
    organisation.save()
    assert "Bottega Renamed" in html(client, page.url)

    tag = Tag.objects.get(name="green skills")
    tag.name = "greener skills"
    tag.save()
    assert "greener skills" in html(client, page.url)

    other = make_practice("A related one")
    page.related_practices.add(RelatedPractice(practice=other))
    page.save_revision().publish()
    assert "A related one" in html(client, page.url)

    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_page_kept_for_one_request_is_not_changed_by_another(client, make_practice):
    """Each request gets its own copy of the kept page: what one view sets on it
    is not seen by the next."""
    from vetnet.routing import memo, request_content_version

    page = make_practice("Copied practice")
    seen_twice(client, page.url)
    response = client.get(page.url)
    served = response.context["page"]
    served.title = "Changed by a view"
    tables = memo(request_content_version(response.wsgi_request))
    assert tables["pages"][page.pk].title == "Copied practice"
    assert "Changed by a view" not in html(client, page.url)


def test_event_page_shows_each_registration_at_once(client, make_event):
    event = make_event("kept-event", capacity=3)
    assert "3 seats left." in seen_twice(client, event.url)
    register(event, person(1))
    assert "2 seats left." in html(client, event.url)
    register(event, person(2))
    assert "1 seat left." in html(client, event.url)


def test_event_page_shows_deleted_registrations_at_once(client, make_event):
    """Registrations deleted together (the admin deletes a selection with one
    queryset delete) give their seats back on the event's page at once."""
    from events.models import Registration

    event = make_event("pruned-event", capacity=3)
    register(event, person(1))
    register(event, person(2))
    assert "1 seat left." in seen_twice(client, event.url)
    Registration.objects.filter(event=event).delete()
    assert "3 seats left." in html(client, event.url)


def test_home_shows_a_new_practice_and_event_at_once(client, make_practice, make_event):
    make_practice("Older practice")
    assert "Older practice" in seen_twice(client, "/")
    make_practice("Brand new practice")
    make_event("brand-new-event", title="Brand new event")
    page = html(client, "/")
    assert "Brand new practice" in page and "Brand new event" in page


def test_listing_cards_and_filters_follow_every_change(client, make_practice, settings):
    settings.FACET_CACHE_SECONDS = 300
    page = make_practice("Listed practice", sectors=["construction"])
    make_practice("Another practice", sectors=["construction"])
    path = "/practices/?sector=construction"
    before = seen_twice(client, path)
    assert "Listed practice" in before and "Construction" in before

    page.title = "Relisted practice"
    page.save_revision().publish()
    after = html(client, path)
    assert ">Relisted practice</a>" in after and ">Listed practice</a>" not in after

    sector = Sector.objects.get(slug="construction", locale__language_code="en")
    sector.name = "Building trades"
    sector.save()
    renamed = html(client, path)
    # In the card's badge and in the filter form alike.
    assert "Construction" not in renamed
    assert renamed.count("Building trades") >= 3

    page.unpublish()
    assert ">Relisted practice</a>" not in html(client, path)
    # Another language: its own cards and form.
    assert "Another practice" in html(client, "/it/practices/?sector=construction")


def test_cached_listing_renders_the_same_page_as_without_caches(
    client, make_practice, settings
):
    for n in range(4):
        make_practice(
            f"Practice {n}", sectors=["construction"], eqf_levels=[3], themes=["x"]
        )
    path = "/practices/?eqf=3"
    settings.FACET_CACHE_SECONDS = 0
    uncached = html(client, path)
    settings.FACET_CACHE_SECONDS = 300
    assert seen_twice(client, path) == uncached


def test_a_registration_keeps_the_listing_and_home_a_publish_does_not(
    make_practice, make_event, settings
):
    """Seats left show on the event page alone: a registration leaves every
    copy kept per content version (pages, listing ids, cards, facet counts)
    where it is, while a practice publish turns them over."""
    from django.test import Client

    from vetnet.cache import content_version

    settings.PAGE_CACHE_SECONDS = 300
    settings.FACET_CACHE_SECONDS = 300
    make_practice("Kept practice")
    event = make_event("seats-event", capacity=3)
    path = "/practices/?country=IT"
    for address in (path, "/"):
        Client().get(address)
        assert Client().get(address)["X-Page-Cache"] == "hit"
    listed = content_version()

    register(event, person(1))
    assert content_version() == listed
    for address in (path, "/"):
        assert Client().get(address)["X-Page-Cache"] == "hit", address
    assert "2 seats left." in Client().get(event.url).content.decode()

    make_practice("Newly published practice")
    assert content_version() != listed
    after = Client().get(path)
    assert after["X-Page-Cache"] == "miss"
    assert "Newly published practice" in after.content.decode()


def test_a_registration_refreshes_its_own_event_page_only(make_event, settings):
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 300
    taken = make_event("taken-event", capacity=3)
    other = make_event("other-event", capacity=5)
    for event in (taken, other):
        Client().get(event.url)
        assert Client().get(event.url)["X-Page-Cache"] == "hit"

    register(taken, person(1))
    after = Client().get(taken.url)
    assert after["X-Page-Cache"] == "miss"
    assert "2 seats left." in after.content.decode()
    assert Client().get(taken.url)["X-Page-Cache"] == "hit"
    kept = Client().get(other.url)
    assert kept["X-Page-Cache"] == "hit"
    assert "5 seats left." in kept.content.decode()


def kept_bodies():
    """{page id: bytes} of the practice bodies this process keeps now, and the
    bytes of everything it keeps."""
    from vetnet import routing

    shown = routing.memo(None)["shown"]
    items = shown.items()
    bodies = {
        key[2]: sys.getsizeof(value)
        for key, value in items
        if key[0] == "practice-body"
    }
    return bodies, sum(sys.getsizeof(value) for _key, value in items)


@override_settings(PAGE_MEMO_BYTES=400_000)
def test_huge_bodies_neither_push_out_the_other_pages_nor_pass_the_bound(
    client, make_practice
):
    words = "Apprentices keep a logbook of every task. "
    small = [make_practice(f"Small {n}", body=words * 10) for n in range(5)]
    huge = [make_practice(f"Huge {n}", body=words * 5_000) for n in range(3)]
    medium = [make_practice(f"Medium {n}", body=words * 800) for n in range(12)]

    for page in small + huge:
        assert html(client, page.url).count("logbook") >= (
            10 if page in small else 5_000
        )
    bodies, total = kept_bodies()
    assert set(bodies) >= {page.pk for page in small}  # still served from memory
    assert total <= 400_000

    for page in medium:
        html(client, page.url)
    bodies, total = kept_bodies()
    assert total <= 400_000
    assert medium[-1].pk in bodies  # the pages seen last are the ones kept
    assert html(client, huge[0].url).count("logbook") >= 5_000


def kept_pages():
    """{page id: characters of its body} of the pages this process keeps now."""
    import json

    from vetnet import routing

    return {
        pk: len(json.dumps(list(page.body.raw_data)))
        for pk, page in routing.memo(None)["pages"].items()
    }


@override_settings(PAGE_ROWS_BYTES=400_000)
def test_huge_pages_neither_push_out_the_other_pages_nor_pass_the_bound(
    client, make_practice
):
    """The pages kept with their parsed bodies (routing.specific) are bounded by
    bytes as the rendered bodies are: three 210 KB bodies took the table to
    630 KB under a 400 KB bound, and reaching the count dropped every page."""
    words = "Apprentices keep a logbook of every task. "
    small = [make_practice(f"Small {n}", body=words * 10) for n in range(5)]
    huge = [make_practice(f"Huge {n}", body=words * 5_000) for n in range(3)]
    medium = [make_practice(f"Medium {n}", body=words * 800) for n in range(12)]

    for page in small + huge:
        html(client, page.url)
    pages = kept_pages()
    assert set(pages) >= {page.pk for page in small}
    assert sum(pages.values()) <= 400_000

    for page in medium:
        html(client, page.url)
    pages = kept_pages()
    assert sum(pages.values()) <= 400_000
    assert medium[-1].pk in pages  # the pages seen last are the ones kept
    assert html(client, huge[0].url).count("logbook") >= 5_000
