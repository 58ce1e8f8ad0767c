"""The "Editors" group and the "Practice review" workflow members' submissions go to.

Groups are looked up by name (get_or_create) so that the roles set up by the
community app and this migration agree on the same "Editors" group. The workflow is
assigned to the practice index when it exists; practices.services.workflow does the
same (idempotently) when the demo loader or a test creates the index later.
"""

from django.db import migrations

GROUP = "Editors"
WORKFLOW = "Practice review"


def create_review_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    PracticeIndexPage = apps.get_model("practices.PracticeIndexPage")

    editors, _ = Group.objects.get_or_create(name=GROUP)
    admin_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailadmin", model="admin"
    )
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    editors.permissions.add(access_admin)

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=WORKFLOW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=WORKFLOW, content_type=task_type, active=True
        )
    task.groups.add(editors)
    workflow, created = Workflow.objects.get_or_create(
        name=WORKFLOW, defaults={"active": True}
    )
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for index_page in PracticeIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(
            page_id=index_page.pk, defaults={"workflow": workflow}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0003_cover_image"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_review_workflow, migrations.RunPython.noop)
    ]
