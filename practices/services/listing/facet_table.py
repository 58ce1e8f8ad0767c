"""The listing's facet counts from a table kept per process and content version.

Counting in SQL made every facet of a cold listing recompute the filtered set
(the live-page check, the view-restriction anti-join, a scan of the wide
practice rows) in each branch of a UNION: ~130 ms of database time per new
filter combination at 10,000 practices. The facet values of every live, public
practice are few (a country, a language and a handful of term ids each), so
they are read once per content version (five narrow queries) into inverted
indexes, {facet value: practice ids}, and any combination is counted from them
with set intersections: no query at all without a text query, one (the ids the
text matches) with one. One process builds the table of a version and the
others load it from the cache (shared_table). The content version moves with every change a count
could show (publish, unpublish, move, delete, taxonomy, view restrictions).
"""

import logging
from collections import defaultdict

from django.core.cache import cache

from practices.models import PracticeTag

from .queryset import EQFLink, SectorLink, TargetLink, live_public, text_condition

MEMO_KEY = "practices.listing.facet_table"
SHARED_KEY = "practices:facet-table"

logger = logging.getLogger(__name__)


def _index(rows, live):
    """{value: frozenset of practice ids} from (practice id, value) rows."""
    index = defaultdict(set)
    for pk, value in rows:
        if pk in live:
            index[value].add(pk)
    return {value: frozenset(pks) for value, pks in index.items()}


def build_table():
    pages = list(live_public().values_list("pk", "country", "content_language"))
    live = frozenset(pk for pk, _country, _language in pages)

    def terms(link, fk):
        rows = link.objects.values_list(
            "practicepage_id", f"{fk}__slug", f"{fk}__name", f"{fk}__translation_key"
        )
        return _index(
            ((pk, (slug, name, str(key))) for pk, slug, name, key in rows), live
        )

    themes = PracticeTag.objects.values_list(
        "content_object_id", "tag__slug", "tag__name"
    )
    return {
        "all": live,
        "country": _index(((pk, country) for pk, country, _l in pages), live),
        "language": _index(((pk, language) for pk, _c, language in pages), live),
        # Sectors and target groups: one row per term of each locale, counted
        # as (slug, own name, translation key) as listing_facets names them.
        "sector": terms(SectorLink, "sector"),
        "target": terms(TargetLink, "targetgroup"),
        "eqf": _index(
            EQFLink.objects.values_list("practicepage_id", "eqflevel_id"), live
        ),
        "theme": _index(
            ((pk, (slug, name)) for pk, slug, name in themes.iterator()), live
        ),
    }


def facet_table():
    from vetnet.cache import memo_per_version, readable_content_version

    version = readable_content_version()
    return memo_per_version(MEMO_KEY, lambda: shared_table(version), version)


def shared_table(version):
    """The table of `version`, built by one process for all: the others read it
    from the cache (~300 KB at 10,000 practices, a few ms to load) instead of
    each building it (five queries and ~80 ms of CPU, right after a publish when
    every filter combination is new). Kept FACET_CACHE_SECONDS (0: each process
    builds its own); a cache outage builds it here."""
    from vetnet.cache import facet_cache_seconds

    seconds = facet_cache_seconds()
    key = f"{SHARED_KEY}:{version}"
    if seconds > 0:
        try:
            stored = cache.get(key)
        except Exception:  # noqa: BLE001 - a cache outage builds the table here
            logger.warning("facet table cache unavailable", exc_info=True)
            stored = None
        if stored is not None:
            return stored
    table = build_table()
    if seconds > 0:
        try:
            cache.set(key, table, seconds)
        except Exception:  # noqa: BLE001
            logger.warning("facet table cache unavailable", exc_info=True)
    return table


def _value_of(name, key):
    """The value a filter chooses, from an index key (terms: by slug)."""
    return key[0] if name in ("sector", "target", "theme") else key


def _matching(table, name, chosen):
    """Practices with ANY of the chosen values of facet `name`."""
    if name == "eqf":
        chosen = {int(value) for value in chosen}
    else:
        chosen = set(chosen)
    found = set()
    for key, pks in table[name].items():
        if _value_of(name, key) in chosen:
            found |= pks
    return found


def count_from_table(filters, table=None):
    """count_facets(filters) without `own`, from the table: each facet counted
    among the practices matching the text query and every OTHER chosen facet
    (OR within a facet, AND across facets). Same (total, counts) shape."""
    table = facet_table() if table is None else table
    base = table["all"]
    if filters.q:
        base = base & frozenset(
            live_public().filter(text_condition(filters.q)).values_list("pk", flat=True)
        )
    names = ("country", "language", "sector", "target", "eqf", "theme")
    matches = {
        name: _matching(table, name, filters.chosen(name))
        for name in names
        if filters.chosen(name)
    }

    def within(skip):
        found = base
        for name, pks in matches.items():
            if name != skip:
                found = found & pks
        return found

    full = within(None)

    def counted(name):
        among = within(name) if name in matches else full
        for key, pks in table[name].items():
            n = len(pks & among)
            if n:
                yield key, n

    counts = {
        "country": dict(counted("country")),
        "language": dict(counted("language")),
        "eqf": dict(counted("eqf")),
        "theme": {slug: (label, n) for (slug, label), n in counted("theme")},
        "sector": [(*key, n) for key, n in counted("sector")],
        "target": [(*key, n) for key, n in counted("target")],
    }
    return len(full), counts
