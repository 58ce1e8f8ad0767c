"""Whether what a notification leads to is still there for its reader.

A notification keeps its words, but its page can go: a practice or an event
unpublished or restricted to others, a thread deleted (its posts with it), a reader no
longer in a private room, a room deleted, a booking deleted. gone() names those,
so that the list marks them "no longer available" without a link and digests
leave them out, instead of sending people to a 404 or a 403.

The trigger's ``key`` names what the notification is about ("practice:<page
id>", "post:<post id>", "room:<room id>:<day>", ...). A few queries per kind
whatever the number of notifications; a key this module does not know counts as
available (a link that may work beats a notification that hides).
"""

from collections import defaultdict

from ..models import Notification

Kind = Notification.Kind
ALWAYS_THERE = "/practices/mine/"  # a member's own submissions (review outcomes)


def _number(text):
    return int(text) if text.isdigit() else None


def _targets(notifications):
    """{what: {id: [notification, ...]}} by the kind of thing each is about."""
    targets = defaultdict(lambda: defaultdict(list))
    for notification in notifications:
        prefix, _sep, rest = notification.key.partition(":")
        number = _number(rest.split(":", 1)[0])
        if number is None:
            continue
        what = {
            "practice": "page",
            "event": "page",
            "seat": "registration",
            "review": "review",
            "post": "post",
            "post-mention": "post",
            "message-mention": "message",
            "room": "room",
            "booking": "booking",
        }.get(prefix)
        if what == "review" and notification.path == ALWAYS_THERE:
            continue
        if what is not None:
            targets[what][number].append(notification)
    return targets


def _readable_pages(page_readers):
    """{(page id, user id)} of the pairs whose user may open the page: it is live
    and public, or its view restrictions (its own and its ancestors') let the
    user in. Every reader is signed in, so a sign-in restriction lets them in; a
    group restriction wants one of its groups (a superuser passes); a password
    restriction asks for the password, which is no dead end. A few queries
    whatever the number of pairs."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page, PageViewRestriction

    live = Page.objects.live().filter(pk__in={page for page, _user in page_readers})
    public = set(live.public().values_list("pk", flat=True))
    # A restriction on a page covers its subtree: one query for the rules of
    # every restricted page's ancestors (tree paths are prefixes), not one per page.
    paths = dict(live.exclude(pk__in=public).values_list("pk", "path"))
    ancestors = {
        path[:end]
        for path in paths.values()
        for end in range(Page.steplen, len(path) + 1, Page.steplen)
    }
    rules = list(
        PageViewRestriction.objects.filter(page__path__in=ancestors).select_related(
            "page"
        )
    )
    restricted = {
        pk: [rule for rule in rules if path.startswith(rule.page.path)]
        for pk, path in paths.items()
    }
    group_rules = {
        rule.pk
        for rules in restricted.values()
        for rule in rules
        if rule.restriction_type == PageViewRestriction.GROUPS
    }
    rule_groups = defaultdict(set)
    for rule_id, group_id in PageViewRestriction.groups.through.objects.filter(
        pageviewrestriction_id__in=group_rules
    ).values_list("pageviewrestriction_id", "group_id"):
        rule_groups[rule_id].add(group_id)
    users = {user for page, user in page_readers if page in restricted}
    User = get_user_model()
    superusers = set(
        User.objects.filter(pk__in=users, is_superuser=True).values_list(
            "pk", flat=True
        )
    )
    user_groups = defaultdict(set)
    for user_id, group_id in User.groups.through.objects.filter(
        user_id__in=users
    ).values_list("user_id", "group_id"):
        user_groups[user_id].add(group_id)

    def lets_in(rule, user_id):
        if rule.restriction_type != PageViewRestriction.GROUPS:
            return True  # signed in, or a password the page asks for
        return user_id in superusers or bool(
            rule_groups[rule.pk] & user_groups[user_id]
        )

    return {
        (page, user)
        for page, user in page_readers
        if page in public
        or (
            page in restricted and all(lets_in(rule, user) for rule in restricted[page])
        )
    }


def _readable_rooms(room_readers):
    """{(room id, user id)} of the pairs whose user may still read the room."""
    from forums.models import Room, RoomMembership

    rooms = {
        room.pk: room
        for room in Room.objects.filter(pk__in=[room for room, _user in room_readers])
    }
    private = [pk for pk, room in rooms.items() if room.is_private]
    members = set(
        RoomMembership.objects.filter(
            room_id__in=private,
            user_id__in=[user for _room, user in room_readers],
        ).values_list("room_id", "user_id")
    )
    readable = set()
    for room_id, user_id in room_readers:
        room = rooms.get(room_id)
        if room is None:
            continue
        if (
            not room.is_private
            or room.counsellor_id == user_id
            or (room_id, user_id) in members
        ):
            readable.add((room_id, user_id))
    return readable


def _leads(targets, kind, model, field, convert=None):
    """{(kind, number): where it leads} for the notifications of ``kind``: the
    ``field`` of each ``model`` row they name (one query; none without any)."""
    if not targets[kind]:
        return {}
    rows = model.objects.filter(pk__in=list(targets[kind])).values_list("pk", field)
    return {(kind, pk): convert(value) if convert else value for pk, value in rows}


def _unreadable(targets, kinds, place_of, readable):
    """The ids of the notifications of ``kinds`` whose reader cannot open the
    place they lead to: ``place_of`` maps (kind, number) to a page or room id
    (missing: the thing is gone), ``readable`` takes {(place, user id)} and
    returns the pairs whose user may open the place."""
    leads = [
        ((place_of.get((kind, number)), n.user_id), n.pk)
        for kind in kinds
        for number, items in targets[kind].items()
        for n in items
    ]
    found = {pair for pair, _pk in leads if pair[0] is not None}
    open_to = readable(found) if found else set()
    return {pk for pair, pk in leads if pair not in open_to}


def gone(notifications):
    """The ids of `notifications` whose page their reader can no longer open."""
    from wagtail.models import WorkflowState

    from counselling.models import Booking
    from events.models import Registration
    from forums.models import Message, Post

    targets = _targets(notifications)
    missing = set()

    def lose(what, ids):
        for number in ids:
            missing.update(n.pk for n in targets[what][number])

    # Pages: practices and events, seats' events, reviewed practices.
    page_of = {("page", pk): pk for pk in targets["page"]}
    page_of.update(_leads(targets, "registration", Registration, "event_id"))
    page_of.update(_leads(targets, "review", WorkflowState, "object_id", _number))
    missing |= _unreadable(
        targets, ("page", "registration", "review"), page_of, _readable_pages
    )

    if targets["post"]:
        there = set(
            Post.objects.filter(pk__in=list(targets["post"])).values_list(
                "pk", flat=True
            )
        )
        lose("post", [pk for pk in targets["post"] if pk not in there])

    # Rooms: a mention's message leads to its room; the reader must still read it.
    room_of = {("room", pk): pk for pk in targets["room"]}
    room_of.update(_leads(targets, "message", Message, "room_id"))
    missing |= _unreadable(targets, ("room", "message"), room_of, _readable_rooms)

    if targets["booking"]:
        people = {
            pk: {member_id, counsellor_user_id}
            for pk, member_id, counsellor_user_id in Booking.objects.filter(
                pk__in=list(targets["booking"])
            ).values_list("pk", "member_id", "counsellor__user_id")
        }
        for number, items in targets["booking"].items():
            missing.update(
                n.pk for n in items if n.user_id not in people.get(number, ())
            )
    return missing
