"""Every figure of /insights/ for one filter set, in one SQL statement.

The charts count within the filtered set (the listing's facet counts with
``own=True``) and add the timeline. On PostgreSQL the filtered set (the
listing's own queryset: published, public, matching) is computed once, as a
MATERIALIZED common table expression, and every grouped count reads it: the
ORM's UNION repeats that subquery (page, live, view restrictions) in each of its
branches, which was most of an uncached page at 10,000 practices. Elsewhere
(SQLite) the listing's counting and a timeline query give the same figures.
tests/insights/test_counts.py holds both to the same numbers.
"""

from django.db import connection
from django.db.models import Count, F, Value
from django.db.models.functions import ExtractYear
from django.utils import timezone

from practices.models import PracticeTag
from practices.services.listing.facets import count_facets
from practices.services.listing.queryset import (
    EQFLink,
    SectorLink,
    TargetLink,
    matching,
)


def count_timeline(qs):
    """Practices per start year and per year of first publication, one query."""
    by_start = (
        qs.order_by()
        .filter(year_start__isnull=False)
        .values(kind=Value("start"), year=F("year_start"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_publication = (
        qs.order_by()
        .filter(first_published_at__isnull=False)
        .values(kind=Value("published"), year=ExtractYear("first_published_at"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    timeline = {"start": {}, "published": {}}
    for row in by_start.union(by_publication, all=True):
        timeline[row["kind"]][int(row["year"])] = row["n"]
    return timeline


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def _column(model, name):
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _linked(facet, link, page_field, term_field, term_model=None, key=None):
    """A facet counted through its link table: (value, label, key, practices),
    counted per term id first (narrow rows), then named. The many-to-many
    tables hold a (practice, term) pair once (a unique constraint): COUNT(*)
    is the number of practices; tags have no such constraint."""
    own = f"l.{_column(link, page_field)}"
    term = f"l.{_column(link, term_field)}"
    unique = link._meta.auto_created
    n = "COUNT(*)" if unique else f"COUNT(DISTINCT {own})"
    counted = (
        f"(SELECT {term} AS term, {n} AS n FROM {_table(link)} l "
        f"JOIN m ON m.id = {own} GROUP BY {term}) c"
    )
    if term_model is None:  # EQF: the level's id is the value
        return f"SELECT '{facet}', CAST(c.term AS TEXT), '', '', c.n FROM {counted}"
    slug = f"t.{_column(term_model, 'slug')}"
    name = f"t.{_column(term_model, 'name')}"
    translation = f"CAST(t.{_column(term_model, key)} AS TEXT)" if key else "''"
    return (
        f"SELECT '{facet}', {slug}, {name}, {translation}, c.n FROM {counted} "
        f"JOIN {_table(term_model)} t ON t.id = c.term"
    )


def _statement(filters):
    base = (
        matching(filters)
        .order_by()
        .values_list("pk", "country", "content_language", "year_start")
        .annotate(published=F("first_published_at"))
    )
    base_sql, base_params = base.query.sql_with_params()
    sector = SectorLink._meta.get_field("sector").related_model
    target = TargetLink._meta.get_field("targetgroup").related_model
    tag = PracticeTag._meta.get_field("tag").related_model
    branches = [
        "SELECT 'page', country, language, '', COUNT(*) FROM m GROUP BY 2, 3",
        _linked(
            "sector", SectorLink, "practicepage", "sector", sector, "translation_key"
        ),
        _linked(
            "target",
            TargetLink,
            "practicepage",
            "targetgroup",
            target,
            "translation_key",
        ),
        _linked("eqf", EQFLink, "practicepage", "eqflevel"),
        _linked("theme", PracticeTag, "content_object", "tag", tag),
        "SELECT 'start', CAST(year_start AS TEXT), '', '', COUNT(*) FROM m "
        "WHERE year_start IS NOT NULL GROUP BY 2",
        # The year where the site is (as ExtractYear under USE_TZ).
        "SELECT 'published', CAST(CAST(EXTRACT(YEAR FROM published AT TIME ZONE %s) "
        "AS INTEGER) AS TEXT), '', '', COUNT(*) FROM m "
        "WHERE published IS NOT NULL GROUP BY 2",
    ]
    sql = (
        "WITH m (id, country, language, year_start, published) AS MATERIALIZED "
        f"({base_sql}) " + " UNION ALL ".join(branches)
    )
    return sql, [*base_params, timezone.get_current_timezone_name()]


def _collect(rows):
    counts = {
        "country": {},
        "language": {},
        "eqf": {},
        "theme": {},
        "sector": [],
        "target": [],
    }
    timeline = {"start": {}, "published": {}}
    total = 0
    for facet, value, label, key, n in rows:
        if facet == "page":
            counts["country"][value] = counts["country"].get(value, 0) + n
            counts["language"][label] = counts["language"].get(label, 0) + n
            total += n
        elif facet in timeline:
            timeline[facet][int(value)] = n
        elif facet == "eqf":
            counts["eqf"][int(value)] = n
        elif facet == "theme":
            counts["theme"][value] = (label, n)
        else:
            counts[facet].append((value, label, key, n))
    return total, counts, timeline


def count_figures(filters, with_timeline=True):
    """(total, counts as count_facets(own=True) gives them, timeline)."""
    if connection.vendor == "postgresql":
        sql, params = _statement(filters)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return _collect(cursor.fetchall())
    total, counts = count_facets(filters, own=True)
    timeline = count_timeline(matching(filters)) if with_timeline else {}
    return total, counts, timeline
