"""Admin screens for the community models that are not pages."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation, OrganisationMembership


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    add_to_admin_menu = True
    list_display = ["name", "kind", "country", "city", "is_partner"]
    list_filter = ["kind", "is_partner"]
    search_fields = ["name", "short_name", "city"]


class MembershipViewSet(SnippetViewSet):
    model = OrganisationMembership
    icon = "user"
    menu_label = "Memberships"
    list_display = ["user", "organisation", "role", "status"]
    list_filter = ["status", "role"]


register_snippet(OrganisationViewSet)
register_snippet(MembershipViewSet)
