"""The Organisers group: registrant lists, manual add/cancel, check-in, CSV.

A colleague's roles work may touch groups too: both sides get_or_create by name.
Page permissions on the events section are granted by events.demo (they need the
page to exist).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Organisers"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("events", "registration", "view_registration"),
    ("events", "registration", "add_registration"),
    ("events", "registration", "change_registration"),
]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    for app_label, model, codename in PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label=app_label,
            content_type__model=model,
            codename=codename,
        )
        group.permissions.add(permission)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="events", content_type__model="registration"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
