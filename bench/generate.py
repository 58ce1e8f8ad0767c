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
import uuid
from datetime import timedelta
from urllib.parse import quote

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

GENERATOR_VERSION = 3
PRACTICES = 10_000
ORGANISATIONS = 200
EVENTS = 50
ROOMS = 20
RACE_EVENT_SLUG = "bench-race-event"
RACE_SEATS = 50
FANOUT_ROOM_SLUG = "bench-fanout-room"
LANGS = ["en", "it", "es", "ca", "el", "de", "nl"]
COUNTRIES = ["IT", "ES", "DE", "NL", "GR", "BE", "FR", "AT", "PT", "PL", "SI", "IE"]
PROGRAMMES = ["Erasmus+ KA2", "Erasmus+ KA1", "ESF+", "Interreg", "National", ""]

# A small VET vocabulary per language, so search and suggest have real words to
# match and the cross-language analyzers have something to do.
WORDS = {
    "en": "apprenticeship mentoring bakery carpentry welding tourism digital skills "
    "tutor company training green transition craft workshop assessment validation "
    "learners teachers employers guidance dual system mobility".split(),
    "it": "apprendistato tutoraggio panetteria falegnameria saldatura turismo "
    "competenze digitali tutor azienda formazione transizione verde artigianato "
    "laboratorio valutazione validazione studenti docenti imprese orientamento".split(),
    "es": "aprendizaje mentoría panadería carpintería soldadura turismo competencias "
    "digitales tutor empresa formación transición verde artesanía taller "
    "evaluación validación alumnos profesores empleadores orientación".split(),
    "ca": "aprenentatge mentoria fleca fusteria soldadura turisme competències "
    "digitals tutor empresa formació transició verda artesania taller avaluació "
    "validació alumnes professors ocupadors orientació".split(),
    "el": "μαθητεία καθοδήγηση αρτοποιία ξυλουργική συγκόλληση τουρισμός ψηφιακές "
    "δεξιότητες μέντορας επιχείρηση κατάρτιση πράσινη μετάβαση βιοτεχνία "
    "εργαστήριο αξιολόγηση πιστοποίηση μαθητές εκπαιδευτικοί εργοδότες".split(),
    "de": "Ausbildung Mentoring Bäckerei Tischlerei Schweißen Tourismus digitale "
    "Kompetenzen Ausbilder Betrieb Weiterbildung Wandel Handwerk Werkstatt "
    "Prüfung Anerkennung Lernende Lehrkräfte Arbeitgeber Beratung duales".split(),
    "nl": "leerlingwezen mentoring bakkerij timmerwerk lassen toerisme digitale "
    "vaardigheden praktijkopleider bedrijf opleiding groene transitie ambacht "
    "werkplaats beoordeling erkenning leerlingen docenten werkgevers".split(),
}


def fingerprint(seed):
    return (
        f"vetnet-bench v{GENERATOR_VERSION} seed={seed} practices={PRACTICES} "
        f"orgs={ORGANISATIONS} events={EVENTS} rooms={ROOMS}"
    )


class Progress:
    """One line, rewritten in place: `label  done/total  rate/s`."""

    def __init__(self, label, total):
        self.label, self.total, self.start = label, total, time.monotonic()
        self.update(0)

    def update(self, done):
        elapsed = max(time.monotonic() - self.start, 1e-6)
        sys.stderr.write(
            f"\r  {self.label:<28} {done:>6}/{self.total:<6} "
            f"{done / elapsed:8.0f}/s {elapsed:6.1f}s"
        )
        sys.stderr.flush()

    def done(self):
        self.update(self.total)
        sys.stderr.write("\n")


# --- treebeard materialised paths -------------------------------------------------

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def encode_step(number):
    digits = ""
    while number:
        number, rem = divmod(number, len(ALPHABET))
        digits = ALPHABET[rem] + digits
    return digits.rjust(STEPLEN, "0")


def decode_step(step):
    return int(step, len(ALPHABET))


def sentence(rng, lang, n):
    words = WORDS[lang]
    return " ".join(rng.choice(words) for _ in range(n))


# --- the parts ----------------------------------------------------------------------


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

    from practices.models import EQFLevel, Sector, TargetGroup

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


def practice_body(rng, lang):
    blocks = [
        {"type": "heading", "value": {"text": sentence(rng, lang, 4), "level": "h2"}}
    ]
    for _ in range(4):
        blocks.append(
            {"type": "paragraph", "value": f"<p>{sentence(rng, lang, 70)}</p>"}
        )
    blocks.append(
        {
            "type": "quote",
            "value": {"text": sentence(rng, lang, 20), "attribution": "Participant"},
        }
    )
    for block in blocks:
        block["id"] = str(uuid.UUID(int=rng.getrandbits(128)))
    return blocks


def create_practices(rng, index, sectors, groups, levels, org_ids):
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import Tag
    from wagtail.models import Locale, Page

    from practices.models import PracticePage, PracticeTag

    already = (
        PracticePage.objects.child_of(index).filter(slug__startswith="bench-").count()
    )
    if already >= PRACTICES:
        return
    locale = Locale.get_default()
    content_type = ContentType.objects.get_for_model(PracticePage)
    index = Page.objects.get(pk=index.pk)  # fresh path/numchild
    last_child = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
    last_child = last_child.order_by("-path").values_list("path", flat=True).first()
    next_step = decode_step(last_child[-STEPLEN:]) + 1 if last_child else 1

    theme_names = sorted({w.lower() for lang in LANGS for w in WORDS[lang][:12]})
    tags = {}
    for name in theme_names:
        tag, _ = Tag.objects.get_or_create(
            slug=slugify(name, allow_unicode=True) or name, defaults={"name": name}
        )
        tags[name] = tag.pk

    page_fields = list(PracticePage._meta.local_concrete_fields)
    now = timezone.now()
    progress = Progress("practices", PRACTICES)
    batch = 500
    for start in range(0, PRACTICES, batch):
        pages, details = [], []
        for i in range(start, min(start + batch, PRACTICES)):
            lang = LANGS[i % len(LANGS)]
            title = f"{sentence(rng, lang, 4).capitalize()} {i:05d}"
            slug = f"bench-{i:05d}"
            published = now - timedelta(minutes=PRACTICES - i)
            pages.append(
                Page(
                    path=index.path + encode_step(next_step + i),
                    depth=index.depth + 1,
                    numchild=0,
                    translation_key=uuid.UUID(int=rng.getrandbits(128)),
                    locale=locale,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    url_path=f"{index.url_path}{slug}/",
                    seo_title="",
                    search_description="",
                )
            )
            details.append(
                {
                    "summary": sentence(rng, lang, 40),
                    "body": practice_body(rng, lang),
                    "content_language": lang,
                    "country": rng.choice(COUNTRIES),
                    "organisation_id": rng.choice(org_ids) if org_ids else None,
                    "funding_programme": rng.choice(PROGRAMMES),
                    "year_start": rng.randint(2014, 2024),
                    "outcomes": sentence(rng, lang, 30),
                    "contact_name": "Contact person",
                    "contact_email": f"contact{i}@example.org",
                    "themes": rng.sample(theme_names, 2),
                }
            )
        with transaction.atomic():
            created = Page.objects.bulk_create(pages)
            practices = []
            for page, detail in zip(created, details, strict=True):
                practice = PracticePage(page_ptr_id=page.pk)
                for name, value in detail.items():
                    if name != "themes":
                        setattr(practice, name, value)
                practices.append(practice)
            PracticePage._base_manager._insert(
                practices, fields=page_fields, using="default"
            )
            sector_links, group_links, level_links, tag_links = [], [], [], []
            through_s = PracticePage.sectors.through
            through_g = PracticePage.target_groups.through
            through_l = PracticePage.eqf_levels.through
            for page, detail in zip(created, details, strict=True):
                for pk in rng.sample(sectors, min(2, len(sectors))):
                    sector_links.append(
                        through_s(practicepage_id=page.pk, sector_id=pk)
                    )
                for pk in rng.sample(groups, min(1, len(groups))):
                    group_links.append(
                        through_g(practicepage_id=page.pk, targetgroup_id=pk)
                    )
                for pk in rng.sample(levels, min(2, len(levels))):
                    level_links.append(
                        through_l(practicepage_id=page.pk, eqflevel_id=pk)
                    )
                for name in detail["themes"]:
                    tag_links.append(
                        PracticeTag(content_object_id=page.pk, tag_id=tags[name])
                    )
            through_s.objects.bulk_create(sector_links)
            through_g.objects.bulk_create(group_links)
            through_l.objects.bulk_create(level_links)
            PracticeTag.objects.bulk_create(tag_links)
        progress.update(min(start + batch, PRACTICES))
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + PRACTICES)
    progress.done()


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
        from practices.models import Sector

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
