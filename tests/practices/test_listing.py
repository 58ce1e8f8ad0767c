"""The repository at /practices/: facets, combinable filters, permalinks, pages."""

import io
import json
import re

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.models import Page, PageViewRestriction

from practices.services.listing import build_listing

from .conftest import png_bytes

pytestmark = pytest.mark.django_db


def titles(response):
    return [practice.title for practice in response.context["practices"]]


def facet(response, param):
    groups = {group.name: group for group in response.context["facet_groups"]}
    return {option.value: option.count for option in groups[param].options}


def test_lists_every_published_practice_whatever_its_language(client, repository):
    response = client.get("/practices/")
    assert response.status_code == 200
    assert sorted(titles(response)) == sorted(
        [
            "Aprenentatge dual a la pastisseria",
            "Bottega apprenticeship",
            "Πράσινες δεξιότητες για τεχνίτες",
        ]
    )
    html = response.content.decode()
    assert "Unpublished draft" not in html
    assert "3 practices" in html


def test_facets_count_within_the_filtered_set(client, repository):
    response = client.get("/practices/")
    assert facet(response, "country") == {"IT": 1, "GR": 1, "ES": 1}
    assert facet(response, "language") == {"it": 1, "el": 1, "ca": 1}
    assert facet(response, "sector") == {
        "wood-furniture": 1,
        "construction": 1,
        "food-catering": 1,
    }
    assert facet(response, "eqf") == {3: 2, 4: 2, 5: 1}
    assert facet(response, "theme") == {
        "apprenticeship": 2,
        "dual-system": 1,
        "green-skills": 1,
    }
    assert facet(response, "target") == {"apprentices": 2, "vet-trainers": 1}

    filtered = client.get("/practices/?target=apprentices")
    assert facet(filtered, "eqf") == {3: 1, 4: 2, 5: 1}
    assert facet(filtered, "country") == {"IT": 1, "GR": 1}


def test_filters_combine_and_each_view_is_a_permalink(client, repository):
    response = client.get("/practices/?theme=apprenticeship&eqf=4")
    assert titles(response) == ["Bottega apprenticeship"]
    # The same address gives the same view (no session state).
    again = client.get("/practices/?eqf=4&theme=apprenticeship")
    assert titles(again) == ["Bottega apprenticeship"]
    # Facet links keep the other filters and toggle their own.
    options = {
        option.value: option
        for group in response.context["facet_groups"]
        if group.name == "eqf"
        for option in group.options
    }
    assert options[4].selected is True
    assert options[4].querystring == "?theme=apprenticeship"
    assert 'aria-current="true"' in response.content.decode()
    assert titles(client.get("/practices/?country=GR&language=el")) == [
        "Πράσινες δεξιότητες για τεχνίτες"
    ]
    assert titles(client.get("/practices/?sector=food-catering&q=pastisseria")) == [
        "Aprenentatge dual a la pastisseria"
    ]
    assert titles(client.get("/practices/?q=BOTTEGA")) == ["Bottega apprenticeship"]


def test_empty_state_offers_to_clear_filters(client, repository):
    response = client.get("/practices/?country=IT&language=el")
    html = response.content.decode()
    assert response.context["total"] == 0
    assert "No practice matches these filters." in html
    assert "Clear all filters" in html


def test_invalid_filter_values_are_ignored_with_a_notice(client, repository):
    response = client.get("/practices/?eqf=12&country=ZZ")
    assert len(titles(response)) == 3
    assert "were not valid and were ignored" in response.content.decode()


def test_sort_by_title_and_newest(client, repository):
    by_title = titles(client.get("/practices/?sort=title"))
    assert by_title == sorted(by_title)
    newest = titles(client.get("/practices/"))
    assert newest[0] == "Aprenentatge dual a la pastisseria"  # published last


def test_pagination_keeps_the_filters(client, make_practice, settings, taxonomy):
    settings.PRACTICES_PER_PAGE = 5
    for n in range(12):
        make_practice(f"Joinery {n:02d}", sectors=["wood-furniture"])
    make_practice("Masonry", sectors=["construction"])
    first = client.get("/practices/?sector=wood-furniture&sort=title")
    assert first.context["total"] == 12
    assert titles(first) == [f"Joinery {n:02d}" for n in range(5)]
    html = first.content.decode()
    assert 'href="?sector=wood-furniture&amp;sort=title&amp;page=2"' in html
    third = client.get("/practices/?sector=wood-furniture&sort=title&page=3")
    assert titles(third) == ["Joinery 10", "Joinery 11"]
    # A page beyond the end shows the last page rather than an error.
    assert (
        titles(client.get("/practices/?sector=wood-furniture&sort=title&page=99"))[-1]
        == "Joinery 11"
    )


def page_links_nav(html):
    match = re.search(
        r'<nav class="page-links" aria-label="([^"]+)">(.*?)</nav>', html, re.S
    )
    assert match, "no page links"
    return match.group(1), match.group(2)


def test_page_links_are_a_labelled_nav_that_keeps_the_filters(
    client, make_practice, settings, taxonomy
):
    """The listing's page links read as the thread's and the learners' do: a
    landmark named for what it pages, the current page marked, previous and
    next as rel links, every address keeping the filters and the sort."""
    settings.PRACTICES_PER_PAGE = 2
    for n in range(12):  # 6 pages
        make_practice(f"Joinery {n:02d}", sectors=["wood-furniture"])
    make_practice("Masonry", sectors=["construction"])
    query = "?sector=wood-furniture&amp;sort=title"

    label, links = page_links_nav(
        client.get(
            "/practices/?sector=wood-furniture&sort=title&page=3"
        ).content.decode()
    )
    assert label == "Pages of practices"
    assert f'<a href="{query}&amp;page=2" rel="prev">Previous</a>' in links
    assert f'<a href="{query}&amp;page=4" rel="next">Next</a>' in links
    assert '<span aria-current="page">3</span>' in links
    assert re.findall(r">(\d+|…)</", links) == ["1", "2", "3", "4", "…", "6"]

    _label, first = page_links_nav(
        client.get("/practices/?sector=wood-furniture&sort=title").content.decode()
    )
    assert "Previous" not in first and '<span aria-current="page">1</span>' in first
    italian, _links = page_links_nav(
        client.get("/it/practices/?sector=wood-furniture").content.decode()
    )
    assert italian == "Pagine delle pratiche"
    # One page of results has no page links at all.
    one_page = client.get("/practices/?sector=construction").content.decode()
    assert "page-links" not in one_page


def test_taxonomy_names_in_the_visitor_language(client, repository):
    response = client.get("/it/practices/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Legno e arredamento" in html
    assert "Edilizia" in html
    # Practice links keep the visitor in the Italian interface.
    assert f'href="/it/practices/{repository["el"].slug}/"' in html


def test_listing_runs_a_constant_number_of_queries(client, make_practice, settings):
    """The whole request, Wagtail's routing included, for an anonymous visitor."""
    cover = Image.objects.create(
        title="Workshop", file=ImageFile(io.BytesIO(png_bytes((64, 36))), "w.png")
    )
    for n in range(50):
        make_practice(
            f"Practice {n}",
            sectors=["construction", "wood-furniture"],
            target_groups=["apprentices", "vet-trainers"],
            eqf_levels=[3, 4],
            themes=["green skills", f"theme {n}"],
            content_language=["en", "it", "el"][n % 3],
            country=["IT", "GR", "ES", "DE"][n % 4],
            image=cover,
        )
    params = {"eqf": "3", "sector": "construction", "q": "practice"}
    service_counts, request_counts = {}, {}
    # One warm-up request: the card rendition of the cover is created on first use.
    client.get("/it/practices/")
    for per_page in (10, 50):
        with CaptureQueriesContext(connection) as queries:
            listing = build_listing(params, per_page=per_page, language="it")
        assert len(listing["practices"]) == per_page
        assert listing["practices"][0].card_sectors[0]["name"] == "Edilizia"
        service_counts[per_page] = len(queries)

        settings.PRACTICES_PER_PAGE = per_page
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/it/practices/?eqf=3&sector=construction&q=practice")
        assert response.status_code == 200
        assert len(response.context["practices"]) == per_page
        assert response.context["total"] == 50
        assert "Edilizia" in response.content.decode()
        request_counts[per_page] = len(queries)
        sql = " ".join(query["sql"] for query in queries.captured_queries)
        # An anonymous visitor never touches the session or user tables.
        assert "django_session" not in sql
        assert "auth_user" not in sql

    assert service_counts[10] == service_counts[50] <= 4
    # Site, locale, page tree, view restrictions and the listing: a fixed number,
    # never one per practice.
    assert request_counts[10] == request_counts[50] <= 12


def test_private_practices_are_not_listed_exported_or_fed(client, repository, member):
    secret = repository["it"]
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.LOGIN
    )
    alias = secret.create_alias(update_slug="bottega-copy")
    # An alias is the same practice at another address: listed once, as itself.
    repository["ca"].create_alias(update_slug="pastisseria-copy")
    shown = sorted(
        ["Aprenentatge dual a la pastisseria", "Πράσινες δεξιότητες για τεχνίτες"]
    )

    response = client.get("/practices/")
    assert sorted(titles(response)) == shown
    assert response.context["total"] == 2
    assert facet(response, "eqf") == {3: 1, 4: 1, 5: 1}
    assert "wood-furniture" not in facet(response, "sector")
    csv_rows = client.get("/practices/?format=csv").content.decode("utf-8-sig")
    assert "Bottega" not in csv_rows
    assert json.loads(client.get("/practices/?format=json").content)["count"] == 2
    assert "Bottega" not in client.get("/practices/feed/").content.decode()

    # The restriction itself still applies to the page and to its alias.
    for page in (secret, alias):
        assert client.get(page.url).status_code == 302
    client.force_login(member)
    assert client.get(secret.url).status_code == 200


def test_a_private_repository_lists_nothing_to_anonymous_visitors(
    client, repository, practice_index
):
    PageViewRestriction.objects.create(
        page=practice_index, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get("/practices/").status_code == 302
    assert client.get("/practices/?format=csv").status_code == 302
    assert "<entry>" not in client.get("/practices/feed/").content.decode()


def test_view_restrictions_in_one_query_match_wagtail(repository, practice_index):
    secret, other = repository["it"], repository["el"]
    on_secret = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.LOGIN
    )
    alias = secret.create_alias(update_slug="bottega-copy")
    pages = [secret, other, alias, practice_index]
    expected = {page.pk: set(Page.get_view_restrictions(page)) for page in pages}
    assert expected[alias.pk] == {on_secret}
    on_index = PageViewRestriction.objects.create(
        page=practice_index, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for page in pages:
        page = Page.objects.get(pk=page.pk).specific
        with CaptureQueriesContext(connection) as queries:
            ours = set(page.get_view_restrictions())
        assert len(queries) == 1
        assert ours == set(Page.get_view_restrictions(page))
    assert set(secret.get_view_restrictions()) == {on_secret, on_index}
    assert set(other.get_view_restrictions()) == {on_index}


def test_listing_with_its_data_caches_reads_only_its_page(
    client, make_practice, settings, django_assert_max_num_queries
):
    """With the facet counts and the view's ordered ids cached (as behind nginx),
    a listing page costs the same few queries at any page size, and a publish
    shows at once."""
    settings.FACET_CACHE_SECONDS = 300
    for n in range(30):
        make_practice(
            f"Cached practice {n:02d}", eqf_levels=[3], sectors=["construction"]
        )
    counts = {}
    for per_page in (5, 25):
        settings.PRACTICES_PER_PAGE = per_page
        client.get("/practices/?eqf=3")  # fills the caches of this view
        # The page (routing), its practices, their taxonomy.
        with django_assert_max_num_queries(3) as queries:
            response = client.get("/practices/?eqf=3")
        counts[per_page] = len(queries.captured_queries)
        assert len(response.context["practices"]) == per_page
        # The cards (kept rendered, practices/services/listing/card_cache.py)
        # are the ones the page renders without any cache.
        settings.FACET_CACHE_SECONDS = 0
        uncached = client.get("/practices/?eqf=3")
        settings.FACET_CACHE_SECONDS = 300
        assert response.content == uncached.content
        assert uncached.context["practices"][0].card_sectors[0]["slug"] == (
            "construction"
        )
    assert counts[5] == counts[25]
    newest = make_practice("Brand new practice", eqf_levels=[3])
    response = client.get("/practices/?eqf=3")
    assert response.context["total"] == 31
    assert response.context["practices"][0].pk == newest.pk
    newest.unpublish()
    response = client.get("/practices/?eqf=3&page=2")
    assert response.context["total"] == 30
    assert newest.pk not in [practice.pk for practice in response.context["practices"]]
