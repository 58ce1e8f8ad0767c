"""The per-language token counts (services/statistics.py, held_field) for the
practices already indexed: what the dictionary translation's common-term rule
reads (query/scoring.py, term_shares). Without them no translation is dropped
until the practices are indexed again."""

from collections import Counter

from django.db import migrations


def _fill(apps, schema_editor):
    tokens = apps.get_model("search", "PracticeTokens")
    statistic = apps.get_model("search", "TokenStatistic")
    statistic.objects.filter(field__startswith="held_").delete()
    counts = Counter()
    rows = tokens.objects.values_list("language", "title", "text").iterator()
    for language, title, text in rows:
        for token in set((title or "").split()) | set((text or "").split()):
            counts[f"held_{language}", token] += 1
    statistic.objects.bulk_create(
        [
            statistic(field=field, token=token, documents=documents)
            for (field, token), documents in counts.items()
        ],
        batch_size=1000,
    )


def _drop(apps, schema_editor):
    apps.get_model("search", "TokenStatistic").objects.filter(
        field__startswith="held_"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0009_practicetokens_concepts_main")]

    operations = [migrations.RunPython(_fill, _drop)]
