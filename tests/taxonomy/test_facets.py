"""One way from counts to facets: what the listing, search and directory show."""

from taxonomy.facets import BY_COUNT, BY_LABEL, BY_VALUE, facet_options, merge_terms


def test_options_are_labelled_ordered_and_marked_selected():
    options = facet_options(
        [("es", 1), ("it", 3), ("de", 0), ("ca", 3)],
        selected=["it"],
        label={"es": "Spanish", "it": "Italian", "ca": "Catalan"},
        order=BY_COUNT,
        link=lambda value, selected: "?" if selected else f"?language={value}",
    )
    # A value counted zero times is not offered.
    assert [(o.value, o.label, o.count) for o in options] == [
        ("ca", "Catalan", 3),
        ("it", "Italian", 3),
        ("es", "Spanish", 1),
    ]
    assert [o.selected for o in options] == [False, True, False]
    # A chosen option links to the view without it, the others to adding them.
    assert [o.querystring for o in options] == ["?language=ca", "?", "?language=es"]


def test_numbers_match_their_text_and_sort_by_value():
    options = facet_options({5: 1, 3: 2, 4: 2}, selected=["4"], order=BY_VALUE)
    assert [(o.value, o.selected) for o in options] == [
        (3, False),
        (4, True),
        (5, False),
    ]


def test_label_order_ignores_case_and_none_keeps_the_engine_order():
    counts = [("b", 1), ("a", 2), ("C", 5)]
    assert [o.value for o in facet_options(counts, order=BY_LABEL)] == ["a", "b", "C"]
    assert [o.value for o in facet_options(counts, order=None)] == ["b", "a", "C"]


def test_a_term_in_several_locales_counts_once_under_its_slug():
    counts, terms = merge_terms(
        [
            ("food", "Food", "k1", 2),
            ("food", "Alimentari", "k1", 1),
            ("wood", "Wood", "k2", 1),
        ]
    )
    assert counts == {"food": 3, "wood": 1}
    assert terms == {"food": ("Food", "k1"), "wood": ("Wood", "k2")}
