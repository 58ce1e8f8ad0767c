"""The "Events and organisations" block of the results page: its own index and
query on the real Elasticsearch, kept in step by tasks, answered by the database
when Elasticsearch is away; the practices' results and facets stay as they were."""

import html as html_lib
import re
from io import StringIO

import pytest
from django.core.management import call_command
from elasticsearch import Elasticsearch

from search.documents import alias_name

pytestmark = pytest.mark.django_db

EVENT = "Fiera dell'artigianato di Città di Castello"
ORGANISATION = "Cámara de Comercio de Sevilla"


def directory_titles(html):
    found = re.findall(r'class="directory-result__link" href="[^"]*">([^<]+)</a>', html)
    return [html_lib.unescape(title) for title in found]


def practices_part(html):
    """Everything the practices search shows: count, results, facets."""
    heading = re.search(r'<h2 id="results-heading".*?</h2>', html, re.S).group()
    facets = re.search(r'<aside class="facets".*?</aside>', html, re.S).group()
    titles = re.findall(r'<h3><a href="[^"]*">([^<]+)</a></h3>', html)
    return " ".join(heading.split()), facets, titles


def get(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def listed(built, make_event, make_organisation, django_capture_on_commit_callbacks):
    """An event and an organisation, indexed by their tasks as they were saved."""
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(title=EVENT)
    with django_capture_on_commit_callbacks(execute=True):
        organisation = make_organisation(
            name=ORGANISATION, country="ES", city="Sevilla"
        )
    return event, organisation


@pytest.mark.elasticsearch
def test_found_by_a_word_and_without_accents(client, listed):
    for q in ("artigianato", "Castello", "citta"):
        assert directory_titles(get(client, q)) == [EVENT], q
    for q in ("Comercio", "camara", "CAMARA sevilla"):
        assert directory_titles(get(client, q)) == [ORGANISATION], q
    html = get(client, "citta")
    block = re.search(r'<section class="directory-results".*?</section>', html, re.S)
    assert "Events and organisations" in block.group()
    assert "Event" in block.group() and "Italy" in block.group()
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT', block.group())
    assert "results may be less complete" not in html


@pytest.mark.elasticsearch
def test_practices_results_and_facets_are_unchanged(
    client, built, make_event, make_organisation, django_capture_on_commit_callbacks
):
    before = get(client, "digital")
    assert not directory_titles(before)
    assert "directory-results" not in before  # no block when nothing matches
    with django_capture_on_commit_callbacks(execute=True):
        make_event(title="Digital skills fair", country="ES")
        make_organisation(name="Digital Crafts Association", country="DE")
    after = get(client, "digital")
    assert sorted(directory_titles(after)) == [
        "Digital Crafts Association",
        "Digital skills fair",
    ]
    assert practices_part(after) == practices_part(before)
    assert "2 practices found" in practices_part(after)[0]


@pytest.mark.elasticsearch
def test_the_block_keeps_to_the_chosen_country_and_the_first_page(
    client, built, make_event, make_organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_event(title="Digital skills fair", country="IT")
        make_organisation(name="Digital Crafts Association", country="DE")
    italy = client.get("/search/", {"q": "digital", "country": "IT"})
    assert directory_titles(italy.content.decode()) == ["Digital skills fair"]
    germany = client.get("/search/", {"q": "digital", "country": "DE"})
    assert directory_titles(germany.content.decode()) == ["Digital Crafts Association"]
    both = client.get(
        "/search/", {"q": "digital", "country": ["IT", "DE"]}, follow=True
    )  # redirected to the values' canonical order (issue 15)
    assert len(directory_titles(both.content.decode())) == 2
    second_page = client.get("/search/", {"q": "digital", "page": "2"})
    assert directory_titles(second_page.content.decode()) == []


@pytest.mark.elasticsearch
def test_unpublished_and_deleted_entries_leave_the_block(
    client, listed, make_event, django_capture_on_commit_callbacks
):
    event, organisation = listed
    other = None
    with django_capture_on_commit_callbacks(execute=True):
        other = make_event(title="Mostra del merletto di Castello")
    assert sorted(directory_titles(get(client, "castello"))) == sorted(
        [EVENT, "Mostra del merletto di Castello"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        event.unpublish()
    assert directory_titles(get(client, "castello")) == [
        "Mostra del merletto di Castello"
    ]
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    assert directory_titles(get(client, "castello")) == []
    with django_capture_on_commit_callbacks(execute=True):
        organisation.delete()
    assert directory_titles(get(client, "camara")) == []


@pytest.mark.elasticsearch
def test_rebuild_swaps_the_directory_alias_and_status_counts(
    client, settings, listed, make_organisation
):
    es = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)
    alias = alias_name("directory")
    before = list(es.indices.get_alias(name=alias))
    # Saved without its task (as during an outage): only a rebuild adds it.
    make_organisation(name="Artesanos de Castilla", country="ES", city="Sevilla")
    with pytest.raises(Exception, match="out of sync"):
        call_command("search_index", "status", stdout=StringIO())
    out = StringIO()
    call_command("search_index", "rebuild", stdout=out)
    after = list(es.indices.get_alias(name=alias))
    assert len(before) == len(after) == 1 and before != after
    assert not es.indices.exists(index=before[0])
    assert "3 events and organisations indexed" in out.getvalue()
    assert directory_titles(get(client, "castilla")) == ["Artesanos de Castilla"]
    status = StringIO()
    call_command("search_index", "status", stdout=status)
    assert f"alias     {alias} -> {after[0]}" in status.getvalue()
    assert "database  3 live events and organisations" in status.getvalue()
    assert "in sync" in status.getvalue()


@pytest.mark.elasticsearch
def test_an_outdated_directory_index_is_reported(client, settings, listed):
    es = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)
    es.indices.put_mapping(index=alias_name("directory"), meta={"schema": "0ld"})
    with pytest.raises(Exception, match="older version.*rebuild"):
        call_command("search_index", "status", stdout=StringIO())
    assert client.get("/healthz").json()["checks"]["search"]["status"] == "degraded"
    call_command("search_index", "rebuild", stdout=StringIO())
    assert client.get("/healthz").json()["checks"]["search"]["status"] == "ok"


def test_without_elasticsearch_the_block_comes_from_the_database(
    client, settings, corpus, make_event, make_organisation, closed_port
):
    settings.ELASTICSEARCH_URL = closed_port
    make_event(title=EVENT)
    make_event(title="Castello draft", publish=False)
    make_organisation(name=ORGANISATION, country="ES", city="Sevilla")
    html = get(client, "castello")
    assert "results may be less complete" in html
    assert directory_titles(html) == [EVENT]
    assert directory_titles(get(client, "Cámara")) == [ORGANISATION]
    assert directory_titles(get(client, "apprendistato")) == []
    by_country = client.get("/search/", {"q": "castello", "country": "ES"})
    assert directory_titles(by_country.content.decode()) == []
