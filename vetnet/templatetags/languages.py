"""The language menu names each language in itself ("English", "Italiano", ...):
someone looking for their language recognises it whatever the page's language.
Django's ``get_available_languages`` translates the names ("Inglese" on /it/)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def interface_languages():
    """(code, endonym) of every interface language, as settings.LANGUAGES names
    them (in their own language, never translated)."""
    return [(code, str(name)) for code, name in settings.LANGUAGES]
