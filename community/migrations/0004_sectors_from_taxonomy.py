"""Organisation.sectors points at taxonomy.Sector (same table: state only)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0003_roles_and_locales"),
        ("taxonomy", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="organisation",
                    name="sectors",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="organisations",
                        to="taxonomy.sector",
                        verbose_name="sectors",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
