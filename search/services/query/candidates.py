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

import contextvars
from collections import Counter
from contextlib import contextmanager
from functools import cache

import numpy as np
from django.db import connection

from .request import FACETS

FACETS_KEY = "search.candidates.facet_values"

# The content version and the search index's version (statistics.index_version)
# one search reads (:func:`one_version`): its rankings, facet counts and page
# facts each asked the cache for the first, three to four round trips per
# search outside a page request (which reads it once: vetnet/cache.py).
_versions = contextvars.ContextVar("search_versions", default=None)


def content_version():
    """The content version of the search under way, else the cache's (while the
    cache is out, a version never seen before: the search reads afresh)."""
    known = _versions.get()
    if known is not None:
        return known[0]
    from vetnet.cache import readable_content_version as current

    return current()


def index_version():
    """The search index's version of the search under way, else the cache's."""
    known = _versions.get()
    if known is not None:
        return known[1]
    from ..statistics import index_version as current

    return current()


@contextmanager
def one_version(index=None):
    """Within: one content version and index version, read once (``index``:
    the index version, when the caller read it already)."""
    token = _versions.set(
        (content_version(), index_version() if index is None else index)
    )
    try:
        yield
    finally:
        _versions.reset(token)


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
            "pp.summary, pp.content_language, pp.country, pp.body, pp.outcomes "
            f"FROM {page} p "
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
    # The snippet's text (services/snippets.py), as the index holds it.
    "body",
    "outcomes",
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
    from vetnet.cache import memo_per_version

    version = content_version()
    return memo_per_version(
        FACETS_KEY, lambda: _by_page(facet_table()), version=version
    )


class _Arrays:
    """:func:`facet_values` as arrays: the practices' ids (ascending), and
    their (facet, value) pairs as codes, each practice's in one run
    (``starts``: where each run begins; ``facets``: each code's facet, by
    position in FACETS)."""

    def __init__(self, table):
        self.pages = np.array(sorted(table), dtype=np.int64)
        self.code_of, runs = {}, []
        for page_id in self.pages.tolist():
            runs.append(
                [
                    self.code_of.setdefault(pair, len(self.code_of))
                    for pair in table[page_id][1]
                ]
            )
        self.pairs = list(self.code_of)
        self.facets = np.array(
            [FACETS.index(name) for name, _value in self.pairs], dtype=np.int64
        )
        self.starts = np.zeros(len(runs) + 1, np.int64)
        np.cumsum([len(run) for run in runs], out=self.starts[1:])
        self.codes = np.array([code for run in runs for code in run], dtype=np.int64)


def _facet_arrays():
    from vetnet.cache import memo_per_version

    version = content_version()
    return memo_per_version(
        FACETS_KEY + ".arrays",
        lambda: _Arrays(facet_values()),
        version=version,
    )


def narrow(ids, filters):
    """(the live public practices among ``ids`` (ranked) holding a value of
    every chosen facet of ``filters`` ({facet name: values}), in their rank
    order; {facet: Counter of values}) where each facet is counted among the
    practices holding every OTHER chosen facet's value (OR within a facet,
    AND across): the rule of a search's page and of a saved search's check
    (saved.py). Counted with array operations over the candidates' runs of
    facet codes (a thousand candidates a search)."""
    table = _facet_arrays()
    counts = {name: Counter() for name in FACETS}
    if not len(table.pages) or not len(ids):
        return [], counts
    ids = np.array(ids, dtype=np.int64)
    positions = np.minimum(np.searchsorted(table.pages, ids), len(table.pages) - 1)
    there = table.pages[positions] == ids
    # Not in the table: not live, not public, or an alias.
    ids, rows = ids[there], positions[there]
    sizes = table.starts[rows + 1] - table.starts[rows]
    owner = np.repeat(np.arange(len(rows)), sizes)
    codes = table.codes[
        np.arange(len(owner))
        + np.repeat(table.starts[rows] - (np.cumsum(sizes) - sizes), sizes)
    ]
    missed = np.zeros(len(rows), np.int64)
    missed_facet = np.full(len(rows), -1, np.int64)
    for name, values in filters.items():
        if not values or name not in FACETS:
            continue
        wanted = [table.code_of.get((name, str(value)), -1) for value in values]
        holds = np.bincount(owner[np.isin(codes, wanted)], minlength=len(rows)) > 0
        missed += ~holds
        missed_facet[~holds] = FACETS.index(name)
    matches = missed == 0
    # A practice missing one chosen facet alone is counted in that facet.
    taken = matches[owner] | (
        (missed[owner] == 1) & (table.facets[codes] == missed_facet[owner])
    )
    numbers = np.bincount(codes[taken], minlength=len(table.pairs))
    for code in np.flatnonzero(numbers).tolist():
        name, value = table.pairs[code]
        counts[name][value] = int(numbers[code])
    return ids[matches].tolist(), counts


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


# What a page of hits shows of a practice (and its URL) changes only with a
# publish, a move or a Site's change, which move the content version: each
# process keeps the practices its searches showed, per content version, up to
# SHOWN_LIMIT (a search then reads only the hits no search showed since).
SHOWN = "search.candidates.shown"
SHOWN_LIMIT = 5000


def shown_pages(ids):
    """{page id: (PracticePage as :func:`hit_pages` reads it, its URL)} of
    ``ids``, kept per process and content version."""
    from wagtail.models import Site

    from vetnet.cache import memo_per_version

    kept = memo_per_version(SHOWN, dict, version=content_version())
    found = {}
    for page_id in ids:
        shown = kept.get(page_id)
        if shown is not None:
            found[page_id] = shown
    missing = [page_id for page_id in ids if page_id not in found]
    if missing:
        if len(kept) > SHOWN_LIMIT:
            kept.clear()
        pages = hit_pages(missing)
        # The sites' root paths looked up once per page of hits (routing's
        # table, vetnet/apps.py): each get_url() would read the content version
        # again, a Redis round trip outside a page request.
        roots = Site.get_site_root_paths() if pages else None
        for page in pages.values():
            page._wagtail_cached_site_root_paths = roots
            found[page.pk] = kept[page.pk] = (page, page.get_url() or "")
    return found


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
