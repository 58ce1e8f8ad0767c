"""Admin forms of the taxonomy."""

from django.db.models import Q
from taggit.models import Tag
from wagtail.admin.forms import WagtailAdminModelForm

from .themes import theme_tags


class ThemeNameForm(WagtailAdminModelForm):
    """A theme's name in one language: the theme is chosen among the tags that
    practices and events carry (not news tags or members' expertise), by name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "tag" in self.fields:
            current = Q(pk=self.instance.tag_id) if self.instance.tag_id else Q()
            self.fields["tag"].queryset = Tag.objects.filter(
                Q(pk__in=theme_tags().values("pk")) | current
            ).order_by("name")
