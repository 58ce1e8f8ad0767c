"""Dates on the counselling pages in the formats every page uses (vetnet/formats)."""

from django import template
from django.utils.formats import date_format, get_format

register = template.Library()


@register.filter(expects_localtime=True)
def day_with_weekday(value):
    """A day with its weekday, written as DATETIME_FORMAT writes it in the active
    language without the time: "Monday 30 November 2026", "Montag, 30. November
    2026", "Δευτέρα 30 Νοεμβρίου 2026" (genitive month, not "Νοέμβριος")."""
    if not value:
        return ""
    pattern = get_format("DATETIME_FORMAT").removesuffix(
        ", " + get_format("TIME_FORMAT")
    )
    return date_format(value, pattern)
