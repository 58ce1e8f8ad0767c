"""Demo counsellors of the coordinating and partner organisations (idempotent,
keyed by username and slug), with weekly hours in Rome, Madrid and Athens.

Their accounts are our own (usernames ending in `.counsel`) with unusable
passwords: sign in as the dev admin, or set a password in the admin. Each one's
interface language (for their e-mails) is the language they counsel in first.
"""

from datetime import date, time

from wagtail.models import Locale
from wagtail.users.models import UserProfile

from community.demo import demo_user
from community.models import Organisation
from forums.services.permissions import ensure_groups
from taxonomy.models import Sector

from .models import Counsellor, TimeOff, WeeklyHours

MON, TUE, WED, THU, FRI = range(5)

COUNSELLORS = [
    {
        "username": "giulia.counsel",
        "name": ("Giulia", "Conti"),
        "organisation": "ecipa-foundation",
        "language": "it",
        "languages": ["it", "en"],
        "topics": ["apprenticeships", "work-based learning"],
        "sectors": ["construction", "wood-furniture"],
        "zone": "Europe/Rome",
        "bio": "Trainer at the coordinating foundation for twenty years; counsels "
        "craft firms taking their first apprentice.",
        "hours": [
            (MON, time(10), time(13)),
            (WED, time(10), time(13)),
            (THU, time(15), time(18)),
        ],
        "time_off": [(date(2026, 12, 24), date(2027, 1, 6), "Christmas holidays")],
    },
    {
        "username": "montse.counsel",
        "name": ("Montserrat", "Puig"),
        "organisation": "pimec",
        "language": "ca",
        "languages": ["ca", "es", "en"],
        "topics": ["dual training", "SME skills needs"],
        "sectors": ["metalworking-mechatronics", "retail-commerce"],
        "zone": "Europe/Madrid",
        "bio": "Advises small and medium firms in Catalonia on dual vocational training.",
        "hours": [(TUE, time(9), time(12)), (THU, time(9), time(12))],
        "time_off": [],
    },
    {
        "username": "javier.counsel",
        "name": ("Javier", "Ruiz"),
        "organisation": "pta",
        "language": "es",
        "languages": ["es", "en"],
        "topics": ["digital skills", "tourism"],
        "sectors": ["ict-digital-services", "tourism-hospitality"],
        "zone": "Europe/Madrid",
        "bio": "Runs digital-skills programmes for micro-enterprises in Andalusia.",
        "hours": [
            (MON, time(16), time(18)),
            (WED, time(16), time(18)),
            (FRI, time(10), time(12)),
        ],
        "time_off": [],
        "mode": Counsellor.Mode.IN_PERSON,
        "place": "Parque Tecnológico de Andalucía, Málaga",
    },
    {
        "username": "eleni.counsel",
        "name": ("Eleni", "Papadopoulou"),
        "organisation": "ime-gsevee",
        "language": "el",
        "languages": ["el", "en"],
        "topics": ["e-leadership", "recognition of skills"],
        "sectors": ["cross-sectoral"],
        "zone": "Europe/Athens",
        "bio": "Researcher on small firms' training needs; counsels in Greek and English.",
        "hours": [
            (MON, time(17), time(19)),
            (WED, time(17), time(19)),
            (FRI, time(11), time(13)),
        ],
        "time_off": [],
    },
    {
        "username": "kostas.counsel",
        "name": ("Kostas", "Nikolaou"),
        "organisation": "ime-gsevee",
        "language": "el",
        "languages": ["el"],
        "topics": ["starting an apprenticeship scheme"],
        "sectors": ["food-catering"],
        "zone": "Europe/Athens",
        "bio": "Group sessions for craft associations setting up apprenticeships.",
        "hours": [(TUE, time(18), time(19, 30))],
        "time_off": [],
        "capacity": 6,
        "session": 90,
    },
]


def _user(spec):
    first, last = spec["name"]
    username = spec["username"]
    email = f"{username.replace('.', '@', 1)}.example.org"
    user = demo_user(username, first, last, email)
    _moderators, counsellors = ensure_groups()
    user.groups.add(counsellors)
    profile = UserProfile.get_for_user(user)
    if not profile.preferred_language:
        profile.preferred_language = spec["language"]
        profile.save(update_fields=["preferred_language"])
    return user


def load():
    made = 0
    for spec in COUNSELLORS:
        user = _user(spec)
        counsellor, created = Counsellor.objects.get_or_create(
            user=user,
            defaults={
                "slug": spec["username"].split(".")[0],
                "organisation": Organisation.objects.filter(
                    slug=spec["organisation"]
                ).first(),
                "languages": spec["languages"],
                "topics": spec["topics"],
                "bio": spec["bio"],
                "time_zone": spec["zone"],
                "mode": spec.get("mode", Counsellor.Mode.ONLINE),
                "place": spec.get("place", ""),
                "capacity": spec.get("capacity", 1),
                "session_minutes": spec.get("session", 45),
                "buffer_minutes": 15,
                "minimum_notice_minutes": 12 * 60,
                "booking_window_days": 28,
            },
        )
        if not created:
            continue
        made += 1
        counsellor.sectors.set(
            Sector.objects.filter(slug__in=spec["sectors"], locale=Locale.get_default())
        )
        for weekday, start, end in spec["hours"]:
            WeeklyHours.objects.create(
                counsellor=counsellor, weekday=weekday, start=start, end=end
            )
        for first, last, reason in spec["time_off"]:
            TimeOff.objects.create(
                counsellor=counsellor, first_day=first, last_day=last, reason=reason
            )
    return f"{made} counsellors created, {len(COUNSELLORS)} in the demo"
