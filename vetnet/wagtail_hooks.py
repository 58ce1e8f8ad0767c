"""Background tasks in the Wagtail admin: a read-only list (Settings → Background
tasks) where staff see what is queued, what failed and why, and the retries."""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


class ReadOnlyTaskPolicy(ModelPermissionPolicy):
    """Nobody adds, edits or deletes task rows by hand; superusers and users
    given the "view" permission on task results see them."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(DBTaskResult, ReadOnlyTaskPolicy(DBTaskResult))


class TaskViewSet(ModelViewSet):
    model = DBTaskResult
    icon = "cogs"
    menu_label = _("Background tasks")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["task_name", "status", "enqueued_at", "run_after", "finished_at"]
    list_filter = ["status", "task_path"]
    ordering = ["-enqueued_at"]
    # Required by ModelViewSet; the policy above refuses the add and edit views.
    form_fields = ["status"]
    # The arguments (e-mail addresses and bodies) stay out of the admin.
    inspect_view_fields = [
        "task_path",
        "status",
        "enqueued_at",
        "run_after",
        "started_at",
        "finished_at",
        "exception_class_path",
        "traceback",
    ]


@hooks.register("register_admin_viewset")
def register_task_viewset():
    return TaskViewSet("background_tasks")
