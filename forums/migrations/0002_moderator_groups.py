"""The Moderators group (forum moderation permissions) and the Counsellors group."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR_PERMISSIONS = [
    "moderate_forums",
    "view_room",
    "view_message",
    "change_message",
    "view_messageflag",
    "view_moderationaction",
    "view_thread",
    "change_thread",
    "view_post",
    "change_post",
]


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrations; make sure they exist.
    app_config = apps.get_app_config("forums")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="forums", codename__in=MODERATOR_PERMISSIONS
        )
    )
    Group.objects.get_or_create(name="Counsellors")


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
