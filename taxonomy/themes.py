"""Practice themes: the django-taggit tags practices and events are tagged with.

Tags are shared with news pages and members' expertise; a tag is a *theme* when a
practice or an event carries it. Taxonomy imports neither app: it reaches their
tag links through the relation names their through models give Tag
(``<app>_<model>_items``, django-taggit's TaggedItemBase).
"""

from django.db.models import Q
from taggit.models import Tag

from .models import ThemeName, theme_languages

# Tag's relations to the practices' and the events' theme links.
THEME_RELATIONS = ("practices_practicetag_items", "events_eventtag_items")


def theme_tags():
    """The tags some practice or event carries (a queryset of Tag, by name)."""
    carried = Q()
    for relation in THEME_RELATIONS:
        carried |= Q(pk__in=Tag.objects.filter(**{f"{relation}__isnull": False}))
    return Tag.objects.filter(carried).order_by("name")


def untranslated_themes():
    """[(tag, [(code, language name)])]: each theme with the languages it has no
    name in yet, by theme name; empty when every theme is named in every one.
    Names go by the tag's name in any case, as on the pages (theme_name): a
    member's "Green skills" has the names given to "green skills"."""
    named = {
        (tag.lower(), language)
        for tag, language in ThemeName.objects.values_list("tag__name", "language")
    }
    languages = theme_languages()
    missing = (
        (tag, [(c, n) for c, n in languages if (tag.name.lower(), c) not in named])
        for tag in theme_tags()
    )
    return [(tag, codes) for tag, codes in missing if codes]
