"""Events carry the shared taxonomy: sectors (and themes) shown on the event page
and chosen, several at once, in the listing's filter."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.search.sqlite_run import on_sqlite

pytestmark = pytest.mark.django_db


def listed(html):
    return re.findall(
        r'class="card event-card".*?<a href="[^"]*">([^<]+)</a>', html, re.S
    )


@pytest.fixture
def events(make_event):
    soon = timezone.now().replace(microsecond=0) + dt.timedelta(days=10)
    made = {}
    for slug, sectors in (
        ("builders", ["construction"]),
        ("bakers", ["food-catering"]),
        ("carpenters", ["wood-furniture", "construction"]),
        ("general", []),
    ):
        made[slug] = make_event(
            slug,
            title=f"{slug.capitalize()} day",
            start=soon,
            end=soon + dt.timedelta(hours=3),
            sectors=sectors,
        )
    return made


def test_event_page_shows_its_sectors_and_themes(make_event, client):
    event = make_event(
        "fair",
        title="Builders' fair",
        sectors=["construction"],
        themes=["Green skills"],
    )
    html = client.get(event.url).content.decode()
    assert "Sectors and themes" in html
    assert '<a href="../?sector=construction">' in html
    # Tags go by name in any case: the theme already there, as it is written.
    assert "green skills" in html and "Green skills" not in html


def test_a_preview_shows_the_drafts_sectors_themes_and_organisers(
    make_event, make_organisation, client
):
    from events.models import EventPage
    from tests.factories import SectorFactory

    event = make_event(
        "fair", title="Builders' fair", sectors=["construction"], themes=["Roofing"]
    )
    assert (
        '<a href="../?sector=construction">' in client.get(event.url).content.decode()
    )

    draft = EventPage.objects.get(pk=event.pk)
    draft.sectors = [SectorFactory(slug="wood-furniture")]
    draft.themes.set(["green skills"])
    draft.organisers = [make_organisation(name="Accademia dei Mestieri")]
    draft.save_revision()
    shown = (
        draft.get_latest_revision_as_object().make_preview_request().render().content
    ).decode()
    assert '<a href="../?sector=wood-furniture">' in shown
    assert "sector=construction" not in shown
    assert "green skills" in shown and "Roofing" not in shown
    assert "Accademia dei Mestieri" in shown

    live = client.get(event.url).content.decode()
    assert '<a href="../?sector=construction">' in live and "Roofing" in live
    assert "green skills" not in live and "Accademia dei Mestieri" not in live


def test_listing_filters_on_any_of_the_chosen_sectors(events, client):
    html = client.get("/events/", {"sector": ["construction"]}).content.decode()
    assert sorted(listed(html)) == ["Builders day", "Carpenters day"]

    html = client.get(
        "/events/", {"sector": ["food-catering", "wood-furniture"]}
    ).content.decode()
    assert sorted(listed(html)) == ["Bakers day", "Carpenters day"]
    # The checkboxes, with the number of events each sector has; chosen ones ticked.
    assert re.search(r'name="sector" value="construction"[^>]*>', html)
    assert re.search(r'name="sector" value="food-catering"[^>]*checked', html)

    html = client.get("/events/").content.decode()
    assert len(listed(html)) == 4


def test_event_page_queries_do_not_grow_with_sectors(
    make_event, client, django_assert_max_num_queries
):
    def queries(event):
        client.get(event.url)
        with django_assert_max_num_queries(20) as counted:
            client.get(event.url)
        return len(counted.captured_queries)

    few = queries(make_event("one", sectors=["construction"]))
    many = queries(
        make_event(
            "many",
            sectors=["construction", "food-catering", "wood-furniture"],
            themes=["a", "b", "c"],
        )
    )
    assert many == few


# The embedded default runs on SQLite, which refuses what PostgreSQL allows in
# the page's one sectors-and-themes query (ORDER BY inside a UNION).
test_sqlite_event_page = on_sqlite(__file__, "shows_its_sectors", passed=1)
