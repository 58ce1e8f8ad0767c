"""Follows, notifications, e-mail preferences and digests in the Wagtail admin:
read-mostly lists for administrators (superusers) only, searchable by member and
filterable by kind, so support can answer "why did (not) I get this e-mail?".

Nobody adds or edits these rows by hand (they are the members' own choices and
the worker's records); an administrator may delete a follow or a notification.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Digest, EmailPreference, Follow, Notification


class AdministratorsOnly(ModelPermissionPolicy):
    """Active superusers may view (and, where ``deletable``, delete); nobody
    else may do anything, whatever their model permissions say: these rows are
    members' personal data."""

    def __init__(self, model, deletable=False):
        super().__init__(model)
        self.actions = {"view", "delete"} if deletable else {"view"}

    def user_has_permission(self, user, action):
        return action in self.actions and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        if not self.actions & set(actions):
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


register_permission_policy(Follow, AdministratorsOnly(Follow, deletable=True))
register_permission_policy(
    Notification, AdministratorsOnly(Notification, deletable=True)
)
register_permission_policy(EmailPreference, AdministratorsOnly(EmailPreference))
register_permission_policy(Digest, AdministratorsOnly(Digest))

MEMBER_SEARCH = ["user__username", "user__email", "user__last_name"]
MEMBER_FILTER = {"user__username": ["iexact"]}


class ReadMostlyViewSet(ModelViewSet):
    copy_view_enabled = False
    inspect_view_enabled = True
    # Required by ModelViewSet; the policies refuse the add and edit views.
    form_fields = ["kind"]
    # Nothing links to these rows ("usage" would say nothing), and Wagtail's
    # reference index listens to each save and delete of an indexed model: a
    # task per notification created, a load and a query per row of every
    # bulk delete (10,000 notifications: 1,004 queries with it, 1 without).
    add_to_reference_index = False


class FollowViewSet(ReadMostlyViewSet):
    model = Follow
    icon = "view"
    menu_label = _("Follows")
    list_display = ["user", "kind", "value", "query", "label", "created_at"]
    list_filter = {"kind": ["exact"], **MEMBER_FILTER}
    search_fields = [*MEMBER_SEARCH, "value", "query", "label"]
    ordering = ["-created_at"]


class NotificationViewSet(ReadMostlyViewSet):
    model = Notification
    icon = "mail"
    menu_label = _("Notifications")
    list_display = ["user", "kind", "title", "created_at", "read_at", "digest"]
    list_filter = {"kind": ["exact"], "read_at": ["isnull"], **MEMBER_FILTER}
    search_fields = [*MEMBER_SEARCH, "title", "key"]
    ordering = ["-created_at"]


class EmailPreferenceViewSet(ReadMostlyViewSet):
    model = EmailPreference
    icon = "cog"
    menu_label = _("E-mail preferences")
    list_display = ["user", "kind", "frequency"]
    list_filter = {"kind": ["exact"], "frequency": ["exact"], **MEMBER_FILTER}
    search_fields = MEMBER_SEARCH
    ordering = ["user__username", "kind"]


class DigestViewSet(ReadMostlyViewSet):
    model = Digest
    icon = "doc-full"
    menu_label = _("Digests sent")
    form_fields = ["period"]
    list_display = ["user", "period", "language", "to", "created_at", "queued_at"]
    list_filter = {"language": ["exact"], **MEMBER_FILTER}
    search_fields = [*MEMBER_SEARCH, "period", "to", "subject"]
    ordering = ["-created_at"]
    inspect_view_fields = [
        "user",
        "period",
        "run",
        "language",
        "to",
        "subject",
        "text",
        "created_at",
        "queued_at",
    ]


class NotificationsGroup(ViewSetGroup):
    menu_label = _("Notifications")
    menu_icon = "mail"
    add_to_settings_menu = True
    items = (
        FollowViewSet("notification_follows"),
        NotificationViewSet("notification_items"),
        EmailPreferenceViewSet("notification_preferences"),
        DigestViewSet("notification_digests"),
    )


@hooks.register("register_admin_viewset")
def register_notifications_viewsets():
    return NotificationsGroup()
