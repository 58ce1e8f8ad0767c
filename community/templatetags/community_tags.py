"""Site navigation and small helpers for the community templates."""

from django import template
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from community.names import display_name
from taxonomy.names import language_name

register = template.Library()

NAV_ITEMS = [
    ("/practices/", _("Good practices")),
    ("/insights/", _("Insights")),
    ("/events/", _("Events")),
    ("/learn/", _("Learning")),
    ("/forums/", _("Forums")),
    ("/counselling/", _("Counselling")),
    ("/organisations/", _("Organisations")),
    ("/members/", _("Members")),
    ("/news/", _("News")),
]


def language_prefix():
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


@register.simple_tag
def localised_path(path):
    """A site path with the active language's prefix (none for English)."""
    return f"{language_prefix()}{path}"


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """Main menu entries; the section the visitor is in gets aria-current."""
    request = context.get("request")
    current = request.path if request else ""
    prefix = language_prefix()
    items = []
    for path, label in NAV_ITEMS:
        href = f"{prefix}{path}"
        if current == href:
            state = "page"
        elif current.startswith(href):
            state = "true"
        else:
            state = ""
        items.append({"href": href, "label": label, "current": state})
    return items


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page (and its query) in each interface language, named in
    itself (settings.LANGUAGES, never translated): plain links, so that switching
    needs no form, no CSRF cookie, and every page stays cacheable."""
    request = context.get("request")
    full_path = request.get_full_path() if request else "/"
    codes = [code for code, _name in settings.LANGUAGES]
    parts = full_path.split("/", 2)
    if len(parts) > 2 and parts[1] in codes:
        full_path = "/" + parts[2]
    return [
        {
            "code": code,
            "name": str(name),
            "href": full_path
            if code == settings.LANGUAGE_CODE
            else f"/{code}{full_path}",
        }
        for code, name in settings.LANGUAGES
    ]


register.filter("language_name", language_name)
register.filter("display_name", display_name)
