"""PostgreSQL's inverted index of the practices' tokens: one row per token
(``TokenPostings``) holding every practice that has it, best first, as packed
arrays (practice ids, BM25 term parts, counts per scored field, and the
order of the practices by term part).

A search reads the rows of its few dozen tokens and nothing else of the index:
its candidates, the units each holds and the counts its rescoring needs come
from those arrays in this process (services/query/fulltext.py). A row per
practice and token (the table before this one) made PostgreSQL read, join and
group tens of thousands of rows per search, most of a search's time at 10,000
practices. The indexing task moves one practice's entries in the rows of the
tokens it held and holds (:func:`replace`); ``search_index rebuild`` and
statistics.rebuild write every row afresh (:func:`rebuild`).

Each entry's impact is the token's BM25 term part in the practice's best field
(without IDF, which the query multiplies in), computed with the fields'
average lengths of the time it was written. The row of the empty token
(:data:`LENGTHS`) holds every practice's field lengths, by practice id.
"""

import sys
from array import array
from bisect import bisect_left
from collections import Counter
from contextlib import nullcontext

import numpy as np
import psycopg
from django.db import connection

from ..models import TokenPostings

SCORED = ("title", "text", "concepts_title", "concepts_text")
# The fields each kind of token is scored in, with their boosts (as
# query/scoring.py and the Elasticsearch query weigh them).
WORD_FIELDS = (("title", 3.0), ("text", 1.0))
CONCEPT_FIELDS = (("concepts_title", 3.0), ("concepts_text", 1.0))
K1, B = 1.2, 0.75
LENGTHS = ""  # the token of the row holding the practices' field lengths
WIDTH = len(SCORED)


def _bm25_part(count, length, average, boost):
    norm = K1 * (1 - B + B * length / max(average, 1e-6))
    return boost * count / (count + norm)


def entries(fields, averages):
    """{token: (impact, counts in each SCORED field)} of one practice's
    ``fields`` ({field: [tokens]}), and its fields' lengths under
    :data:`LENGTHS` (impact 0)."""
    best, counts = {}, {}
    for field_set in (WORD_FIELDS, CONCEPT_FIELDS):
        for field, boost in field_set:
            held = fields.get(field, [])
            position = SCORED.index(field)
            for token, count in Counter(held).items():
                counts.setdefault(token, [0] * WIDTH)[position] = count
                value = _bm25_part(count, len(held), averages.get(field, 1.0), boost)
                if value > best.get(token, 0.0):
                    best[token] = value
    found = {token: (best[token], tuple(counts[token])) for token in best}
    found[LENGTHS] = (0.0, tuple(len(fields.get(field, [])) for field in SCORED))
    return found


def _packed(kind, data=b""):
    values = array(kind)
    values.frombytes(data)
    if sys.byteorder != "little":  # stored little-endian
        values.byteswap()
    return values


def _bytes(values):
    if sys.byteorder != "little":
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


class Postings:
    """One token's row: ``pages`` (ids, ascending: a practice is found by
    bisection), ``impacts``, ``counts`` (WIDTH per page, in SCORED order), and
    ``order``: the positions of the pages by impact, highest first (ties by
    id), so that a search reads a token's best practices first."""

    __slots__ = ("counts", "impacts", "order", "pages")

    def __init__(self, pages=b"", impacts=b"", counts=b"", order=b""):
        self.pages = _packed("i", pages)
        self.impacts = _packed("d", impacts)
        self.counts = _packed("I", counts)
        self.order = _packed("i", order)

    def __len__(self):
        return len(self.pages)

    def position(self, page_id):
        """Where ``page_id`` is among the pages, or -1."""
        position = bisect_left(self.pages, page_id)
        if position < len(self.pages) and self.pages[position] == page_id:
            return position
        return -1

    def encoded(self):
        return tuple(
            _bytes(values)
            for values in (self.pages, self.impacts, self.counts, self.order)
        )

    def _reorder(self):
        impacts, pages = self.impacts, self.pages
        self.order = array(
            "i",
            sorted(range(len(pages)), key=lambda i: (-impacts[i], pages[i])),
        )

    def remove(self, page_id):
        position = self.position(page_id)
        if position < 0:
            return
        del self.pages[position]
        del self.impacts[position]
        del self.counts[position * WIDTH : (position + 1) * WIDTH]
        self._reorder()

    def insert(self, page_id, impact, counts):
        position = bisect_left(self.pages, page_id)
        self.pages.insert(position, page_id)
        self.impacts.insert(position, impact)
        self.counts[position * WIDTH : position * WIDTH] = array("I", counts)
        self._reorder()

    @classmethod
    def of(cls, entries):
        """From ``entries`` [(page id, impact, counts)] in page id order."""
        postings = cls()
        postings.pages = array("i", (page_id for page_id, _i, _c in entries))
        postings.impacts = array("d", (impact for _p, impact, _c in entries))
        postings.counts = array(
            "I", (count for _p, _i, counts in entries for count in counts)
        )
        postings._reorder()
        return postings


class Found:
    """One token's row as a search reads it: the arrays of :class:`Postings`
    as numpy views of the row's bytes (no copy, no decoding in Python), so
    that fulltext.py ranks and counts with array operations (``table()``:
    the counts, a row of WIDTH per page)."""

    __slots__ = ("counts", "impacts", "order", "pages")

    def __init__(self, pages=b"", impacts=b"", counts=b"", order=b""):
        self.pages = np.frombuffer(pages, "<i4")
        self.impacts = np.frombuffer(impacts, "<f8")
        self.counts = np.frombuffer(counts, "<u4")
        self.order = np.frombuffer(order, "<i4")

    def __len__(self):
        return len(self.pages)

    @property
    def nbytes(self):
        return sum(
            values.nbytes
            for values in (self.pages, self.impacts, self.counts, self.order)
        )

    def table(self):
        return self.counts.reshape(-1, WIDTH)

    def positions(self, page_ids):
        """(where each of ``page_ids`` (an array) is among the pages, whether
        it is there at all)."""
        size = len(self.pages)
        if not size:
            return np.zeros(len(page_ids), np.intp), np.zeros(len(page_ids), bool)
        found = np.minimum(np.searchsorted(self.pages, page_ids), size - 1)
        return found, self.pages[found] == page_ids


def _table():
    return TokenPostings._meta.db_table


COLUMNS = "token, pages, impacts, counts, position_order"


def read(tokens):
    """{token: Found} of ``tokens`` that any practice holds. The arrays
    come back in binary (Django's cursors bind on the client, which allows
    only text results: bytea as hex, four times the CPU for a search's
    megabyte of postings), through a psycopg cursor on Django's connection;
    logged as Django's own when queries are (tests count them)."""
    if not tokens:
        return {}
    sql = f"SELECT {COLUMNS} FROM {_table()} WHERE token = ANY(%s)"
    params = [list(tokens)]
    with connection.cursor() as wrapper:
        logged = getattr(wrapper, "debug_sql", None)
        with (
            logged(sql, params) if logged else nullcontext(),
            psycopg.Cursor(connection.connection) as cursor,
        ):
            cursor.execute(sql, params, binary=True)
            rows = cursor.fetchall()
    return {token: Found(*data) for token, *data in rows}


# What each process keeps of the rows it read: a search reads the rows of a
# few dozen tokens, most of them read by an earlier search (a 10,000-practice
# index holds about 13 MB of them). They change only when practices are
# indexed, so they are kept for one ``generation`` of the caller's (the
# content version and the statistics' generation, query/fulltext.py: an
# indexing in this process renews it at once, another's within the minute in
# which the statistics are read again), up to KEPT_BYTES.
KEPT_BYTES = 64 * 2**20


KEPT = "search.postings.kept"


class _Kept:
    __slots__ = ("rows", "size")

    def __init__(self):
        self.rows, self.size = {}, 0


def read_kept(tokens, generation):
    """:func:`read` of ``tokens``, reading only those this process has not
    read in the same ``generation`` (a token no practice holds is kept as
    such too)."""
    from vetnet.cache import forget_memo, memo_per_version

    kept = memo_per_version(KEPT, _Kept, version=generation)
    if kept.size > KEPT_BYTES:
        forget_memo(KEPT)
        kept = memo_per_version(KEPT, _Kept, version=generation)
    rows = kept.rows
    missing = [token for token in tokens if token not in rows]
    if missing:
        found = read(missing)
        for token in missing:
            row = found.get(token)
            rows[token] = row
            kept.size += len(token) + (row.nbytes if row is not None else 0)
    return {token: rows[token] for token in tokens if rows[token] is not None}


def _write(cursor, rows):
    """Insert or replace ``rows`` ({token: Postings}); drop the empty ones."""
    empty = [token for token, postings in rows.items() if not len(postings)]
    full = [
        (token, *postings.encoded())
        for token, postings in rows.items()
        if len(postings)
    ]
    if empty:
        cursor.execute(f"DELETE FROM {_table()} WHERE token = ANY(%s::text[])", [empty])
    if full:
        cursor.executemany(
            f"INSERT INTO {_table()} ({COLUMNS}) VALUES (%s, %s, %s, %s, %s)"
            " ON CONFLICT (token) DO UPDATE SET pages = excluded.pages,"
            " impacts = excluded.impacts, counts = excluded.counts,"
            " position_order = excluded.position_order",
            full,
        )


def replace(page_id, old_fields, new_fields, averages):
    """Move practice ``page_id`` from the rows of the tokens of
    ``old_fields`` ({field: [tokens]}, or None) to those of ``new_fields``
    (or None: it has no entries now), in the indexing task's transaction.
    The rows are locked in token order (two tasks never wait on each other
    crosswise); a missing row is first inserted empty, so that two tasks
    adding the same new token queue on it instead of one overwriting the
    other's entry."""
    new = entries(new_fields, averages) if new_fields is not None else {}
    tokens = set(new)
    if old_fields is not None:
        tokens |= {token for held in old_fields.values() for token in held}
        tokens.add(LENGTHS)
    tokens = sorted(tokens)
    if not tokens:
        return
    table = _table()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({COLUMNS})"
            " SELECT token, '', '', '', '' FROM unnest(%s::text[]) AS t(token)"
            " ORDER BY token ON CONFLICT (token) DO NOTHING",
            [tokens],
        )
        cursor.execute(
            f"SELECT {COLUMNS} FROM {table}"
            " WHERE token = ANY(%s::text[]) ORDER BY token FOR UPDATE",
            [tokens],
        )
        rows = {
            token: Postings(*(bytes(value) for value in data))
            for token, *data in cursor.fetchall()
        }
        for token, postings in rows.items():
            postings.remove(page_id)
            if token in new:
                impact, counts = new[token]
                postings.insert(page_id, impact, counts)
        _write(cursor, rows)


def rebuild(rows, averages):
    """Every row afresh from ``rows`` ((page id, {field: [tokens]}))."""
    by_token = {}
    for page_id, fields in sorted(rows, key=lambda row: row[0]):
        for token, (impact, counts) in entries(fields, averages).items():
            by_token.setdefault(token, []).append((page_id, impact, counts))
    TokenPostings.objects.all().delete()
    with connection.cursor() as cursor:
        with cursor.copy(f"COPY {_table()} ({COLUMNS}) FROM STDIN") as copy:
            for token, found in by_token.items():
                copy.write_row((token, *Postings.of(found).encoded()))
