"""Which practices a filtered view holds: published, public, matching the filters."""

from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast, Length, Substr
from wagtail.models import PageViewRestriction

from practices.models import PracticePage, PracticeTag

from .filters import SORTS

SectorLink = PracticePage.sectors.through
TargetLink = PracticePage.target_groups.through
EQFLink = PracticePage.eqf_levels.through


def _in_private_section():
    """A view restriction on the page or on one of its ancestors (a restricted
    page's path is a prefix of the paths of its whole subtree)."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def public(qs):
    """Pages outside any private section.

    Wagtail's PageQuerySet.public() first reads every restriction in a query of
    its own to build its filter; here the same rule is a correlated NOT EXISTS
    (an anti-join against the few restrictions), so the listing keeps its fixed
    number of queries.
    """
    return qs.exclude(_in_private_section())


def live_public():
    """Published public practices; aliases are left out: an alias shows the same
    practice at another address (with the restrictions of its source), so
    listing it would show it twice."""
    return public(PracticePage.objects.live().filter(alias_of__isnull=True))


def _linked(link, page_field, lookup, values):
    return Q(pk__in=link.objects.filter(**{lookup: values}).values(page_field))


# Each facet's condition: a practice matches when it has ANY of the values.
FACET_CONDITIONS = {
    "country": lambda values: Q(country__in=values),
    "language": lambda values: Q(content_language__in=values),
    "sector": lambda values: _linked(
        SectorLink, "practicepage_id", "sector__slug__in", values
    ),
    "target": lambda values: _linked(
        TargetLink, "practicepage_id", "targetgroup__slug__in", values
    ),
    "eqf": lambda values: _linked(
        EQFLink, "practicepage_id", "eqflevel_id__in", values
    ),
    "theme": lambda values: _linked(
        PracticeTag, "content_object_id", "tag__slug__in", values
    ),
}


def text_condition(q):
    """The text query: in the title, the summary or the outcomes."""
    return Q(title__icontains=q) | Q(summary__icontains=q) | Q(outcomes__icontains=q)


def matching(filters, skip=None):
    """Published public practices matching the text query and every chosen
    facet but ``skip`` (OR within a facet, AND across facets), unordered:
    ``skip`` gives the set a facet's own counts are taken in."""
    qs = live_public()
    if filters.q:
        qs = qs.filter(text_condition(filters.q))
    for name, condition in FACET_CONDITIONS.items():
        values = filters.chosen(name)
        if values and name != skip:
            qs = qs.filter(condition(values))
    return qs


def filtered_queryset(filters):
    """Published public practices matching every filter, in the chosen order."""
    return matching(filters).order_by(*SORTS[filters.sort])


def as_text(expression):
    """A column read as text (UNION branches need one type per column)."""
    return Cast(expression, output_field=CharField())
