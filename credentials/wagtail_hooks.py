from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

admin_patterns = [
    path("", admin_views.index, name="index"),
    path("<int:pk>/revoke/", admin_views.revoke, name="revoke"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "credentials/",
            include(
                (admin_patterns, "credentials_admin"), namespace="credentials_admin"
            ),
        )
    ]


class CredentialsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_manage(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return CredentialsMenuItem(
        _("Credentials"),
        reverse("credentials_admin:index"),
        icon_name="success",
        order=360,
    )
