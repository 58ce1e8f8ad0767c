from django.db import migrations


def create_levels(apps, schema_editor):
    EQFLevel = apps.get_model("practices", "EQFLevel")
    for level in range(1, 9):
        EQFLevel.objects.get_or_create(level=level)


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [migrations.RunPython(create_levels, migrations.RunPython.noop)]
