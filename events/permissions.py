"""Who may see and change registrations, and publish event pages: the Organisers
group (or superusers)."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

ORGANISERS_GROUP = "Organisers"
VIEW = "events.view_registration"
CHANGE = "events.change_registration"


def can_view_registrations(user):
    return user.is_authenticated and user.has_perm(VIEW)


def can_change_registrations(user):
    return user.is_authenticated and user.has_perm(CHANGE)


ORGANISER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def grant_organiser_pages():
    """Organisers edit and publish pages under every events index (and nowhere
    else). Called once the events section exists (demo loader, or by hand)."""
    from .models import EventIndexPage

    organisers, _ = Group.objects.get_or_create(name=ORGANISERS_GROUP)
    granted = 0
    for index_page in EventIndexPage.objects.all():
        for codename in ORGANISER_PAGE_PERMISSIONS:
            _, created = GroupPagePermission.objects.get_or_create(
                group=organisers,
                page=index_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
            granted += created
    return granted
