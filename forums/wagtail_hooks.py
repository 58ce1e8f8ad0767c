"""Admin: rooms and threads under one "Forums" menu; moderation stays on the site
(/forums/moderation/) where moderators see flagged messages and the log."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Room, Thread


class RoomViewSet(SnippetViewSet):
    model = Room
    icon = "comment"
    menu_label = _("Rooms")
    list_display = ["name", "slug", "kind", "anonymous_can_read", "last_activity_at"]
    list_filter = ["kind", "anonymous_can_read"]
    search_fields = ["name", "slug", "description"]
    ordering = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("kind"),
        FieldPanel("anonymous_can_read"),
        FieldPanel("topic"),
        FieldPanel("counsellor"),
    ]


class ThreadViewSet(SnippetViewSet):
    model = Thread
    icon = "openquote"
    menu_label = _("Threads")
    list_display = ["title", "author", "last_activity_at"]
    search_fields = ["title"]
    ordering = ["-last_activity_at"]
    panels = [FieldPanel("title"), FieldPanel("slug")]


class ForumsGroup(SnippetViewSetGroup):
    items = (RoomViewSet, ThreadViewSet)
    menu_icon = "comment"
    menu_label = _("Forums")
    menu_name = "forums"


register_snippet(ForumsGroup)
