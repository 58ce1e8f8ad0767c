"""Admin: the taxonomy as translatable snippets under one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Sector, TargetGroup


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Sectors")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "slug"]
    ordering = ["name"]
    # The admin URLs editors know from before the move to the taxonomy app.
    url_prefix = "snippets/practices/sector"


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("Target groups")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "slug"]
    ordering = ["name"]
    url_prefix = "snippets/practices/targetgroup"


class TaxonomyGroup(SnippetViewSetGroup):
    items = (SectorViewSet, TargetGroupViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Practice taxonomy")
    menu_name = "practice-taxonomy"


register_snippet(TaxonomyGroup)
