"""What a member follows: taxonomy terms, organisations, threads, rooms, events
and saved searches (of the practice listing, or permalinks of /search/)."""

from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils.translation import gettext as _
from django_countries import countries

from practices.services.listing import parse_filters
from search.services.query.saved import normalise as normalise_search_query
from taxonomy.names import theme_name

from ..models import Follow

Kind = Follow.Kind
# A saved search's Follow.value: the page it searches.
LISTING = "practices"
SEARCH_PAGE = "search"


def normalise_listing_query(querystring):
    """The listing's own reading of a query string, as a canonical query string:
    invalid values dropped, the page and the default sort left out, the
    parameters in the listing's order. Empty when it filters nothing."""
    filters = parse_filters(QueryDict(querystring.lstrip("?")))
    if not filters.active:
        return ""
    return filters.querystring(page=None, sort=None).lstrip("?")


def saved_search(value):
    """(page, normalised query) of a saved search given as a query string of
    the listing ("?sector=x"), or as a permalink of either page ("/it/search/?q=
    x&country=IT", "/practices/?sector=x"): each page reads its own address."""
    value = (value or "").strip()
    if not value.startswith(("/", "http://", "https://")):
        return LISTING, normalise_listing_query(value)
    parts = urlsplit(value)
    segments = [segment for segment in parts.path.split("/") if segment]
    if segments and segments[-1] == SEARCH_PAGE:
        return SEARCH_PAGE, normalise_search_query(parts.query)
    return LISTING, normalise_listing_query(parts.query)


def saved_search_key(page, query):
    """How followed_keys names a saved search."""
    return f"{page}?{query}"


def _target_exists(kind, value):
    from community.models import Organisation
    from events.models import EventPage
    from forums.models import Room, Thread
    from taxonomy.models import Sector, TargetGroup

    if kind == Kind.COUNTRY:
        return value in countries
    if kind == Kind.THEME:
        from taggit.models import Tag

        return Tag.objects.filter(slug=value).exists()
    lookups = {
        Kind.SECTOR: (Sector, "slug"),
        Kind.TARGET: (TargetGroup, "slug"),
        Kind.ORGANISATION: (Organisation, "slug"),
        Kind.THREAD: (Thread, "pk"),
        Kind.ROOM: (Room, "pk"),
        Kind.EVENT: (EventPage, "pk"),
    }
    model, field = lookups[kind]
    if field == "pk" and not value.isdigit():
        return False
    return model.objects.filter(**{field: value}).exists()


class CannotFollow(Exception):
    pass


def follow(user, kind, value, label=""):
    """Follow `value` of `kind`; a saved search takes the query string as value.
    Returns the Follow (the existing one when already followed)."""
    if kind not in Kind.values:
        raise CannotFollow(_("This cannot be followed."))
    value = (value or "").strip()
    query = ""
    if kind == Kind.SEARCH:
        value, query = saved_search(value)
        if not query:
            raise CannotFollow(_("Choose at least one filter to save a search."))
    elif kind == Kind.COUNTRY:
        value = value.upper()
    if kind == Kind.ROOM and not _can_read_room(user, value):
        raise CannotFollow(_("This cannot be followed."))
    if kind != Kind.SEARCH and not _target_exists(kind, value):
        raise CannotFollow(_("This cannot be followed."))
    try:
        with transaction.atomic():
            follow, _created = Follow.objects.get_or_create(
                user=user,
                kind=kind,
                value=value,
                query=query,
                defaults={"label": label[:300]},
            )
    except IntegrityError:
        follow = Follow.objects.get(user=user, kind=kind, value=value, query=query)
    return follow


def _can_read_room(user, value):
    from forums.models import Room
    from forums.services.permissions import room_access

    room = Room.objects.filter(pk=value).first() if value.isdigit() else None
    return room is not None and room_access(user, room).can_read


def unfollow(user, kind, value):
    qs = Follow.objects.filter(user=user, kind=kind)
    if kind == Kind.SEARCH:
        page, query = saved_search(value)
        qs = qs.filter(value=page, query=query)
    else:
        qs = qs.filter(
            value=(value or "").strip().upper()
            if kind == Kind.COUNTRY
            else (value or "").strip()
        )
    return qs.delete()[0] > 0


def unfollow_by_id(user, follow_id):
    return Follow.objects.filter(user=user, pk=follow_id).delete()[0] > 0


def followed_keys(user):
    """{(kind, value_or_query)} the member follows, for the buttons of one page
    (one query, remembered on the user object for the rest of the request)."""
    cached = getattr(user, "_followed_keys", None)
    if cached is None:
        cached = {
            (kind, saved_search_key(value, query) if kind == Kind.SEARCH else value)
            for kind, value, query in Follow.objects.filter(user=user).values_list(
                "kind", "value", "query"
            )
        }
        user._followed_keys = cached
    return cached


def follows_of(user):
    """The member's follows grouped by kind, in the order of Follow.Kind; a
    theme's label is its name in the active language (the label saved with the
    follow is in the language of the page it was followed on)."""
    from taggit.models import Tag

    groups = {kind: [] for kind in Kind.values}
    for item in Follow.objects.filter(user=user).order_by("label", "pk"):
        groups[item.kind].append(item)
    themes = groups[Kind.THEME]
    if themes:
        stored = dict(
            Tag.objects.filter(slug__in=[item.value for item in themes]).values_list(
                "slug", "name"
            )
        )
        for item in themes:
            if item.value in stored:
                item.label = theme_name(stored[item.value])
        themes.sort(key=lambda item: (item.label or item.value).lower())
    return [(Kind(kind).label, items) for kind, items in groups.items() if items]


def targets_of(obj, user):
    """[{kind, value, label}] a member can follow on `obj`'s page, in the
    active language."""
    from community.models import Organisation
    from events.models import EventPage
    from forums.models import Room, Thread
    from practices.models import PracticePage
    from taxonomy.names import country_name, localised_names

    targets = []

    def add(kind, value, label):
        targets.append({"kind": kind, "value": str(value), "label": label})

    def add_described(kinds):
        """A practice's or event's terms (``kinds``: [(kind, related
        manager)], their names in the active language), themes and country."""
        terms = [(kind, list(related.all())) for kind, related in kinds]
        names = localised_names([t.translation_key for _k, ts in terms for t in ts])
        for kind, found in terms:
            for term in found:
                add(kind, term.slug, names.get(term.translation_key, term.name))
        for tag in obj.themes.all():
            add(Kind.THEME, tag.slug, theme_name(tag.name))
        if obj.country:
            add(Kind.COUNTRY, obj.country.code, country_name(obj.country.code))

    if isinstance(obj, PracticePage):
        add_described([(Kind.SECTOR, obj.sectors), (Kind.TARGET, obj.target_groups)])
        if obj.organisation_id:
            add(Kind.ORGANISATION, obj.organisation.slug, obj.organisation.name)
    elif isinstance(obj, EventPage):
        add(Kind.EVENT, obj.pk, obj.title)
        add_described([(Kind.SECTOR, obj.sectors)])
    elif isinstance(obj, Thread):
        add(Kind.THREAD, obj.pk, obj.title)
    elif isinstance(obj, Room):
        if _can_read_room(user, str(obj.pk)):
            add(Kind.ROOM, obj.pk, obj.name)
    elif isinstance(obj, Organisation):
        add(Kind.ORGANISATION, obj.slug, obj.name)
    return targets
