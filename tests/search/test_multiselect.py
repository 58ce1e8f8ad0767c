"""Several values of one facet in a search: OR within a facet, AND across;
each facet counted under the other facets' choice only; the same on every
engine (PostgreSQL and Elasticsearch here, SQLite in a subprocess as in
test_engines.py); permalinks and chips on the results page (issue 15)."""

import pytest
from django.http import QueryDict

from search.services.query import DatabaseSearch, ElasticsearchSearch, SearchRequest
from tests.search.sqlite_run import on_sqlite

pytestmark = pytest.mark.django_db


def slugs(results, corpus):
    by_id = {page.pk: slug for slug, page in corpus.items()}
    return sorted(by_id[hit.page_id] for hit in results.hits)


def counts(results, name):
    [facet] = [facet for facet in results.facets if facet.name == name]
    return {str(option.value): option.count for option in facet.options}


def check_or_within_and_across(engine, corpus):
    either = engine.search(SearchRequest(filters={"country": ["ES", "DE"]}))
    assert slugs(either, corpus) == ["ca-aprenentatge", "de-digital", "es-digital"]
    assert either.total == 3

    both = engine.search(SearchRequest(filters={"country": ["ES", "DE"], "eqf": [5]}))
    assert slugs(both, corpus) == ["de-digital", "es-digital"]

    narrowed = engine.search(SearchRequest(filters={"country": ["ES"], "eqf": [3, 4]}))
    assert slugs(narrowed, corpus) == ["ca-aprenentatge"]
    assert narrowed.total == 1
    # Countries counted under the EQF choice alone: the other countries a
    # click would add are there, beside the chosen one.
    assert counts(narrowed, "country") == {"IT": 1, "ES": 1, "GR": 1, "NL": 1}
    # EQF levels counted under the country choice alone (a chosen level stays
    # on show, to be unchosen, where it counts nothing).
    assert counts(narrowed, "eqf") == {"3": 1, "4": 0, "5": 1}
    # Facets nothing is chosen in count the results.
    assert counts(narrowed, "language") == {"ca": 1}


def check_with_words(engine, corpus):
    results = engine.search(
        SearchRequest(q="apprendistato", filters={"country": ["GR", "ES"]})
    )
    assert slugs(results, corpus) == ["ca-aprenentatge", "el-mathiteia"]
    assert counts(results, "country") == {"IT": 1, "GR": 1, "ES": 1}


def check_themes_by_slug(engine, corpus):
    """Themes chosen by slug, as the practice listing chooses them; labelled
    by name; an address that chose one by name still chooses it."""
    both = SearchRequest(filters={"theme": ["digital-skills", "green-skills"]})
    results = engine.search(both)
    assert slugs(results, corpus) == ["de-digital", "es-digital", "nl-warmtepomp"]
    [facet] = [facet for facet in results.facets if facet.name == "theme"]
    labels = {str(option.value): str(option.label) for option in facet.options}
    assert labels["digital-skills"] == "digital skills"
    assert counts(results, "theme")["apprenticeship"] == 3
    old = SearchRequest.from_querydict(QueryDict("theme=Digital+skills"))
    assert old.filters == {"theme": ["digital-skills"]}
    assert slugs(engine.search(old), corpus) == ["de-digital", "es-digital"]


def test_database_engine_or_within_and_across_facets(corpus):
    check_or_within_and_across(DatabaseSearch(), corpus)
    check_themes_by_slug(DatabaseSearch(), corpus)
    # Hits carry what the page itself says (read in plain SQL).
    hits = DatabaseSearch().search(SearchRequest(q="apprendistato")).hits
    pages = {page.pk: page for page in corpus.values()}
    assert hits
    for hit in hits:
        page = pages[hit.page_id]
        assert (hit.url, hit.title, hit.language, hit.country) == (
            page.get_url(),
            page.title,
            page.content_language,
            page.country.code,
        )
    check_with_words(DatabaseSearch(), corpus)


def test_elasticsearch_or_within_and_across_facets(built):
    check_or_within_and_across(ElasticsearchSearch(cache=False), built)
    check_themes_by_slug(ElasticsearchSearch(cache=False), built)
    check_with_words(ElasticsearchSearch(cache=False), built)


def test_results_page_checkboxes_links_and_chips(client, built):
    response = client.get(
        "/search/?eqf=4&country=GR&q=apprendistato&eqf=3&country=ES&country=ZZ",
        follow=True,  # to the values' canonical order
    )
    html = response.content.decode()
    # Boxes ticked for the chosen values, in a form that works without script.
    assert 'name="country" value="GR" checked>' in html
    assert 'name="country" value="IT">' in html
    assert "<legend>Country</legend>" in html
    # An invalid value is named, not silently dropped.
    assert "country “ZZ”" in html
    # Links in canonical order: adding Italy keeps the rest.
    assert 'href="?q=apprendistato&amp;country=ES&amp;country=GR&amp;eqf=3"' in (
        html
    )  # the chip removing EQF 4
    chips = {chip.label: chip.querystring for chip in response.context["chips"]}
    assert chips["Greece"] == "?q=apprendistato&country=ES&eqf=3&eqf=4"
    # The permalink of the same choice, written in another order, is the same.
    again = client.get(
        "/search/?q=apprendistato&country=ES&country=GR&eqf=3&eqf=4"
    ).context["filters"]
    assert again.querystring() == response.context["filters"].querystring()


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine_multiselect = on_sqlite(__file__, "database_engine", passed=1)


def test_a_renamed_theme_is_labelled_by_its_new_name(corpus):
    """Theme labels are kept per process between searches: a tag's new name
    shows at the next search."""
    from taggit.models import Tag

    def label():
        results = DatabaseSearch().search(
            SearchRequest(filters={"theme": ["digital-skills"]})
        )
        [facet] = [facet for facet in results.facets if facet.name == "theme"]
        return {str(o.value): str(o.label) for o in facet.options}["digital-skills"]

    assert label() == "digital skills"
    tag = Tag.objects.get(slug="digital-skills")
    tag.name = "Digital competences"
    tag.save()
    assert label() == "Digital competences"


def test_a_theme_name_editors_save_labels_the_facet_in_its_language(corpus):
    """Theme labels are the names editors keep (taxonomy.ThemeName), in the
    reader's language: a name saved shows at the next search."""
    from django.utils import translation

    from taxonomy.models import ThemeName

    def label():
        results = DatabaseSearch().search(
            SearchRequest(filters={"theme": ["digital-skills"]})
        )
        [facet] = [facet for facet in results.facets if facet.name == "theme"]
        return {str(o.value): str(o.label) for o in facet.options}["digital-skills"]

    with translation.override("it"):
        assert label() == "competenze digitali"
        name = ThemeName.objects.get(tag__slug="digital-skills", language="it")
        name.name = "abilità digitali"
        name.save()
        assert label() == "abilità digitali"
    with translation.override("de"):
        assert label() == "digitale Kompetenzen"
    assert label() == "digital skills"
