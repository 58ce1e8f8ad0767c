from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0003_practicetokens_fulltext")]

    operations = [
        migrations.CreateModel(
            name="ConceptWeight",
            fields=[
                (
                    "concept",
                    models.CharField(max_length=200, primary_key=True, serialize=False),
                ),
                ("documents", models.PositiveIntegerField(default=0)),
                ("weight", models.FloatField(default=1.0)),
            ],
            options={"verbose_name": "thesaurus concept weight"},
        ),
    ]
