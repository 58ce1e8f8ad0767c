"""Admin: enrolments, to find a learner's enrolment and change its status (trainers
approve on the site, /learn/course/<id>/learners/)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Enrolment


class EnrolmentViewSet(SnippetViewSet):
    model = Enrolment
    icon = "group"
    menu_label = _("Enrolments")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["user", "course", "status", "created_at", "completed_at"]
    list_filter = ["status"]
    search_fields = ["user__username", "user__email", "user__last_name"]
    ordering = ["-created_at"]
    panels = [FieldPanel("status")]


register_snippet(EnrolmentViewSet)
