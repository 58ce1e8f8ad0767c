"""The classification models move here from the practices app, data in place.

State only: the tables keep their names (practices_sector, practices_targetgroup,
practices_eqflevel), created on a fresh database by practices 0001/0002. The
content types change app label so that permissions, revisions and the snippet
admin keep pointing at the same rows.
"""

import uuid

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

def term_fields():
    return [
        (
            "id",
            models.BigAutoField(
                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
            ),
        ),
        ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
        ("name", models.CharField(max_length=120, verbose_name="name")),
        ("slug", models.SlugField(max_length=120, verbose_name="slug")),
        (
            "locale",
            models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
    ]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("practices", "0002_eqf_levels"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="EQFLevel",
                    fields=[
                        (
                            "level",
                            models.PositiveSmallIntegerField(
                                primary_key=True,
                                serialize=False,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(8),
                                ],
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "EQF level",
                        "db_table": "practices_eqflevel",
                        "ordering": ["level"],
                    },
                ),
                migrations.CreateModel(
                    name="Sector",
                    fields=term_fields(),
                    options={
                        "verbose_name": "sector",
                        "verbose_name_plural": "sectors",
                        "db_table": "practices_sector",
                        "ordering": ["name"],
                        "abstract": False,
                        "unique_together": {
                            ("slug", "locale"),
                            ("translation_key", "locale"),
                        },
                    },
                ),
                migrations.CreateModel(
                    name="TargetGroup",
                    fields=term_fields(),
                    options={
                        "verbose_name": "target group",
                        "verbose_name_plural": "target groups",
                        "db_table": "practices_targetgroup",
                        "ordering": ["name"],
                        "abstract": False,
                        "unique_together": {
                            ("slug", "locale"),
                            ("translation_key", "locale"),
                        },
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
