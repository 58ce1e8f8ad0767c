"""What an event page shows: state, free seats, agenda by day, organisers, map."""

from itertools import groupby

from django.db.models import CharField, Value
from taggit.models import Tag

from taxonomy.models import Sector
from taxonomy.names import sector_names_by_slug, theme_name
from vetnet.cache import scope_version, seats_scope
from vetnet.routing import version_memo

from .calendar import event_location
from .registration import counts, registration_state


def classification(event):
    """(sectors, themes) of the event as [(slug, name)]: one query for both
    (sector names from the process's table of names). Neither side keeps its
    default ordering: SQLite refuses ORDER BY inside a UNION's parts (every
    event page of the embedded default answered 500)."""
    kind = Value("sector", output_field=CharField())
    sectors = (
        Sector.objects.filter(events=event).order_by().values_list(kind, "slug", "slug")
    )
    themes = Tag.objects.filter(events_eventtag_items__content_object=event).order_by()
    rows = sectors.union(
        themes.values_list(Value("theme", output_field=CharField()), "slug", "name")
    )
    rows = sorted(set(rows))
    names = sector_names_by_slug()
    return (
        [(slug, names.get(slug, slug)) for kind, slug, _ in rows if kind == "sector"],
        [(slug, name) for kind, slug, name in rows if kind == "theme"],
    )


def draft_classification(event):
    """classification() of the links as they stand on the object: a preview's
    draft, whose sectors and themes are saved in its revision only."""
    slugs = sorted({sector.slug for sector in event.sectors.all()})
    names = sector_names_by_slug()
    themes = sorted({(tag.slug, tag.name) for tag in event.themes.all()})
    return [(slug, names.get(slug, slug)) for slug in slugs], themes


def event_page_context(event, preview=False):
    # Organisers, sectors and themes change only with what bumps the content
    # version (the page, organisations, taxonomy, tags); seats taken with the
    # event's seats version (its registrations, which move nothing else): each
    # kept per its version. The state is worked out per request (it depends on
    # the time). A preview shows the draft's own organisers, sectors and
    # themes, and keeps nothing.
    if preview:
        organisers = list(event.organisers.all())
        classified = draft_classification(event)
    else:
        organisers, classified = version_memo(
            "event-shown",
            event.pk,
            lambda: (list(event.organisers.all()), classification(event)),
        )
    sectors, themes = classified
    classified = (sectors, [(slug, theme_name(name)) for slug, name in themes])
    seats = scope_version(seats_scope(event.pk))
    current = version_memo("event-seats", (event.pk, seats), lambda: counts(event))
    sessions = [block for block in event.agenda if block.block_type == "session"]
    sessions.sort(key=lambda block: (block.value["day"], block.value["start"]))
    agenda_days = [
        (day, list(blocks))
        for day, blocks in groupby(sessions, key=lambda block: block.value["day"])
    ]
    return {
        "state": registration_state(event, current=current),
        "free_seats": current.free(event.capacity),
        "counts": current,
        "agenda_days": agenda_days,
        "organisers": organisers,
        "classification": classified,
        "map_query": event_location(event)
        if (event.venue_address or event.city)
        else "",
    }
