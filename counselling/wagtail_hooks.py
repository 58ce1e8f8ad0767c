"""Admin: counsellors (profile, weekly hours, days off) as a snippet. Bookings are
managed on the site (the counsellor's dashboard), not here."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Counsellor


class CounsellorViewSet(SnippetViewSet):
    model = Counsellor
    icon = "user"
    menu_label = _("Counsellors")
    menu_name = "counsellors"
    add_to_admin_menu = True
    list_display = ["user", "organisation", "time_zone", "capacity", "is_active"]
    list_filter = ["is_active", "mode"]
    search_fields = ["slug", "bio"]


register_snippet(CounsellorViewSet)
