"""What the follows page offers to follow, named in the active language."""

from django.db.models import Count
from taggit.models import Tag

from community.models import Organisation
from taxonomy.models import TargetGroup
from taxonomy.names import (
    country_names,
    localised_names,
    sector_names_by_slug,
    theme_name,
)

from ..models import Follow

Kind = Follow.Kind
THEMES = 100


def _targets():
    terms = {}
    for term in TargetGroup.objects.order_by("pk"):
        terms.setdefault(term.slug, term)
    names = localised_names([t.translation_key for t in terms.values()])
    return sorted(
        ((slug, names.get(t.translation_key, t.name)) for slug, t in terms.items()),
        key=lambda pair: pair[1].lower(),
    )


def follow_choices():
    """[(kind, label, [(value, name)])] for the follows page's selects."""
    sectors = sorted(sector_names_by_slug().items(), key=lambda p: p[1].lower())
    themes = (
        Tag.objects.filter(practices_practicetag_items__isnull=False)
        .annotate(n=Count("practices_practicetag_items"))
        .order_by("-n", "name")
        .values_list("slug", "name")[:THEMES]
    )
    themes = sorted(
        ((slug, theme_name(name)) for slug, name in themes),
        key=lambda p: p[1].lower(),
    )
    countries = sorted(country_names().items(), key=lambda p: p[1])
    organisations = Organisation.objects.order_by("name").values_list("slug", "name")
    return [
        (Kind.SECTOR, Kind.SECTOR.label, sectors),
        (Kind.THEME, Kind.THEME.label, themes),
        (Kind.COUNTRY, Kind.COUNTRY.label, countries),
        (Kind.TARGET, Kind.TARGET.label, _targets()),
        (Kind.ORGANISATION, Kind.ORGANISATION.label, list(organisations)),
    ]
