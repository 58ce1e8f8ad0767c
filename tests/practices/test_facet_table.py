"""The listing's facet counts come from a table kept per content version
(practices/services/listing/facet_table.py): the same counts as a plain ORM
count of each facet, none for a private, restricted, unpublished or alias copy
of a practice, and no query for a new filter combination once the table is made."""

from collections import Counter
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from wagtail.models import PageViewRestriction

from practices.models import PracticeTag
from practices.services.listing.facets import count_facets
from practices.services.listing.filters import parse_filters
from practices.services.listing.queryset import (
    EQFLink,
    SectorLink,
    TargetLink,
    matching,
)
from taxonomy.names import as_uuid

pytestmark = pytest.mark.django_db

COMBINATIONS = [
    {},
    {"language": "it"},
    {"language": ["it", "el"], "country": "GR"},
    {"sector": ["construction", "wood-furniture"]},
    {"sector": "construction", "eqf": "4"},
    {"eqf": ["3", "5"], "theme": "apprenticeship"},
    {"country": ["IT", "ES"], "language": "ca", "theme": "green-skills"},
    {"q": "bottega"},
    {"q": "skills", "eqf": "4", "sector": "construction"},
    {"target": "adult-learners", "language": "it"},
    {"sector": "no-such-sector"},
]


@pytest.fixture
def mixed(make_practice, practice_index):
    public = [
        make_practice(
            "Bottega apprenticeship",
            content_language="it",
            country="IT",
            sectors=["wood-furniture"],
            eqf_levels=[3, 4],
            themes=["apprenticeship"],
        ),
        make_practice(
            "Green skills for craftspeople",
            content_language="el",
            country="GR",
            sectors=["construction", "wood-furniture"],
            eqf_levels=[4, 5],
            themes=["green skills"],
        ),
        make_practice(
            "Aprenentatge dual a la pastisseria",
            content_language="ca",
            country="ES",
            sectors=["food-catering"],
            eqf_levels=[3],
            themes=["apprenticeship", "green skills"],
        ),
        make_practice(
            "Bottega per adulti",
            content_language="it",
            country="IT",
            sectors=["construction"],
            eqf_levels=[5],
        ),
    ]
    secret = make_practice(
        "Restricted bottega",
        content_language="it",
        country="IT",
        sectors=["construction"],
        eqf_levels=[4],
        themes=["green skills"],
    )
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.LOGIN
    )
    draft = make_practice(
        "Unpublished bottega",
        content_language="el",
        country="GR",
        sectors=["construction"],
        eqf_levels=[3],
        themes=["apprenticeship"],
    )
    draft.unpublish()
    public[0].create_alias(update_slug="bottega-copy")
    return public


def orm_counts(filters):
    """Each facet counted with the ORM among the practices matching every
    other chosen facet: what count_facets must give."""

    def within(name):
        return matching(filters, skip=name).values("pk")

    def links(link, fk, name):
        rows = link.objects.filter(practicepage_id__in=within(name)).values_list(
            f"{fk}__slug", f"{fk}__name", f"{fk}__translation_key"
        )
        return Counter((slug, n, as_uuid(key)) for slug, n, key in rows)

    pages = matching(filters)
    themes = PracticeTag.objects.filter(content_object_id__in=within("theme"))
    return (
        pages.count(),
        {
            "country": Counter(
                matching(filters, skip="country").values_list("country", flat=True)
            ),
            "language": Counter(
                matching(filters, skip="language").values_list(
                    "content_language", flat=True
                )
            ),
            "eqf": Counter(
                EQFLink.objects.filter(practicepage_id__in=within("eqf")).values_list(
                    "eqflevel_id", flat=True
                )
            ),
            "theme": Counter(themes.values_list("tag__slug", "tag__name")),
            "sector": links(SectorLink, "sector", "sector"),
            "target": links(TargetLink, "targetgroup", "target"),
        },
    )


def comparable(total, counts):
    return (
        total,
        {
            "country": Counter(counts["country"]),
            "language": Counter(counts["language"]),
            "eqf": Counter(counts["eqf"]),
            "theme": Counter(
                {(slug, name): n for slug, (name, n) in counts["theme"].items()}
            ),
            "sector": Counter(
                {(s, name, as_uuid(key)): n for s, name, key, n in counts["sector"]}
            ),
            "target": Counter(
                {(s, name, as_uuid(key)): n for s, name, key, n in counts["target"]}
            ),
        },
    )


@pytest.mark.parametrize("params", COMBINATIONS, ids=lambda p: urlencode(p) or "all")
def test_counts_are_the_plain_orm_counts(mixed, params):
    filters = parse_filters(QueryDict(urlencode(params, doseq=True)))
    assert comparable(*count_facets(filters)) == orm_counts(filters)


def test_private_unpublished_and_alias_copies_are_not_counted(mixed):
    total, counts = count_facets(parse_filters(QueryDict("")))
    assert total == 4
    assert counts["language"] == {"it": 2, "el": 1, "ca": 1}
    assert counts["eqf"] == {3: 2, 4: 2, 5: 2}
    assert counts["theme"]["green-skills"] == ("green skills", 2)


def test_a_new_combination_costs_no_query(mixed, django_assert_num_queries):
    count_facets(parse_filters(QueryDict("language=it")))  # makes the table
    with django_assert_num_queries(0):
        total, counts = count_facets(
            parse_filters(QueryDict("sector=construction&sector=food-catering&eqf=5"))
        )
    assert total == 2
    assert counts["language"] == {"it": 1, "el": 1}
    # With a text query, one query: the ids the text matches.
    with django_assert_num_queries(1):
        total, _counts = count_facets(parse_filters(QueryDict("q=bottega")))
    assert total == 2


def test_a_change_shows_in_the_next_counts(mixed, make_practice):
    filters = parse_filters(QueryDict("country=IT"))
    assert count_facets(filters)[0] == 2
    make_practice("Another bottega", content_language="it", country="IT")
    assert count_facets(filters)[0] == 3
    PageViewRestriction.objects.create(
        page=mixed[0], restriction_type=PageViewRestriction.LOGIN
    )
    assert count_facets(filters)[0] == 2
    mixed[3].unpublish()
    assert count_facets(filters)[0] == 1


def test_one_process_builds_the_table_the_others_load_it(
    mixed, make_practice, settings, django_assert_num_queries
):
    """Right after a publish every worker needs the new version's table: one
    builds it, the others read it from the cache (no query), and a later change
    still shows in the next counts."""
    from practices.services.listing.facet_table import MEMO_KEY
    from vetnet.cache import forget_memo

    settings.FACET_CACHE_SECONDS = 300
    count_facets(parse_filters(QueryDict("language=it")))  # this process builds it
    forget_memo(MEMO_KEY)  # another process: nothing of its own yet
    with django_assert_num_queries(0):
        total, counts = count_facets(parse_filters(QueryDict("country=IT")))
    assert total == 2
    make_practice("Another bottega", content_language="it", country="IT")
    forget_memo(MEMO_KEY)
    assert count_facets(parse_filters(QueryDict("country=IT")))[0] == 3
