"""The events listing: upcoming first, past events archived, kind/country
filters and the sectors (several may be chosen: any of them)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from taxonomy.facets import build_facet, count_by
from taxonomy.filters import Param, parse_facets
from taxonomy.names import sector_names_by_slug

from ..models import EventKind, EventPage

SECTOR = Param("sector")


def sector_facet(live_events, chosen):
    """The sectors of the listing's events, with how many events each has."""
    counts = count_by(
        EventPage.sectors.through.objects.filter(eventpage__in=live_events),
        "sector__slug",
    )
    names = sector_names_by_slug()
    return build_facet(
        SECTOR.name, counts, title=_("Sector"), selected=chosen, label=names
    )


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
    sectors = parse_facets(params, (SECTOR,))[0][SECTOR.name]
    if sectors:
        events = events.filter(
            pk__in=EventPage.sectors.through.objects.filter(
                sector__slug__in=sectors
            ).values("eventpage_id")
        )
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
        "sector_facet": sector_facet(
            EventPage.objects.live().child_of(index_page).values("pk"), sectors
        ),
    }


def upcoming_events(limit=3, now=None):
    """The next live events anywhere on the site (for the home page)."""
    now = now or timezone.now()
    return list(EventPage.objects.live().filter(end__gt=now).order_by("start")[:limit])
