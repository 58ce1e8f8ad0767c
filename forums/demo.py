"""Demo rooms, a private counselling room and two threads (idempotent, keyed by slug).

The forum demo members are our own (usernames ending in `.forum`) so that the
community demo's members and profiles are left to the community app. They have
unusable passwords: sign in as the dev admin, or set a password in the admin.
"""

from datetime import timedelta

from django.utils import timezone

from community.demo import demo_user

from .models import Message, Post, Room, RoomMembership, Thread
from .services.permissions import ensure_groups

MEMBERS = [
    # username, first, last, group
    ("anna.forum", "Anna", "Schmidt", None),
    ("dimitris.forum", "Dimitris", "Papadakis", None),
    ("pieter.forum", "Pieter", "de Vries", None),
    ("maria.forum", "María", "García", "Counsellors"),
    ("marco.forum", "Marco", "Bianchi", "Moderators"),
]

ROOMS = [
    (
        "apprenticeships-in-crafts",
        "Apprenticeships in crafts",
        "Dual training in small craft firms: mentors, logbooks, assessment.",
        [
            (
                "anna.forum",
                "How do your craft firms keep apprentices after the first year?",
            ),
            (
                "marco.forum",
                "In Veneto the CNA associations pair each apprentice with a master craftsman and check in every month.",
            ),
            (
                "pieter.forum",
                "We use a shared digital logbook: the school sees the workplace tasks the same week.",
            ),
        ],
    ),
    (
        "digital-skills-micro-enterprises",
        "Digital skills for micro-enterprises",
        "E-leadership and everyday digital tools for firms with fewer than ten people.",
        [
            (
                "dimitris.forum",
                "Our short MOOC on e-leadership had 40 % completion among micro-entrepreneurs. Evening sessions helped.",
            ),
            ("anna.forum", "Did you offer anything in Greek, or only English?"),
            (
                "dimitris.forum",
                "Both. The Greek version had twice the completion rate.",
            ),
        ],
    ),
    (
        "green-skills",
        "Green skills",
        "Energy efficiency, circular economy and new green occupations in VET curricula.",
        [
            (
                "pieter.forum",
                "Our installers' course now includes heat pumps; SMEs asked for it before the regulation did.",
            ),
            (
                "maria.forum",
                "In Catalonia we added a circular-economy module to every carpentry course.",
            ),
        ],
    ),
    (
        "covid-19-recovery-vet-providers",
        "COVID-19 recovery for VET providers",
        "What stayed from remote teaching, and how providers rebuilt work placements.",
        [
            (
                "marco.forum",
                "Blended workshops stayed: theory online, practice in the lab in smaller groups.",
            ),
            (
                "anna.forum",
                "Work placements took two years to come back to the 2019 numbers here.",
            ),
            ("dimitris.forum", "Same in Crete. Tourism firms came back first."),
        ],
    ),
]

PRIVATE_ROOM = {
    "slug": "counselling-keeping-apprentices-in-small-firms",
    "name": "Keeping apprentices in small firms",
    "description": "Anna asked for counselling on apprentice drop-out in craft SMEs.",
    "creator": "anna.forum",
    "invited": ["pieter.forum"],
    "counsellor": "maria.forum",
    "messages": [
        (
            "anna.forum",
            "Three of our eight apprentices left before the exam this year.",
        ),
        (
            "maria.forum",
            "Let's look at when they left. Was it after a change of workplace tutor?",
        ),
        (
            "pieter.forum",
            "For us a mid-year review with the firm and the family made a difference.",
        ),
    ],
}

THREADS = [
    (
        "mentoring-apprentices-in-small-craft-firms",
        "Mentoring apprentices in small craft firms",
        "anna.forum",
        "What training do your workplace mentors get before they take an apprentice?",
        [
            (
                "marco.forum",
                "A 16-hour course run by the craft association, then a yearly refresher.",
            ),
            (
                "pieter.forum",
                "None formal, but we pair new mentors with experienced ones for a year.",
            ),
        ],
    ),
    (
        "recognising-skills-from-short-courses",
        "Recognising skills from short courses",
        "dimitris.forum",
        "How do you certify what people learn in short online courses so employers trust it?",
        [
            (
                "maria.forum",
                "We map each course to EQF level descriptors and issue micro-credentials.",
            ),
        ],
    ),
]


def ensure_members():
    moderators, counsellors = ensure_groups()
    groups = {"Moderators": moderators, "Counsellors": counsellors}
    users = {}
    for username, first, last, group in MEMBERS:
        user = demo_user(username, first, last)
        if group:
            user.groups.add(groups[group])
        users[username] = user
    return users


def _add_messages(room, users, rows):
    start = timezone.now() - timedelta(hours=len(rows))
    Message.objects.bulk_create(
        [
            Message(
                room=room,
                author=users[author],
                text=text,
                created_at=start + timedelta(minutes=17 * i),
            )
            for i, (author, text) in enumerate(rows)
        ]
    )


def load():
    users = ensure_members()
    rooms_created = 0
    for slug, name, description, rows in ROOMS:
        room, created = Room.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "anonymous_can_read": True,
            },
        )
        if created:
            _add_messages(room, users, rows)
            rooms_created += 1

    spec = PRIVATE_ROOM
    room, created = Room.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "description": spec["description"],
            "kind": Room.Kind.PRIVATE,
            "topic": spec["name"],
            "counsellor": users[spec["counsellor"]],
            "created_by": users[spec["creator"]],
        },
    )
    if created:
        for username in [spec["creator"], *spec["invited"]]:
            RoomMembership.objects.create(
                room=room, user=users[username], invited_by=users[spec["creator"]]
            )
        RoomMembership.objects.create(
            room=room,
            user=users[spec["counsellor"]],
            role=RoomMembership.Role.COUNSELLOR,
            invited_by=users[spec["creator"]],
        )
        _add_messages(room, users, spec["messages"])
        rooms_created += 1

    threads_created = 0
    for slug, title, author, body, replies in THREADS:
        thread, created = Thread.objects.get_or_create(
            slug=slug, defaults={"title": title, "author": users[author]}
        )
        if created:
            opening = Post.objects.create(
                thread=thread, author=users[author], body=body
            )
            for username, text in replies:
                Post.objects.create(
                    thread=thread, author=users[username], body=text, parent=opening
                )
            threads_created += 1
    return (
        f"{rooms_created} rooms, {threads_created} threads, {len(users)} forum members"
    )
