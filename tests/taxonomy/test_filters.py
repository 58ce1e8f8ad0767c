"""One parser for the filters of every faceted page: repeated values, invalid
values reported, one canonical permalink for one choice."""

from django.http import QueryDict

from taxonomy.filters import (
    Param,
    Selection,
    content_language,
    country_code,
    eqf_level,
    parse_facets,
)

SPEC = (
    Param("country", country_code),
    Param("language", content_language),
    Param("sector"),
    Param("eqf", eqf_level),
)


def parse(query):
    facets, ignored = parse_facets(QueryDict(query), SPEC)
    return Selection(facets=facets, ignored=ignored)


def test_repeated_values_are_kept_cleaned_sorted_and_once():
    selection = parse(
        "sector=wood&country=it&sector=construction&sector=wood&eqf=4&eqf=3"
    )
    assert selection.chosen("sector") == ("construction", "wood")
    assert selection.chosen("country") == ("IT",)
    assert selection.chosen("eqf") == (3, 4)
    assert selection.ignored == []


def test_invalid_values_are_dropped_and_named_the_valid_ones_kept():
    selection = parse("country=IT&country=ZZ&eqf=9&eqf=2&language=xx")
    assert selection.chosen("country") == ("IT",)
    assert selection.chosen("eqf") == (2,)
    assert [(item.name, item.value) for item in selection.ignored] == [
        ("country", "ZZ"),
        ("language", "xx"),
        ("eqf", "9"),
    ]


def test_one_choice_one_permalink_whatever_the_order_it_was_written_in():
    one = parse("sector=wood&eqf=4&country=ES&sector=construction&country=IT")
    other = parse("country=IT&country=ES&eqf=4&sector=construction&sector=wood")
    assert one.querystring() == other.querystring()
    assert one.querystring() == (
        "?country=ES&country=IT&sector=construction&sector=wood&eqf=4"
    )
    # Round trip: reading the permalink gives the same choice back.
    again = parse(one.querystring()[1:])
    assert again.facets == one.facets
    assert again.querystring() == one.querystring()


def test_links_add_or_drop_one_value_and_keep_the_rest():
    selection = parse("country=IT&sector=wood")
    assert selection.toggled("country", "ES") == "?country=ES&country=IT&sector=wood"
    assert selection.toggled("country", "IT") == "?sector=wood"
    link = selection.link_maker("country")
    # The fast link maker writes what toggled() writes.
    for value in ("ES", "IT", "DE"):
        assert link(value) == selection.toggled("country", value)
    assert selection.link_maker("eqf")(3) == "?country=IT&sector=wood&eqf=3"


def test_chips_name_each_chosen_value_with_the_link_that_removes_it():
    selection = parse("country=IT&country=ES&eqf=4")
    chips = selection.chips({"country": {"IT": "Italy", "ES": "Spain"}.get})
    assert [(chip.label, chip.querystring) for chip in chips] == [
        ("Spain", "?country=IT&eqf=4"),
        ("Italy", "?country=ES&eqf=4"),
        ("4", "?country=ES&country=IT"),
    ]
