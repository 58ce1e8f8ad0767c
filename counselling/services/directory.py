"""The list of counsellors: filters, facets and each one's next free times.

The network has tens of counsellors, not thousands: they are read once with
their hours, days off, sectors and upcoming bookings (a fixed number of queries),
filtered and counted in Python. A facet counts the counsellors that match every
*other* filter, so choosing a language still shows how many speak each of the
others (OR within a filter, AND across filters, as on /practices/).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taxonomy.facets import build_facet
from taxonomy.names import country_name, language_name, sector_names_by_slug

from ..models import Booking, Counsellor
from .availability import free_slots
from .booking import rules_for

FILTERS = ("language", "topic", "sector", "country")
NEXT_TIMES = 3


@dataclass
class Entry:
    counsellor: Counsellor
    values: dict = field(default_factory=dict)  # filter name -> set of values
    next_times: list = field(default_factory=list)


def selection(query):
    """{filter: [values]} chosen in a QueryDict."""
    return {
        name: [v for v in query.getlist(name) if v][:20]
        for name in FILTERS
        if query.getlist(name)
    }


def active_counsellors():
    upcoming = Booking.objects.filter(
        status=Booking.Status.BOOKED, end__gt=timezone.now()
    )
    return (
        Counsellor.objects.filter(is_active=True, user__is_active=True)
        .select_related("user", "organisation")
        .prefetch_related(
            "weekly_hours",
            "time_off",
            "sectors",
            Prefetch("bookings", queryset=upcoming, to_attr="upcoming"),
        )
    )


def entry_for(counsellor, now, limit=NEXT_TIMES):
    organisation = counsellor.organisation
    entry = Entry(
        counsellor,
        values={
            "language": set(counsellor.languages),
            "topic": set(counsellor.topics),
            "sector": {s.slug for s in counsellor.sectors.all()},
            "country": {organisation.country.code}
            if organisation and organisation.country
            else set(),
        },
    )
    periods = [(b.start, b.end) for b in getattr(counsellor, "upcoming", [])]
    entry.next_times = free_slots(rules_for(counsellor), periods, now)[:limit]
    return entry


def _matches(entry, chosen, skip=None):
    return all(
        entry.values[name] & set(values)
        for name, values in chosen.items()
        if name != skip
    )


def _link(chosen, name, value, is_selected):
    params = {k: list(v) for k, v in chosen.items()}
    values = params.setdefault(name, [])
    if is_selected:
        values.remove(value)
    else:
        values.append(value)
    return urlencode([(k, v) for k, vs in params.items() for v in vs])


TITLES = {
    "language": _("Language"),
    "topic": _("Topic"),
    "sector": _("Sector"),
    "country": _("Country"),
}


def directory(query, now=None):
    """(entries matching the filters, facets) for the listing."""
    now = now or timezone.now()
    chosen = selection(query)
    entries = [entry_for(c, now) for c in active_counsellors()]
    sectors = sector_names_by_slug()
    labels = {
        "language": language_name,
        "topic": str,
        "sector": lambda slug: sectors.get(slug, slug),
        "country": country_name,
    }
    facets = []
    for name in FILTERS:
        counts = {}
        for entry in entries:
            if _matches(entry, chosen, skip=name):
                for value in entry.values[name]:
                    counts[value] = counts.get(value, 0) + 1
        facets.append(
            build_facet(
                name,
                counts,
                title=TITLES[name],
                selected=chosen.get(name, ()),
                label=labels[name],
                link=lambda value, sel, name=name: _link(chosen, name, value, sel),
            )
        )
    matching = [entry for entry in entries if _matches(entry, chosen)]
    matching.sort(
        key=lambda e: (
            e.next_times[0].start if e.next_times else now.replace(year=9999),
            e.counsellor.name,
        )
    )
    return matching, facets, chosen


def counsellor_sector_names(counsellor):
    """The counsellor's sectors, named in the reader's language, each once."""
    names = sector_names_by_slug()
    return sorted({names.get(s.slug, s.name) for s in counsellor.sectors.all()})
