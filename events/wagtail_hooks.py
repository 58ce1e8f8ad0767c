from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.signals import page_published

from . import admin_views
from .models import EventPage
from .permissions import can_view_registrations

admin_patterns = [
    path("", admin_views.event_index, name="index"),
    path("<int:event_id>/", admin_views.registrations, name="registrations"),
    path("<int:event_id>/cancel/<int:pk>/", admin_views.cancel, name="cancel"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "event-registrations/",
            include((admin_patterns, "events_admin"), namespace="events_admin"),
        )
    ]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_registrations(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return RegistrationsMenuItem(
        _("Registrations"), reverse("events_admin:index"), icon_name="group", order=350
    )


@hooks.register("register_page_header_buttons")
def registrations_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, EventPage) and can_view_registrations(user):
        yield Button(
            _("Registrations"),
            reverse("events_admin:registrations", kwargs={"event_id": page.pk}),
            icon_name="group",
            priority=80,
        )


def promote_after_publish(sender, instance, **kwargs):
    """More seats published: people waiting get them at once."""
    from django.db import transaction

    from .services.registration import promote_next

    # Publishing runs inside Wagtail's transaction; the seat lock needs its own.
    transaction.on_commit(lambda: promote_next(instance))


page_published.connect(promote_after_publish, sender=EventPage)
