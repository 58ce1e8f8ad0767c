"""Roles as groups, and one Wagtail locale per interface language.

Groups (get_or_create by name, so other apps may add their own permissions):
- Members: every new sign-up; no admin access, no model permissions.
- Editors: review and publish pages (practices, news) in the Wagtail admin;
  images and documents for those pages; the default approval task is theirs.
- Moderators: rooms and threads on the public site (the forums app grants its
  own permissions). Wagtail's initial data gave a group of that name admin access
  and page publishing; those are taken away here, forums permissions are kept.
- Organisers: admin access with images and documents; page permissions on the
  events section are granted once it exists (community.services.roles).
"""

from django.db import migrations

LANGUAGES = ["en", "it", "es", "ca", "el", "de", "nl"]

IMAGE_DOC_PERMS = [
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "change_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "change_document"),
    ("wagtaildocs", "document", "choose_document"),
]


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return perm


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")
    image_doc = [permission(apps, *spec) for spec in IMAGE_DOC_PERMS]

    Group.objects.get_or_create(name="Members")
    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    organisers, _ = Group.objects.get_or_create(name="Organisers")

    # Moderators moderate rooms, not pages: remove Wagtail's page and admin rights.
    GroupPagePermission.objects.filter(group=moderators).delete()
    GroupCollectionPermission.objects.filter(group=moderators).delete()
    moderators.permissions.remove(access_admin, *image_doc)

    editors.permissions.add(access_admin)
    organisers.permissions.add(access_admin)
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for group in (editors, organisers):
            for perm in image_doc:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=perm
                )
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=editors,
                page=root_page,
                permission=permission(apps, "wagtailcore", "page", codename),
            )
    # Submitted practices wait for an editor's approval.
    for task in GroupApprovalTask.objects.filter(groups=moderators):
        task.groups.remove(moderators)
        task.groups.add(editors)


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0002_members_news_sectors"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(create_locales, migrations.RunPython.noop),
    ]
