"""What the database engine reads of the ranked candidates, in plain SQL.

Three statements, each written once per process: the newest live public
practices (the candidates of a search without words), the taxonomy of the
candidates that are live and public (faceting), and the fields of one page of
hits. Built through the ORM they cost more than they take to run: on SQLite
with the demo content, composing the querysets (a UNION of four, an anti-join
on view restrictions) was most of a search's time. Table and column names come
from the models.

"Public" is Wagtail's rule, as practices.services.listing.queryset.public
writes it: no view restriction on the page or on any of its ancestors (a
restricted page's path is a prefix of its whole subtree's).
"""

import json
from functools import cache

from django.db import connection


def _column(model, name):
    return model._meta.get_field(name).column


@cache
def _sql():
    from taggit.models import Tag
    from wagtail.models import Page, PageViewRestriction

    from practices.models import PracticePage, PracticeTag
    from taxonomy.models import Sector

    page, practice = Page._meta.db_table, PracticePage._meta.db_table
    ptr = _column(PracticePage, "page_ptr")
    sectors = PracticePage.sectors.through
    eqf = PracticePage.eqf_levels.through
    public = (
        f"p.live = %s AND NOT EXISTS (SELECT 1 FROM "
        f"{PageViewRestriction._meta.db_table} r JOIN {page} rp "
        f"ON rp.id = r.{_column(PageViewRestriction, 'page')} "
        f"WHERE substr(p.path, 1, length(rp.path)) = rp.path)"
    )
    live_public = f"FROM {page} p JOIN {practice} pp ON pp.{ptr} = p.id WHERE {public}"
    sector_page = _column(sectors, "practicepage")
    eqf_page = _column(eqf, "practicepage")
    tag_page = _column(PracticeTag, "content_object")
    return {
        "newest": f"SELECT p.id {live_public} "
        "ORDER BY p.first_published_at DESC, p.id DESC LIMIT %s",
        "facets": (
            "SELECT p.id, 'page', pp.content_language, pp.country "
            # The ids on both tables: else PostgreSQL reads every practice
            # row to hash-join them (EXPLAIN at 10,000 practices).
            f"{live_public} AND p.id {{in_ids}} AND pp.{ptr} {{in_ids}} "
            f"UNION ALL SELECT l.{sector_page}, 'sector', t.slug, '' "
            f"FROM {sectors._meta.db_table} l JOIN {Sector._meta.db_table} t "
            f"ON t.id = l.{_column(sectors, 'sector')} "
            f"WHERE l.{sector_page} {{in_ids}} "
            f"UNION ALL SELECT l.{eqf_page}, 'eqf', "
            f"CAST(l.{_column(eqf, 'eqflevel')} AS TEXT), '' "
            f"FROM {eqf._meta.db_table} l WHERE l.{eqf_page} {{in_ids}} "
            f"UNION ALL SELECT l.{tag_page}, 'theme', t.slug, '' "
            f"FROM {PracticeTag._meta.db_table} l JOIN {Tag._meta.db_table} t "
            f"ON t.id = l.{_column(PracticeTag, 'tag')} "
            f"WHERE l.{tag_page} {{in_ids}}"
        ),
        # The live public candidates (c: id, rank), their facet values (v),
        # which chosen facets each misses (m: filled in by _narrowing_sql).
        "narrowing": (
            "live AS ({live}), "
            "v AS (SELECT id, 'language' AS kind, language AS value FROM live "
            "UNION ALL SELECT id, 'country', country FROM live WHERE country <> '' "
            f"UNION ALL SELECT live.id, 'sector', t.slug FROM live "
            f"JOIN {sectors._meta.db_table} l ON l.{sector_page} = live.id "
            f"JOIN {Sector._meta.db_table} t ON t.id = l.{_column(sectors, 'sector')} "
            f"UNION ALL SELECT live.id, 'eqf', "
            f"CAST(l.{_column(eqf, 'eqflevel')} AS TEXT) FROM live "
            f"JOIN {eqf._meta.db_table} l ON l.{eqf_page} = live.id "
            f"UNION ALL SELECT live.id, 'theme', t.slug FROM live "
            f"JOIN {PracticeTag._meta.db_table} l ON l.{tag_page} = live.id "
            f"JOIN {Tag._meta.db_table} t ON t.id = l.{_column(PracticeTag, 'tag')}), "
            # h: the chosen facets each candidate holds a value of.
            "h AS (SELECT DISTINCT v.id, v.kind FROM v WHERE {held}), "
            "m AS (SELECT live.id, live.pos, {chosen} - count(h.kind) AS missed, "
            "{which} AS which FROM live LEFT JOIN h ON h.id = live.id "
            "GROUP BY live.id, live.pos) "
            "SELECT 'hit', NULL, m.pos, m.id FROM m WHERE m.missed = 0 "
            "UNION ALL SELECT v.kind, v.value, count(DISTINCT v.id), NULL "
            "FROM v JOIN m ON m.id = v.id "
            "WHERE m.missed = 0 OR (m.missed = 1 AND m.which = v.kind) "
            "GROUP BY v.kind, v.value"
        ),
        # Each candidate's page, live and public. PostgreSQL: looked up by id
        # (OFFSET 0 keeps the subquery per candidate: joined whole, it hashed
        # every page to find a thousand); SQLite has no LATERAL.
        "live postgresql": (
            "SELECT c.id, c.pos, x.language, x.country FROM c CROSS JOIN LATERAL "
            "(SELECT pp.content_language AS language, pp.country AS country "
            f"FROM {page} p JOIN {practice} pp ON pp.{ptr} = p.id "
            f"WHERE p.id = c.id AND pp.{ptr} = c.id AND {public} OFFSET 0) x"
        ),
        "live": (
            "SELECT c.id, c.pos, pp.content_language AS language, "
            f"pp.country AS country FROM c JOIN {page} p ON p.id = c.id "
            f"JOIN {practice} pp ON pp.{ptr} = p.id WHERE {public}"
        ),
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


def newest(limit):
    """Ids of the newest live public practices (aliases included, as
    PracticePage.objects.live().public() has them)."""
    with connection.cursor() as cursor:
        cursor.execute(_sql()["newest"], [True, limit])
        return [row[0] for row in cursor.fetchall()]


def candidate_facets(ids):
    """{page id: {facet name: set of values (text)}} of the live public
    practices among ``ids`` (the others are absent), in one statement."""
    ids = [int(pk) for pk in ids]
    if not ids:
        return {}
    in_ids, params = _in(ids)
    sql = _sql()["facets"].format(in_ids=in_ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, [True, *params, *params, *params, *params, *params])
        rows = cursor.fetchall()
    found, links = {}, []
    for row in rows:
        page_id, kind, value, country = row
        if kind == "page":
            found[page_id] = {
                "language": {value},
                "country": {country} if country else set(),
                "sector": set(),
                "theme": set(),
                "eqf": set(),
            }
        else:
            links.append(row)
    for page_id, kind, value, _country in links:
        if page_id in found:
            found[page_id][kind].add(value)
    return found


def narrowed(ids, chosen):
    """(the live public practices among ``ids`` (ranked) holding a value of
    every facet in ``chosen`` ({facet name: values (text)}), in their rank
    order; {facet: Counter of values}) where each facet is counted among the
    practices holding every OTHER chosen facet's value (OR within a facet,
    AND across): counted by the database in one statement, so that only the
    counts and the matching ids come back, not every candidate's taxonomy."""
    from collections import Counter

    ids = [int(pk) for pk in ids]
    counts = {}
    if not ids:
        return [], counts
    if connection.vendor == "postgresql":
        from ..statistics import pg_array

        head = "WITH c(id, pos) AS (SELECT * FROM unnest(%s::int[]) WITH ORDINALITY), "
        params = [pg_array(ids)]
    else:  # one parameter, one statement text (SQLite keeps it compiled)
        head = "WITH c(id, pos) AS (SELECT value, key FROM json_each(%s)), "
        params = [json.dumps(ids)]
    held, held_params = [], []
    for name, values in chosen.items():
        held.append(
            f"(v.kind = '{name}' AND v.value IN ({', '.join(['%s'] * len(values))}))"
        )
        held_params.extend(values)
    # The first chosen facet a candidate holds no value of (when it misses one).
    which = "".join(
        f"WHEN max(CASE WHEN h.kind = '{name}' THEN 1 ELSE 0 END) = 0 THEN '{name}' "
        for name in chosen
    )
    statements = _sql()
    live = statements[
        "live postgresql" if connection.vendor == "postgresql" else "live"
    ]
    sql = head + statements["narrowing"].format(
        live=live,
        held=" OR ".join(held) or "1 = 0",
        chosen=len(chosen),
        which=f"CASE {which}END" if which else "NULL",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, True, *held_params])
        rows = cursor.fetchall()
    matching = []
    for kind, value, number, page_id in rows:
        if kind == "hit":
            matching.append((number, page_id))
        else:
            counts.setdefault(kind, Counter())[value] = number
    return [page_id for _pos, page_id in sorted(matching)], counts


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
