"""Issue 15: one address per choice of filters. A faceted page asked with a
facet's values in another order (or repeated) redirects to the canonical address, the
other parameters kept, so that the page cache holds one copy."""

import pytest

from taxonomy.filters import Param, canonical_querystring, country_code, eqf_level

SPEC = (Param("country", country_code), Param("sector"), Param("eqf", eqf_level))


def test_canonical_order_of_values_and_facets_other_parameters_in_place():
    assert canonical_querystring("sector=b&sector=a", SPEC) == "?sector=a&sector=b"
    assert (
        canonical_querystring("q=x&eqf=4&country=it&eqf=3&page=2", SPEC)
        == "?q=x&eqf=3&country=it&eqf=4&page=2"
    )
    assert canonical_querystring("sector=a&sector=a", SPEC) == "?sector=a"
    # An invalid value stays (the page names it), after the valid ones.
    assert canonical_querystring("eqf=9&eqf=2", SPEC) == "?eqf=2&eqf=9"


def test_canonical_addresses_are_left_alone():
    for query in ("", "q=x", "sector=a&sector=b", "sector=a&q=x&country=IT&page=2"):
        assert canonical_querystring(query, SPEC) is None
    # Empty form fields are no choice.
    assert canonical_querystring("q=x&sector=&country=", SPEC) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/practices/", "/search/", "/organisations/", "/insights/"]
)
def test_faceted_pages_redirect_to_their_canonical_address(
    client, practice_index, path
):
    response = client.get(f"{path}?sector=wood&q=joinery&sector=construction&utm=x")
    assert response.status_code == 301
    assert response["Location"] == (
        f"{path}?sector=construction&q=joinery&sector=wood&utm=x"
    )
    assert client.get(response["Location"]).status_code == 200
