"""Sector, TargetGroup and EQFLevel now live in the taxonomy app.

State only: the practice's many-to-many fields point at the taxonomy models, whose
tables are the ones created here by 0001 (see taxonomy 0001).

The content types keep their ids and change app label, so that permissions,
revisions and the snippet admin keep pointing at the same rows. A migration that
creates every app's permissions (Wagtail has some) may already have added empty
taxonomy content types next to them: those duplicates go first.
"""

import modelcluster.fields
from django.db import migrations

MOVED = ("sector", "targetgroup", "eqflevel")


def _relabel(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MOVED:
        moving = types.filter(app_label=source, model=model).first()
        if moving is None:
            continue
        types.filter(app_label=target, model=model).delete()
        moving.app_label = target
        moving.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    _relabel(apps, schema_editor, "practices", "taxonomy")


def backwards(apps, schema_editor):
    _relabel(apps, schema_editor, "taxonomy", "practices")


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0004_review_workflow"),
        ("taxonomy", "0001_initial"),
        ("community", "0004_sectors_from_taxonomy"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="practicepage",
                    name="sectors",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True, related_name="practices", to="taxonomy.sector"
                    ),
                ),
                migrations.AlterField(
                    model_name="practicepage",
                    name="target_groups",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True, related_name="practices", to="taxonomy.targetgroup"
                    ),
                ),
                migrations.AlterField(
                    model_name="practicepage",
                    name="eqf_levels",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True,
                        related_name="practices",
                        to="taxonomy.eqflevel",
                        verbose_name="EQF levels",
                    ),
                ),
                migrations.DeleteModel(name="Sector"),
                migrations.DeleteModel(name="TargetGroup"),
                migrations.DeleteModel(name="EQFLevel"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
