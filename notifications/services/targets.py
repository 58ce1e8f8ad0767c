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

record() writes gone()'s answer on the notifications (``gone_at``), and the
receivers have recheck() run (a task) on the notifications about a page, post,
room or booking that was unpublished, restricted or deleted (about_pages,
about_posts, about_room, about_booking name them, by key). The header's unread
count and the digests then leave gone ones out with a plain filter, one query
whatever their number. Not followed: a reader's groups changing (a group-only
page then counts until the list or a digest weighs it).
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


def record(notifications):
    """gone(notifications), written down: their ``gone_at`` is set where what
    they lead to went, cleared where it came back (one UPDATE each way, only
    when something changed), so that unread counts and digests can filter on
    it. Returns the ids of the gone ones."""
    from django.utils import timezone

    missing = gone(notifications)
    went = [n.pk for n in notifications if n.pk in missing and n.gone_at is None]
    back = [n.pk for n in notifications if n.pk not in missing and n.gone_at]
    now = timezone.now()
    if went:
        Notification.objects.filter(pk__in=went).update(gone_at=now)
    if back:
        Notification.objects.filter(pk__in=back).update(gone_at=None)
    for n in notifications:
        n.gone_at = (n.gone_at or now) if n.pk in missing else None
    return missing


def _keys(prefix, queryset, suffix=""):
    """``queryset``'s primary keys as notification keys (``prefix<pk>suffix``),
    computed by the database: a subquery, not a list."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat

    return (
        queryset.annotate(
            notification_key=Concat(
                Value(prefix), Cast("pk", CharField()), Value(suffix)
            )
        )
        .order_by()
        .values("notification_key")
    )


def about_pages(page_ids):
    """The notifications that lead to these pages or below them (a view
    restriction and an unpublished page cover their subtree): practices,
    events, seats at those events, published reviews. One query when run."""
    from django.db.models import CharField, Q
    from django.db.models.functions import Cast
    from wagtail.models import Page, WorkflowState

    from events.models import Registration

    paths = list(Page.objects.filter(pk__in=page_ids).values_list("path", flat=True))
    if not paths:
        return Notification.objects.none()
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    pages = Page.objects.filter(under)
    reviews = WorkflowState.objects.filter(
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        object_id__in=pages.annotate(text=Cast("pk", CharField())).values("text"),
    )
    # One list of keys (a UNION), not four ORed IN (...): each key is then
    # looked up in the key index, where an OR of subqueries reads every
    # notification.
    keys = _keys("practice:", pages).union(
        _keys("event:", pages),
        _keys("seat:", Registration.objects.filter(event__in=pages)),
        _keys("review:", reviews, ":published"),
        all=True,
    )
    return Notification.objects.filter(key__in=keys)


def any_gone_about(page_ids):
    """Whether an unread notification about these pages (or below them) is
    recorded gone: what a publish may bring back. One EXISTS through the key
    index, so a publish that follows no unpublish costs no task."""
    return (
        about_pages(page_ids)
        .filter(read_at__isnull=True, gone_at__isnull=False)
        .exists()
    )


def about_posts(post_ids):
    """The notifications of replies and mentions in these posts."""
    from django.db.models import Q

    ids = [str(pk) for pk in post_ids]
    return Notification.objects.filter(
        Q(key__in=[f"post:{pk}" for pk in ids])
        | Q(key__in=[f"post-mention:{pk}" for pk in ids])
    )


def about_room(room_id, user_id=None):
    """The notifications of activity and mentions in a room (of one reader)."""
    from django.db.models import Q

    from forums.models import Message

    found = Notification.objects.filter(
        Q(key__startswith=f"room:{room_id}:")
        | Q(key__in=_keys("message-mention:", Message.objects.filter(room_id=room_id)))
    )
    return found if user_id is None else found.filter(user_id=user_id)


def about_booking(booking_id):
    return Notification.objects.filter(key__startswith=f"booking:{booking_id}:")


# Notifications weighed at once by recheck(): a practice unpublished after a
# fan-out to 10,000 followers is loaded and checked this many at a time.
RECHECK_BATCH = 500


def recheck(notification_ids, *, known_gone=None):
    """Record whether the unread ones of these notifications (ids, or a
    queryset of them) are still there for their readers (the receivers call
    it, through a task, when what they lead to changed); their readers' open
    pages get the new count. ``known_gone`` True or False weighs only those
    recorded gone, or not. In batches of RECHECK_BATCH in id order: one query
    loads each batch, then gone() weighs it (a few queries per kind), so
    memory stays bounded whatever the number. Returns how many changed."""
    from . import inbox, live

    notifications = Notification.objects.filter(
        pk__in=notification_ids, read_at__isnull=True
    )
    if known_gone is not None:
        notifications = notifications.filter(gone_at__isnull=not known_gone)
    notifications = notifications.order_by("pk")
    changed, readers, last = 0, set(), 0
    while True:
        batch = list(notifications.filter(pk__gt=last)[:RECHECK_BATCH])
        if not batch:
            break
        last = batch[-1].pk
        before = {n.pk: n.gone_at is None for n in batch}
        record(batch)
        moved = [n for n in batch if before[n.pk] != (n.gone_at is None)]
        changed += len(moved)
        readers.update(n.user_id for n in moved)
        if len(batch) < RECHECK_BATCH:
            break
    if readers:
        live.push_counts(inbox.unread_counts(readers))
    return changed
