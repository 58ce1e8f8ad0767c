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


def filtered_queryset(filters):
    """Published public practices matching every filter, in the chosen order.

    Aliases are left out: an alias shows the same practice at another address
    (with the restrictions of its source), so listing it would show it twice.
    """
    qs = public(PracticePage.objects.live().filter(alias_of__isnull=True))
    if filters.q:
        qs = qs.filter(
            Q(title__icontains=filters.q)
            | Q(summary__icontains=filters.q)
            | Q(outcomes__icontains=filters.q)
        )
    if filters.country:
        qs = qs.filter(country=filters.country)
    if filters.language:
        qs = qs.filter(content_language=filters.language)
    if filters.sector:
        qs = qs.filter(
            pk__in=SectorLink.objects.filter(sector__slug=filters.sector).values(
                "practicepage_id"
            )
        )
    if filters.target:
        qs = qs.filter(
            pk__in=TargetLink.objects.filter(targetgroup__slug=filters.target).values(
                "practicepage_id"
            )
        )
    if filters.eqf:
        qs = qs.filter(
            pk__in=EQFLink.objects.filter(eqflevel_id=filters.eqf).values(
                "practicepage_id"
            )
        )
    if filters.theme:
        qs = qs.filter(
            pk__in=PracticeTag.objects.filter(tag__slug=filters.theme).values(
                "content_object_id"
            )
        )
    return qs.order_by(*SORTS[filters.sort])


def as_text(expression):
    """A column read as text (UNION branches need one type per column)."""
    return Cast(expression, output_field=CharField())
