"""Generated benchmark data set: practices, organisations, events, rooms.

10,000 practices written in 7 languages, 200 organisations, 50 events and 20 rooms,
all derived from one seed so every run measures the same content.

Practices are inserted in bulk: the Wagtail page rows get their treebeard
materialised path (steplen 4, base 36) computed here, then the PracticePage rows,
their many-to-many links and tags follow in batches. Creating 10,000 pages one by
one through `add_child` takes minutes (each call locks and renumbers the parent);
the bulk path takes seconds. Events and rooms are few and go through the models'
own code paths (`add_child`, `objects.create`) so their invariants hold.

The data set is identified by a fingerprint (seed, sizes, generator version),
stored as the PostgreSQL comment of the benchmark database; bench/run.py reuses a
database whose comment matches and regenerates otherwise.
"""

import random
import sys
import time
from datetime import timedelta
from urllib.parse import quote

from django.apps import apps
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from bench.bulk_practices import PRACTICES, create_practices
from bench.common import Progress
from bench.vocabulary import COUNTRIES, LANGS, WORDS, sentence

GENERATOR_VERSION = 3


ORGANISATIONS = 200


EVENTS = 50


ROOMS = 20


RACE_EVENT_SLUG = "bench-race-event"


RACE_SEATS = 50


FANOUT_ROOM_SLUG = "bench-fanout-room"


def fingerprint(seed):
    return (
        f"vetnet-bench v{GENERATOR_VERSION} seed={seed} practices={PRACTICES} "
        f"orgs={ORGANISATIONS} events={EVENTS} rooms={ROOMS}"
    )


def ensure_site_structure():
    from community.demo import ensure_home_page
    from practices.models import PracticeIndexPage

    home = ensure_home_page()
    index = PracticeIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=PracticeIndexPage(
                title="Good practices",
                slug="practices",
                intro="Good practices shared by the network.",
            )
        )
    return home, index


def ensure_taxonomy(rng):
    from wagtail.models import Locale

    from taxonomy.models import EQFLevel, Sector, TargetGroup

    locale = Locale.get_default()
    for model, names in (
        (Sector, ["Food crafts", "Construction", "Tourism", "Metalwork", "ICT"]),
        (TargetGroup, ["Apprentices", "In-company tutors", "VET teachers", "Adults"]),
    ):
        if not model.objects.filter(locale=locale).exists():
            for name in names:
                model.objects.create(name=name, slug=slugify(name), locale=locale)
    sectors = list(Sector.objects.filter(locale=locale).values_list("pk", flat=True))
    groups = list(
        TargetGroup.objects.filter(locale=locale).values_list("pk", flat=True)
    )
    levels = list(EQFLevel.objects.values_list("pk", flat=True))
    return sectors, groups, levels


def create_organisations(rng):
    from community.models import Organisation

    existing = Organisation.objects.filter(slug__startswith="bench-org-").count()
    if existing >= ORGANISATIONS:
        return list(
            Organisation.objects.filter(slug__startswith="bench-org-").values_list(
                "pk", flat=True
            )
        )
    kinds = [choice for choice, _label in Organisation._meta.get_field("kind").choices]
    rows = []
    for i in range(ORGANISATIONS):
        lang = LANGS[i % len(LANGS)]
        rows.append(
            Organisation(
                name=f"{sentence(rng, lang, 2).title()} Centre {i:03d}",
                slug=f"bench-org-{i:03d}",
                short_name=f"BO{i:03d}",
                kind=rng.choice(kinds),
                country=rng.choice(COUNTRIES),
                city=rng.choice(["Rome", "Madrid", "Bonn", "Utrecht", "Athens"]),
                website=f"https://org{i:03d}.example.org",
                languages=[lang],
                description=sentence(rng, lang, 30),
            )
        )
    Organisation.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return list(
        Organisation.objects.filter(slug__startswith="bench-org-").values_list(
            "pk", flat=True
        )
    )


def create_events(rng, home):
    """50 events through the events app's own model; one is the race event."""
    try:
        EventPage = apps.get_model("events", "EventPage")
    except LookupError:
        return "events: no EventPage model yet, skipped"
    from wagtail.models import Page

    parent = home
    try:
        EventIndexPage = apps.get_model("events", "EventIndexPage")
        parent = EventIndexPage.objects.child_of(home).first() or home.add_child(
            instance=EventIndexPage(title="Events", slug="events")
        )
    except LookupError:
        pass
    parent = Page.objects.get(pk=parent.pk).specific
    field_names = {
        f.name
        for f in EventPage._meta.get_fields()
        if getattr(f, "concrete", False) and not f.is_relation
    }
    existing = set(
        EventPage.objects.filter(slug__startswith="bench-").values_list(
            "slug", flat=True
        )
    )
    progress = Progress("events", EVENTS)
    now = timezone.now()
    for i in range(EVENTS):
        slug = RACE_EVENT_SLUG if i == 0 else f"bench-event-{i:02d}"
        if slug in existing:
            continue
        lang = LANGS[i % len(LANGS)]
        values = {"title": f"Workshop {sentence(rng, lang, 3)} {i:02d}", "slug": slug}
        starts = now + timedelta(days=10 + i)
        for name, value in (
            ("start", starts),
            ("starts_at", starts),
            ("start_at", starts),
            ("end", starts + timedelta(hours=6)),
            ("ends_at", starts + timedelta(hours=6)),
            ("end_at", starts + timedelta(hours=6)),
            ("registration_opens", now - timedelta(days=1)),
            ("registration_closes", starts - timedelta(days=1)),
            ("registration_deadline", starts - timedelta(days=1)),
            ("registration_closes_at", starts - timedelta(days=1)),
            ("registration_open", True),
            ("seats", RACE_SEATS if i == 0 else 100),
            ("capacity", RACE_SEATS if i == 0 else 100),
            ("seat_limit", RACE_SEATS if i == 0 else 100),
            ("summary", sentence(rng, lang, 30)),
            ("intro", sentence(rng, lang, 30)),
            ("venue", "CNA headquarters"),
            ("venue_name", "CNA headquarters"),
            ("city", "Rome"),
            ("country", "IT"),
        ):
            if name in field_names:
                values[name] = value
        parent.add_child(instance=EventPage(**values))
        progress.update(i + 1)
    progress.done()
    return f"events: {EVENTS}"


def create_rooms(rng):
    try:
        Room = apps.get_model("forums", "Room")
    except LookupError:
        return "rooms: no Room model, skipped"
    field_names = {f.name for f in Room._meta.get_fields()}
    for i in range(ROOMS):
        slug = FANOUT_ROOM_SLUG if i == 0 else f"bench-room-{i:02d}"
        values = {"name": f"Bench room {i:02d}", "description": "Peer counselling"}
        if "anonymous_can_read" in field_names:
            values["anonymous_can_read"] = True
        Room.objects.get_or_create(slug=slug, defaults=values)
    return f"rooms: {ROOMS}"


def generate(seed):
    """Create the whole data set; returns one-line summaries."""
    rng = random.Random(seed)
    started = time.monotonic()
    home, index = ensure_site_structure()
    sectors, groups, levels = ensure_taxonomy(rng)
    org_ids = create_organisations(rng)
    create_practices(rng, index, sectors, groups, levels, org_ids)
    events = create_events(rng, home)
    rooms = create_rooms(rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return [
        f"organisations: {len(org_ids)}",
        f"practices: {PRACTICES}",
        events,
        rooms,
        f"generated in {time.monotonic() - started:.1f}s",
    ]


def scenario_paths(seed):
    """The URLs each HTTP scenario rotates through, from the generated data."""
    from practices.models import PracticePage

    rng = random.Random(seed + 1)
    practices = list(
        PracticePage.objects.live()
        .filter(slug__startswith="bench-")
        .order_by("path")
        .values_list("url_path", flat=True)[:PRACTICES]
    )
    home_url_path = practices[0].rsplit("/", 3)[0] + "/" if practices else "/home/"

    def public(url_path):
        # url_path is /home/practices/slug/ ; the site root is /home/
        return "/" + url_path[len(home_url_path) :]

    # 100 pages: the popular part of the repository, warm after the warm-up. The
    # pass without the page cache shows what a cold page costs.
    practice_urls = [public(p) for p in rng.sample(practices, min(100, len(practices)))]
    index_url = public(practices[0].rsplit("/", 2)[0] + "/") if practices else "/"
    sectors = []
    try:
        from taxonomy.models import Sector

        sectors = list(Sector.objects.values_list("slug", flat=True)[:5])
    except Exception:  # noqa: BLE001 - the taxonomy may not exist yet
        pass
    listing = [index_url]
    for i in range(60):
        params = [f"language={LANGS[i % len(LANGS)]}"]
        if i % 2:
            params.append(f"country={COUNTRIES[i % len(COUNTRIES)]}")
        if i % 3 == 0 and sectors:
            params.append(f"sector={sectors[i % len(sectors)]}")
        if i % 5 == 0:
            params.append(f"eqf={1 + i % 8}")
        if i % 4 == 0:
            params.append(f"page={1 + i % 5}")
        listing.append(f"{index_url}?{'&'.join(params)}")
    queries, prefixes = [], []
    for lang in LANGS:
        for word in WORDS[lang][:12]:
            queries.append(f"/search/?q={quote(word)}")
            prefixes.append(f"/search/suggest/?q={quote(word[:4])}")
    rng.shuffle(queries)
    rng.shuffle(prefixes)
    events = []
    try:
        EventPage = apps.get_model("events", "EventPage")
        events = [
            e.url for e in EventPage.objects.live().filter(slug__startswith="bench-")
        ]
    except LookupError:
        pass
    return {
        "home": ["/"],
        "listing": listing,
        # The same filter combinations on the insights page (same counts).
        "insights": ["/insights/"]
        + ["/insights/" + url[len(index_url) :] for url in listing[1:]],
        "practice": practice_urls,
        "search": queries,
        "suggest": prefixes,
        "event": [e for e in events if e] or ["/events/"],
        "race_event": RACE_EVENT_SLUG,
        "race_seats": RACE_SEATS,
        "fanout_room": FANOUT_ROOM_SLUG,
    }


def main(argv=None):
    import argparse
    import json

    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--generate", action="store_true")
    parser.add_argument("--paths-out")
    parser.add_argument("--race-reset", action="store_true")
    parser.add_argument("--race-outcome", action="store_true")
    args = parser.parse_args(argv)
    django.setup()
    if args.race_reset or args.race_outcome:
        Registration = apps.get_model("events", "Registration")
        registrations = Registration.objects.filter(event__slug=RACE_EVENT_SLUG)
        if args.race_reset:
            registrations.delete()
        else:
            counts = {}
            for status in registrations.values_list("status", flat=True):
                counts[status] = counts.get(status, 0) + 1
            print(json.dumps(counts))
    if args.generate:
        for line in generate(args.seed):
            print(f"  {line}", file=sys.stderr)
    if args.paths_out:
        with open(args.paths_out, "w", encoding="utf-8") as handle:
            json.dump(scenario_paths(args.seed), handle, indent=1)


if __name__ == "__main__":
    main()
