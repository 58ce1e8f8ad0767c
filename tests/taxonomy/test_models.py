"""The taxonomy models moved from practices without moving their data."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from taxonomy.models import EQFLevel, Sector, TargetGroup

pytestmark = pytest.mark.django_db


def test_tables_kept_their_names():
    assert Sector._meta.db_table == "practices_sector"
    assert TargetGroup._meta.db_table == "practices_targetgroup"
    assert EQFLevel._meta.db_table == "practices_eqflevel"


def test_one_content_type_each_under_taxonomy_with_its_permissions():
    for model in ("sector", "targetgroup", "eqflevel"):
        assert list(
            ContentType.objects.filter(model=model).values_list("app_label", flat=True)
        ) == ["taxonomy"]
    assert Permission.objects.filter(
        content_type__app_label="taxonomy", codename="change_sector"
    ).exists()


def test_the_eight_eqf_levels_are_there():
    assert list(EQFLevel.objects.values_list("level", flat=True)) == list(range(1, 9))
