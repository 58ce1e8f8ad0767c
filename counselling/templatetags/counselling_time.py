"""Dates on the counselling pages and in its e-mails, in the formats every page
uses (vetnet/formats)."""

from datetime import UTC

from django import template
from django.utils import timezone
from django.utils.formats import date_format, get_format
from django.utils.html import format_html

register = template.Library()


def _day_with_weekday(value):
    """A day with its weekday, written as DATETIME_FORMAT writes it in the active
    language without the time: "Monday 30 November 2026", "Montag, 30. November
    2026", "Δευτέρα 30 Νοεμβρίου 2026" (genitive month, not "Νοέμβριος")."""
    pattern = get_format("DATETIME_FORMAT").removesuffix(
        ", " + get_format("TIME_FORMAT")
    )
    return date_format(value, pattern)


def local_text(when, zone, format=None):
    """``when`` written in ``zone`` and the active language: ``format`` is "DAY"
    (:func:`_day_with_weekday`) or a format name or pattern (DATE_FORMAT when
    none). The one writing of a time that pages and e-mails share."""
    if not when:
        return ""
    with timezone.override(zone):
        local = timezone.localtime(when)
        if format == "DAY":
            return _day_with_weekday(local)
        return date_format(local, format)


@register.simple_tag
def local_time(when, zone, format=None):
    """:func:`local_text` as a ``<time>`` element. A tag, so a sentence can hold
    it whole (``{% local_time ... as opens %}`` then ``{% blocktranslate %}``): a
    language puts its own preposition and word order around a date."""
    if not when:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>',
        when.astimezone(UTC).isoformat(),
        local_text(when, zone, format),
    )


@register.simple_tag(name="local_text")
def local_text_tag(when, zone, format=None):
    """:func:`local_text` for plain text (e-mails): the words without the
    element, so a message reads a time exactly as the site's pages do."""
    return local_text(when, zone, format)
