"""Admin: the taxonomy as translatable snippets under one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .forms import ThemeNameForm
from .models import Sector, TargetGroup, ThemeName
from .themes import untranslated_themes


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


class ThemeNameIndexView(IndexView):
    """The names given so far, under the themes still lacking a name in some
    language (each missing one links to the form, filled in)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only:
            context["untranslated_themes"] = untranslated_themes()
        return context


class ThemeNameCreateView(CreateView):
    def get_initial(self):
        """The theme and language of a "missing" link (?tag=<pk>&language=<code>)."""
        initial = super().get_initial()
        for key in ("tag", "language"):
            if self.request.GET.get(key):
                initial[key] = self.request.GET[key]
        return initial


class ThemeNameViewSet(SnippetViewSet):
    model = ThemeName
    icon = "doc-full"
    menu_label = _("Theme names")
    index_view_class = ThemeNameIndexView
    add_view_class = ThemeNameCreateView
    index_template_name = "taxonomy/admin/theme_names_index.html"
    list_display = ["tag", "language", "name"]
    list_filter = ["language"]
    search_fields = ["name", "tag__name"]
    search_backend_name = None  # the ORM: the rows are few and not indexed
    ordering = ["tag__name", "language"]
    edit_handler = ObjectList(
        [FieldPanel("tag"), FieldPanel("language"), FieldPanel("name")],
        base_form_class=ThemeNameForm,
    )


class TaxonomyGroup(SnippetViewSetGroup):
    items = (SectorViewSet, TargetGroupViewSet, ThemeNameViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Practice taxonomy")
    menu_name = "practice-taxonomy"


register_snippet(TaxonomyGroup)
