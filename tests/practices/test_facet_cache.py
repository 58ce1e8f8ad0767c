"""Facet counts are cached between publishes, and a publish shows up at once."""

import pytest
from django.core.cache import cache


@pytest.fixture
def facet_cache(settings):
    settings.FACET_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def country_counts(client):
    response = client.get("/practices/", {"language": "it"})
    assert response.status_code == 200
    facets = response.context["facets"]
    return {option.value: option.count for option in facets["country"]}


@pytest.mark.django_db
def test_cached_facets_follow_a_publish_and_an_unpublish(
    client, make_practice, facet_cache
):
    make_practice(country="IT", content_language="it")
    make_practice(country="ES", content_language="it")
    assert country_counts(client) == {"IT": 1, "ES": 1}

    late = make_practice(country="IT", content_language="it")
    assert country_counts(client) == {"IT": 2, "ES": 1}

    late.unpublish()
    assert country_counts(client) == {"IT": 1, "ES": 1}


@pytest.mark.django_db
def test_cached_facets_are_named_in_each_visitor_language(
    client, make_practice, facet_cache
):
    """The cache holds counts, not labels: an Italian visitor filling it does not
    leave Italian country names for the next visitor in English."""
    make_practice(country="IT", content_language="it")

    def country_names(path):
        response = client.get(path, {"language": "it"})
        return [option.label for option in response.context["facets"]["country"]]

    assert country_names("/it/practices/") == ["Italia"]
    assert country_names("/practices/") == ["Italy"]
