"""Saved /search/ permalinks: a member follows a search (words and facets); a
practice published later that the search finds, in any language, notifies
them once it is indexed; one it does not find, nobody. Matched by the search's
own engines: Elasticsearch, and the database engine (PostgreSQL here, SQLite
in a subprocess)."""

import pytest

from notifications.models import Follow, Notification
from notifications.services import follows
from search.services.indexing import lifecycle
from tests.search.sqlite_run import on_sqlite

pytestmark = pytest.mark.django_db

PERMALINK = "/it/search/?q=apprendistato&country=IT&page=2"


def titles_for(user):
    return list(
        Notification.objects.filter(user=user, kind="practice").values_list(
            "title", flat=True
        )
    )


def check_saved_search(member, publish):
    saved = follows.follow(member, "search", PERMALINK, label="apprendistato")
    assert (saved.value, saved.query) == ("search", "q=apprendistato&country=IT")

    # Spanish words, Italian search: the thesaurus's concept joins them.
    publish(
        title="Aprendices en talleres de carpintería",
        summary="Los aprendices alternan el taller y el centro de formación.",
        content_language="es",
        country="IT",
    )
    # The words, but not the country.
    publish(
        title="Aprendices en panaderías",
        summary="Los aprendices hornean pan con sus tutores.",
        content_language="es",
        country="ES",
    )
    # The country, but not the words.
    publish(
        title="Cocina mediterránea para turistas",
        summary="Cursos cortos de cocina.",
        content_language="es",
        country="IT",
    )
    assert titles_for(member) == ["Aprendices en talleres de carpintería"]


@pytest.mark.elasticsearch
def test_saved_search_matched_by_elasticsearch(member, publish, es_index):
    lifecycle.rebuild()  # the index behind the alias, as in production
    check_saved_search(member, publish)


def test_saved_search_matched_by_the_database_engine(member, publish, settings):
    settings.ELASTICSEARCH_URL = ""
    check_saved_search(member, publish)


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_saved_search_matched_on_sqlite = on_sqlite(__file__, "database_engine", passed=1)


def test_a_member_following_the_sector_too_hears_once(member, publish, settings):
    settings.ELASTICSEARCH_URL = ""
    follows.follow(member, "search", "/search/?q=apprentice")
    follows.follow(member, "sector", "construction")
    publish(title="Apprentice builders", sectors=["construction"])
    assert titles_for(member) == ["Apprentice builders"]


def test_search_and_listing_follows_are_told_apart(member):
    listing = follows.follow(member, "search", "?country=IT")
    search = follows.follow(member, "search", "/search/?country=IT")
    assert (listing.value, search.value) == ("practices", "search")
    assert follows.unfollow(member, "search", "/de/search/?country=IT&page=4")
    assert list(Follow.objects.filter(user=member)) == [listing]


def test_follow_button_on_the_search_page(client, member):
    response = client.get("/search/?q=apprendistato&country=IT")
    assert response.status_code == 200
    assert b"Log in to follow" in response.content
    assert "Set-Cookie" not in response.headers

    client.force_login(member)
    page = client.get("/search/?q=apprendistato&country=IT").content.decode()
    assert 'name="value" value="/search/?q=apprendistato&amp;country=IT"' in page
    client.post(
        "/follows/add/",
        {"kind": "search", "value": "/search/?q=apprendistato&country=IT"},
    )
    assert Follow.objects.get(user=member).query == "q=apprendistato&country=IT"
    page = client.get("/search/?country=IT&q=apprendistato").content.decode()
    assert 'aria-pressed="true"' in page
