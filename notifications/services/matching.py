"""Who is to hear about a published practice or a new event.

Followers of the practice's sectors, themes, country, target groups and
organisation are found in one query. Saved searches of the listing are matched
with the listing's own services (parse_filters + filtered_queryset): one EXISTS per
distinct saved query, CHUNK of them per SQL statement, so the number of queries
grows with the number of distinct searches, never with the number of followers.
Saved /search/ permalinks are matched by the search's engines once the practice
is indexed (search_followers, after search.signals.practice_indexed).
"""

from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict

from practices.models import PracticePage
from practices.services.listing import Filters, parse_filters
from practices.services.listing.queryset import filtered_queryset
from search.services.query import saved as saved_searches

from ..models import Follow
from .follows import LISTING, SEARCH_PAGE

Kind = Follow.Kind
CHUNK = 100


def visible_practice(page_id):
    """The practice if it is live, public (the listing's rule) and not an alias,
    else None: nobody hears about a practice in review or in a private section."""
    return (
        filtered_queryset(Filters())
        .filter(pk=page_id)
        .select_related("organisation")
        .first()
    )


def practice_terms(page):
    """(kind, value) pairs a practice is about."""
    terms = [(Kind.COUNTRY, page.country.code)] if page.country else []
    terms += [
        (Kind.SECTOR, slug) for slug in page.sectors.values_list("slug", flat=True)
    ]
    terms += [
        (Kind.TARGET, slug)
        for slug in page.target_groups.values_list("slug", flat=True)
    ]
    terms += [(Kind.THEME, slug) for slug in page.themes.values_list("slug", flat=True)]
    if page.organisation_id:
        terms.append((Kind.ORGANISATION, page.organisation.slug))
    return terms


def _terms_filter(terms):
    by_kind = {}
    for kind, value in terms:
        by_kind.setdefault(kind, set()).add(value)
    condition = Q(pk__in=[])
    for kind, values in by_kind.items():
        condition |= Q(kind=kind, value__in=values)
    return condition


def matching_queries(page_id, queries):
    """The saved listing queries (normalised query strings) whose filtered view
    holds the practice, each decided by the listing's own queryset."""
    queries = list(queries)
    matched = set()
    for start in range(0, len(queries), CHUNK):
        chunk = queries[start : start + CHUNK]
        annotations = {
            f"m{i}": Exists(
                filtered_queryset(parse_filters(QueryDict(query)))
                .order_by()
                .filter(pk=OuterRef("pk"))
            )
            for i, query in enumerate(chunk)
        }
        row = (
            PracticePage.objects.filter(pk=page_id)
            .annotate(**annotations)
            .values(*annotations)
            .first()
        )
        if row:
            matched.update(chunk[int(name[1:])] for name, hit in row.items() if hit)
    return matched


def practice_followers(page):
    """Ids of active members following anything the practice is about, or a
    saved search whose listing holds it."""
    terms = practice_terms(page)
    users = set(
        Follow.objects.filter(_terms_filter(terms), user__is_active=True).values_list(
            "user_id", flat=True
        )
    )
    queries = set(
        Follow.objects.filter(kind=Kind.SEARCH, value=LISTING, user__is_active=True)
        .order_by()
        .values_list("query", flat=True)
        .distinct()
    )
    matched = matching_queries(page.pk, queries) if queries else set()
    if matched:
        users.update(
            Follow.objects.filter(
                kind=Kind.SEARCH, value=LISTING, query__in=matched, user__is_active=True
            ).values_list("user_id", flat=True)
        )
    return users


def search_followers(page):
    """Ids of active members with a saved /search/ permalink that finds the
    practice, asked of the search's own engines (search.services.query.saved)
    once the practice is in the index."""
    saved = Follow.objects.filter(
        kind=Kind.SEARCH, value=SEARCH_PAGE, user__is_active=True
    )
    queries = set(saved.order_by().values_list("query", flat=True).distinct())
    if not queries:
        return set()
    matched = saved_searches.matching(page.pk, queries)
    if not matched:
        return set()
    return set(saved.filter(query__in=matched).values_list("user_id", flat=True))


def event_followers(event):
    """Members following the event's country, one of its sectors, themes or
    organisers."""
    terms = [(Kind.COUNTRY, event.country.code)] if event.country else []
    terms += [
        (Kind.ORGANISATION, slug)
        for slug in event.organisers.values_list("slug", flat=True)
    ]
    terms += [
        (Kind.SECTOR, slug) for slug in event.sectors.values_list("slug", flat=True)
    ]
    terms += [
        (Kind.THEME, slug) for slug in event.themes.values_list("slug", flat=True)
    ]
    if not terms:
        return set()
    return set(
        Follow.objects.filter(_terms_filter(terms), user__is_active=True).values_list(
            "user_id", flat=True
        )
    )
