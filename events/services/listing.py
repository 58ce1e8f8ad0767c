"""The events listing: upcoming first, past events archived, kind/country filters."""

from django.utils import timezone
from django_countries import countries

from ..models import EventKind, EventPage


def event_listing(index_page, params, now=None):
    now = now or timezone.now()
    events = (
        EventPage.objects.live()
        .child_of(index_page)
        .only(
            "id",
            "title",
            "slug",
            "url_path",
            "kind",
            "summary",
            "start",
            "end",
            "timezone",
            "city",
            "country",
            "online_url",
            "capacity",
        )
    )
    kind = params.get("kind", "")
    if kind not in EventKind.values:
        kind = ""
    country = params.get("country", "").upper()
    if country not in dict(countries):
        country = ""
    if kind:
        events = events.filter(kind=kind)
    if country:
        events = events.filter(country=country)
    used_countries = sorted(
        set(
            EventPage.objects.live()
            .child_of(index_page)
            .exclude(country="")
            .values_list("country", flat=True)
        )
    )
    return {
        "upcoming": list(events.filter(end__gt=now).order_by("start")),
        "past": list(events.filter(end__lte=now).order_by("-start")),
        "kinds": EventKind.choices,
        "countries": [(code, dict(countries)[code]) for code in used_countries],
        "selected_kind": kind,
        "selected_country": country,
    }


def upcoming_events(limit=3, now=None):
    """The next live events anywhere on the site (for the home page)."""
    now = now or timezone.now()
    return list(EventPage.objects.live().filter(end__gt=now).order_by("start")[:limit])
