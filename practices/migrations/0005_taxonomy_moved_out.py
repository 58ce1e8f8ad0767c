"""Sector, TargetGroup and EQFLevel now live in the taxonomy app.

State only: the practice's many-to-many fields point at the taxonomy models, whose
tables are the ones created here by 0001 (see taxonomy 0001).
"""

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0004_review_workflow"),
        ("taxonomy", "0001_initial"),
        ("community", "0004_sectors_from_taxonomy"),
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
    ]
