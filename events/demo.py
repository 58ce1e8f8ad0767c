"""Demo events: the Rome international workshop and the project's other meetings.

Idempotent, keyed by slug. Dates of upcoming events lie in 2027; the original
10–11 November 2020 Rome workshop stays in the archive.
"""

import datetime as dt
import zoneinfo

from wagtail.models import Locale

from community.demo import ensure_headings, ensure_home_page
from community.models import Organisation
from taxonomy.models import Sector

from .models import EventIndexPage, EventPage
from .permissions import grant_organiser_pages


def at(zone, year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(zone))


def session(day, start, end, title, speakers="", room="", description=""):
    return (
        "session",
        {
            "day": day,
            "start": dt.time(*start),
            "end": dt.time(*end) if end else None,
            "title": title,
            "speakers": speakers,
            "room": room,
            "description": description,
        },
    )


def speaker(name, affiliation, bio=""):
    return (
        "speaker",
        {"name": name, "affiliation": affiliation, "bio": bio, "photo": None},
    )


ROME_DAY1 = dt.date(2027, 3, 9)
ROME_DAY2 = dt.date(2027, 3, 10)
ROME_VENUE = {
    "venue_name": "National Confederation of Craft and SMEs (CNA) Headquarters",
    "venue_address": "Piazza Mariano Armellini 9/a",
    "city": "Rome",
    "country": "IT",
}
ROME_TITLE = "The future challenges of European C-VET after COVID-19"
ROME_SUMMARY = (
    "Craft and SMEs VET NET Rome International workshop: VET providers, craft and "
    "SME associations and policymakers discuss how continuing VET comes out of the "
    "pandemic, and the Community of VET Practices platform is presented."
)

EVENTS = [
    {
        "slug": "rome-international-workshop-2027",
        "title": ROME_TITLE,
        "kind": "workshop",
        "summary": ROME_SUMMARY,
        "start": at("Europe/Rome", 2027, 3, 9, 9, 30),
        "end": at("Europe/Rome", 2027, 3, 10, 13, 0),
        "timezone": "Europe/Rome",
        **ROME_VENUE,
        "online_url": "",
        "capacity": 60,
        "waiting_list": True,
        "registration_opens": at("Europe/Rome", 2026, 11, 1, 9),
        "registration_closes": at("Europe/Rome", 2027, 3, 5, 18),
        "organisers": ["cna", "ecipa-foundation"],
        "sectors": ["cross-sectoral"],
        "themes": ["continuing VET"],
        "agenda": [
            session(
                ROME_DAY1,
                (9, 30),
                (10, 0),
                "Registration and welcome coffee",
                room="Foyer",
            ),
            session(
                ROME_DAY1,
                (10, 0),
                (10, 45),
                "Opening: craft and SMEs after COVID-19",
                "CNA and ECIPA Foundation",
                "Sala Convegni",
                "Why continuing VET matters for micro and small enterprises now.",
            ),
            session(
                ROME_DAY1,
                (10, 45),
                (12, 30),
                "The future challenges of European C-VET",
                "EFQBL, PIMEC, IME GSEVEE",
                "Sala Convegni",
                "A panel on digitalisation, skills shortages and blended learning.",
            ),
            session(ROME_DAY1, (12, 30), (14, 0), "Lunch", room="Foyer"),
            session(
                ROME_DAY1,
                (14, 0),
                (16, 30),
                "Peer counselling tables",
                "Facilitators of the partner network",
                "Rooms A–C",
                "Small groups exchange good practices from the repository.",
            ),
            session(
                ROME_DAY2,
                (9, 30),
                (11, 0),
                "Presenting the Community of VET Practices platform",
                "ECIPA Foundation",
                "Sala Convegni",
                "The repository, the discussion rooms and how to take part.",
            ),
            session(
                ROME_DAY2,
                (11, 15),
                (13, 0),
                "Recommendations to policymakers and closing",
                "All partners",
                "Sala Convegni",
            ),
        ],
        "speakers": [
            speaker(
                "Speaker of the ECIPA Foundation", "ECIPA Foundation (coordinator)"
            ),
            speaker(
                "Speaker of EFQBL",
                "European Foundation for Quality in Blended Learning",
            ),
            speaker("Speaker of PIMEC", "Petita i Mitjana Empresa de Catalunya"),
            speaker(
                "Speaker of IME GSEVEE",
                "Hellenic Confederation of Professionals, Craftsmen and Merchants",
            ),
        ],
    },
    {
        "slug": "barcelona-thematic-workshop-2027",
        "title": "Thematic workshop: digital skills for craft micro-enterprises",
        "kind": "workshop",
        "summary": "The first thematic workshop, hosted by PIMEC in Barcelona: how VET "
        "providers and SME associations bring digital skills to the smallest firms.",
        "start": at("Europe/Madrid", 2027, 5, 20, 9, 30),
        "end": at("Europe/Madrid", 2027, 5, 20, 17, 0),
        "timezone": "Europe/Madrid",
        "venue_name": "PIMEC",
        "venue_address": "Carrer de Viriat 45",
        "city": "Barcelona",
        "country": "ES",
        "online_url": "",
        "capacity": 40,
        "waiting_list": True,
        "registration_opens": at("Europe/Madrid", 2026, 11, 1, 9),
        "registration_closes": at("Europe/Madrid", 2027, 5, 15, 18),
        "organisers": ["pimec"],
        "sectors": ["ict-digital-services", "food-catering"],
        "themes": ["digital skills"],
        "agenda": [
            session(
                dt.date(2027, 5, 20),
                (9, 30),
                (11, 0),
                "Digital skills gaps in craft firms",
                "PIMEC",
                "Aula 1",
            ),
            session(
                dt.date(2027, 5, 20),
                (11, 30),
                (13, 0),
                "Good practices from Catalonia",
                "Catalan VET providers",
                "Aula 1",
            ),
            session(
                dt.date(2027, 5, 20),
                (14, 30),
                (17, 0),
                "Workshop: designing a short course",
                "",
                "Aula 2",
            ),
        ],
        "speakers": [],
    },
    {
        "slug": "athens-thematic-workshop-2027",
        "title": "Thematic workshop: work-based learning in small enterprises",
        "kind": "workshop",
        "summary": "The second thematic workshop, hosted by IME GSEVEE in Athens, with "
        "online participation for those who cannot travel.",
        "start": at("Europe/Athens", 2027, 9, 23, 10, 0),
        "end": at("Europe/Athens", 2027, 9, 23, 17, 0),
        "timezone": "Europe/Athens",
        "venue_name": "IME GSEVEE",
        "venue_address": "Aristotelous 46",
        "city": "Athens",
        "country": "GR",
        "online_url": "https://meet.vetnet.example/athens-workshop",
        "capacity": 35,
        "waiting_list": False,
        "registration_opens": None,
        "registration_closes": at("Europe/Athens", 2027, 9, 20, 18),
        "organisers": ["ime-gsevee"],
        "sectors": ["construction", "metalworking-mechatronics"],
        "themes": ["work-based learning"],
        "agenda": [
            session(
                dt.date(2027, 9, 23),
                (10, 0),
                (12, 0),
                "Apprenticeships in micro-enterprises",
                "IME GSEVEE",
                "Main hall",
            ),
            session(
                dt.date(2027, 9, 23),
                (13, 0),
                (17, 0),
                "Peer counselling in small groups",
                "",
                "Rooms 1–3",
            ),
        ],
        "speakers": [],
    },
    {
        "slug": "vet-net-final-conference-2027",
        "title": "VET NET final conference: a Community of VET Practices for Europe",
        "kind": "conference",
        "summary": "The final conference presents the results: the good-practice "
        "repository, the peer-counselling rooms and recommendations to policymakers.",
        "start": at("Europe/Rome", 2027, 11, 18, 9, 0),
        "end": at("Europe/Rome", 2027, 11, 18, 18, 0),
        "timezone": "Europe/Rome",
        **ROME_VENUE,
        "online_url": "https://meet.vetnet.example/final-conference",
        "capacity": 120,
        "waiting_list": True,
        "registration_opens": at("Europe/Rome", 2027, 6, 1, 9),
        "registration_closes": at("Europe/Rome", 2027, 11, 12, 18),
        "organisers": ["ecipa-foundation", "efqbl", "pimec", "ime-gsevee"],
        "sectors": ["cross-sectoral"],
        "themes": ["peer counselling"],
        "agenda": [],
        "speakers": [],
    },
    {
        "slug": "webinar-blended-learning-quality-2027",
        "title": "Webinar: quality in blended learning for C-VET",
        "kind": "webinar",
        "summary": "EFQBL shows how quality criteria for blended learning apply to "
        "short courses for craft and SME staff.",
        "start": at("Europe/Vienna", 2027, 2, 4, 15, 0),
        "end": at("Europe/Vienna", 2027, 2, 4, 16, 30),
        "timezone": "Europe/Vienna",
        "venue_name": "",
        "venue_address": "",
        "city": "",
        "country": "",
        "online_url": "https://meet.vetnet.example/blended-learning-webinar",
        "capacity": 200,
        "waiting_list": False,
        "registration_opens": None,
        "registration_closes": None,
        "organisers": ["efqbl"],
        "sectors": ["cross-sectoral"],
        "themes": ["blended learning", "quality assurance"],
        "agenda": [],
        "speakers": [],
    },
    {
        "slug": "rome-international-workshop-2020",
        "title": f"{ROME_TITLE} (2020)",
        "kind": "workshop",
        "summary": "The original Craft and SMEs VET NET Rome International workshop, "
        "10–11 November 2020, where the platform was first presented.",
        "start": at("Europe/Rome", 2020, 11, 10, 9, 30),
        "end": at("Europe/Rome", 2020, 11, 11, 13, 0),
        "timezone": "Europe/Rome",
        **ROME_VENUE,
        "online_url": "",
        "capacity": 60,
        "waiting_list": True,
        "registration_opens": None,
        "registration_closes": None,
        "organisers": ["cna", "ecipa-foundation"],
        "sectors": ["cross-sectoral"],
        "themes": ["continuing VET"],
        "agenda": [],
        "speakers": [],
    },
]


def ensure_index():
    home = ensure_home_page()
    index = EventIndexPage.objects.filter(
        slug="events", locale=Locale.get_default()
    ).first()
    if index is None:
        index = home.add_child(
            instance=EventIndexPage(
                title="Events",
                slug="events",
                intro="Workshops, conferences and webinars of the VET NET Community.",
            )
        )
    return ensure_headings(index)


def load():
    index = ensure_index()
    grant_organiser_pages()
    created = 0
    for spec in EVENTS:
        spec = dict(spec)
        slug = spec.pop("slug")
        organisers = spec.pop("organisers")
        sectors = spec.pop("sectors", [])
        themes = spec.pop("themes", [])
        if index.get_children().filter(slug=slug).exists():
            continue
        event = EventPage(slug=slug, **spec)
        index.add_child(instance=event)
        event.organisers.set(Organisation.objects.filter(slug__in=organisers))
        event.sectors.set(
            Sector.objects.filter(slug__in=sectors, locale=Locale.get_default())
        )
        event.themes.set(themes)
        event.save_revision().publish()
        created += 1
    return f"events: {created} created, {index.get_children().count()} in /events/"
