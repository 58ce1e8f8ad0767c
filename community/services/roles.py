"""Roles are Django groups (created by migration community 0003)."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

MEMBERS = "Members"
EDITORS = "Editors"
MODERATORS = "Moderators"
ORGANISERS = "Organisers"
ROLES = (MEMBERS, EDITORS, MODERATORS, ORGANISERS)

ORGANISER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def grant_organiser_pages():
    """Organisers edit and publish pages under every events index (and nowhere
    else). Called once the events section exists (demo loader, or by hand)."""
    try:
        from events.models import EventIndexPage
    except ImportError:
        return 0
    organisers, _ = Group.objects.get_or_create(name=ORGANISERS)
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
