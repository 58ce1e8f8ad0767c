"""What the database engine reads of the ranked candidates.

Which practices a search may show, and their facet values, follow the
practice listing's rule and table (practices.services.listing): live, public
(no view restriction on the page or an ancestor), aliases out (an alias shows
the same practice at another address: listed, it would show twice), read once
per process and content version, so that narrowing and counting the ranked
candidates is set work in Python, not a statement per search. The fields of one
page of hits and the titles the ranking checks are read in plain SQL written
once per process (composing querysets cost SQLite more than running them).
"""

from collections import Counter
from functools import cache

from django.db import connection

from .request import FACETS

FACETS_KEY = "search.candidates.facet_values"


def _column(model, name):
    return model._meta.get_field(name).column


@cache
def _sql():
    from wagtail.models import Page

    from practices.models import PracticePage

    page, practice = Page._meta.db_table, PracticePage._meta.db_table
    ptr = _column(PracticePage, "page_ptr")
    return {
        "hits": (
            "SELECT p.id, p.id, p.title, p.url_path, p.path, p.depth, p.locale_id, "
            f"pp.summary, pp.content_language, pp.country FROM {page} p "
            f"JOIN {practice} pp ON pp.{ptr} = p.id WHERE p.id {{in_ids}}"
        ),
    }


HIT_FIELDS = (
    "id",
    "page_ptr_id",
    "title",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "summary",
    "content_language",
    "country",
)


def _in(ids):
    """(SQL after a column, parameters) for "one of ``ids``": an array, one
    parameter, on PostgreSQL (thousands of literals cost more to plan than to
    run); a list of placeholders elsewhere."""
    if connection.vendor == "postgresql":
        return "= ANY(%s)", [ids]
    return f"IN ({', '.join(['%s'] * len(ids))})", ids


def live_public():
    """The live public practices (practices.services.listing.queryset's rule:
    aliases out)."""
    from practices.services.listing.queryset import live_public as practices

    return practices()


def newest(limit):
    """Ids of the newest live public practices."""
    return list(
        live_public()
        .order_by("-first_published_at", "-pk")
        .values_list("pk", flat=True)[:limit]
    )


def _by_page(table):
    """{page id: ({facet: frozenset of values (text)}, ((facet, value), ...))}
    of every practice in the listing's facet ``table``."""
    found = {pk: {name: set() for name in FACETS} for pk in table["all"]}
    for name in FACETS:
        for key, pks in table[name].items():
            # Terms are keyed (slug, names...) in the listing's table.
            value = str(key[0] if isinstance(key, tuple) else key)
            if not value:  # no country
                continue
            for pk in pks:
                found[pk][name].add(value)
    return {
        pk: (
            {name: frozenset(held) for name, held in values.items()},
            tuple((name, value) for name in FACETS for value in sorted(values[name])),
        )
        for pk, values in found.items()
    }


def facet_values():
    """:func:`_by_page` of the live public practices, once per process and
    content version (which every change a count could show moves)."""
    from practices.services.listing.facet_table import facet_table
    from vetnet.cache import content_version, memo_per_version

    version = content_version()
    return memo_per_version(
        FACETS_KEY, lambda: _by_page(facet_table()), version=version
    )


def narrow(ids, filters):
    """(the live public practices among ``ids`` (ranked) holding a value of
    every chosen facet of ``filters`` ({facet name: values}), in their rank
    order; {facet: Counter of values}) where each facet is counted among the
    practices holding every OTHER chosen facet's value (OR within a facet,
    AND across): the rule of a search's page and of a saved search's check
    (saved.py)."""
    table = facet_values()
    chosen = {
        name: {str(value) for value in values}
        for name, values in filters.items()
        if values and name in FACETS
    }
    matching, counted = [], []
    for page_id in ids:
        found = table.get(page_id)
        if found is None:  # not live, not public, or an alias
            continue
        values, pairs = found
        missed = [
            name for name, wanted in chosen.items() if values[name].isdisjoint(wanted)
        ]
        if not missed:
            matching.append(page_id)
            counted.extend(pairs)
        elif len(missed) == 1:  # counted in the facet it misses alone
            counted.extend(pair for pair in pairs if pair[0] == missed[0])
    counts = {name: Counter() for name in FACETS}
    for (name, value), number in Counter(counted).items():
        counts[name][value] = number
    return matching, counts


def hit_pages(ids):
    """{page id: PracticePage with the fields a hit shows and get_url needs}."""
    from practices.models import PracticePage

    ids = [int(pk) for pk in ids]
    if not ids:
        return {}
    in_ids, params = _in(ids)
    sql = _sql()["hits"].format(in_ids=in_ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # from_db takes the values in the model's field order.
    names = [
        field.attname
        for field in PracticePage._meta.concrete_fields
        if field.attname in HIT_FIELDS
    ]
    positions = [HIT_FIELDS.index(name) for name in names]
    pages = [
        PracticePage.from_db(connection.alias, names, [row[i] for i in positions])
        for row in rows
    ]
    return {page.pk: page for page in pages}


def page_titles(ids):
    """{page id: its title as written} of ``ids``."""
    from wagtail.models import Page

    ids = [int(pk) for pk in ids]
    if not ids:
        return {}
    in_ids, params = _in(ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, title FROM {Page._meta.db_table} WHERE id {in_ids}", params
        )
        return dict(cursor.fetchall())
