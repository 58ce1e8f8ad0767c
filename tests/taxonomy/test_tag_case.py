"""Themes are tags in any case: "Green skills" and "green skills" are one theme
(TAGGIT_CASE_INSENSITIVE), and taxonomy 0005 merged the pairs made before."""

import importlib
import re

import pytest
from django.apps import apps
from taggit.models import Tag

from events.models import EventTag
from practices.models import PracticeTag
from taxonomy.models import ThemeName

pytestmark = pytest.mark.django_db

merge = importlib.import_module("taxonomy.migrations.0005_merge_case_duplicate_tags")


def theme_facet(html):
    """{value: (label, count)} of the listing's theme facet."""
    facet = html[html.index('data-facet="theme"') :]
    facet = facet[: facet.index("</fieldset>")]
    return {
        value: (label.strip(), int(count))
        for value, label, count in re.findall(
            r'value="([^"]+)">\n([^<]+)</label>\n<span class="count"[^>]*>(\d+)', facet
        )
    }


def test_a_theme_typed_in_another_case_joins_the_existing_one(client, make_practice):
    make_practice("Solar roofs", themes=["green skills"])
    make_practice("Heat pumps", themes=["Green Skills"])
    make_practice("Insulation", themes=["GREEN SKILLS", "energy"])

    assert Tag.objects.filter(name__iexact="green skills").count() == 1
    facet = theme_facet(client.get("/practices/").content.decode())
    assert facet == {"green-skills": ("green skills", 3), "energy": ("energy", 1)}


def test_the_migration_merges_case_twins_into_the_most_used(
    client, make_practice, make_event
):
    bees, hives, city = (
        make_practice(title)
        for title in ("Bees on the roof", "Hives in schools", "City honey")
    )
    fair = make_event("bee-fair")
    # Made while tags were case-sensitive: the oldest is the least used.
    rare = Tag.objects.create(name="Urban beekeeping", slug="urban-beekeeping")
    common = Tag.objects.create(name="urban beekeeping", slug="urban-beekeeping_1")
    shouting = Tag.objects.create(name="URBAN BEEKEEPING", slug="urban-beekeeping_2")
    other = Tag.objects.create(name="honey", slug="honey")
    for page, tag in [
        (bees, rare),
        (bees, common),  # the same practice through two twins
        (hives, common),
        (city, common),
        (city, shouting),
        (hives, other),
    ]:
        PracticeTag.objects.create(content_object=page, tag=tag)
    EventTag.objects.create(content_object=fair, tag=shouting)
    ThemeName.objects.create(tag=rare, language="el", name="αστική μελισσοκομία")
    ThemeName.objects.create(tag=rare, language="it", name="apicoltura (old)")
    ThemeName.objects.create(tag=common, language="it", name="apicoltura urbana")

    merge.merge_case_duplicate_tags(apps, None)

    assert not Tag.objects.filter(pk__in=[rare.pk, shouting.pk]).exists()
    kept = Tag.objects.get(name__iexact="urban beekeeping")
    assert kept.pk == common.pk
    links = sorted(
        PracticeTag.objects.filter(tag=kept).values_list("content_object_id", flat=True)
    )
    assert links == sorted([bees.pk, hives.pk, city.pk])  # none twice
    assert list(EventTag.objects.values_list("tag_id", flat=True)) == [kept.pk]
    assert dict(ThemeName.objects.filter(tag=kept).values_list("language", "name")) == {
        "it": "apicoltura urbana",
        "el": "αστική μελισσοκομία",
    }

    facet = theme_facet(client.get("/practices/").content.decode())
    assert facet == {
        "urban-beekeeping_1": ("urban beekeeping", 3),
        "honey": ("honey", 1),
    }
    greek = client.get(f"/el/practices/{bees.slug}/").content.decode()
    assert "αστική μελισσοκομία" in greek


def test_the_migration_leaves_distinct_tags_alone(make_practice):
    page = make_practice("Solar roofs", themes=["green skills", "energy"])
    before = set(Tag.objects.values_list("pk", "name"))
    merge.merge_case_duplicate_tags(apps, None)
    assert set(Tag.objects.values_list("pk", "name")) == before
    assert sorted(page.themes.names()) == ["energy", "green skills"]
