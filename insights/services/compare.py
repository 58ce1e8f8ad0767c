"""Two to four countries side by side: each dimension's counts per country,
under the page's other filters (each column is /practices/?country=<code>&...),
as grouped bars, a table, a text summary and a CSV."""

from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries

from practices.services.listing.filters import parse_filters
from taxonomy.names import country_name
from vetnet import csv_export

from .charts import MAX_BARS, build_chart
from .figures import cached, practice_figures

MIN_COUNTRIES, MAX_COUNTRIES = 2, 4
DIMENSIONS = ("sector", "theme", "eqf", "target", "language", "timeline")
# Dimensions whose values have an order of their own (levels, years).
ORDERED = ("eqf", "timeline")
PREFIX = "compare-"


@dataclass
class Comparison:
    """One dimension compared: rows of (label, [count per country])."""

    slug: str  # "compare-sector": the chart's id and download name
    dimension: str
    title: str
    value_heading: str
    rows: list = field(default_factory=list)
    summary: str = ""
    image_url: str = ""
    width: int = 0
    height: int = 0
    # The phone's drawing (images.NARROW), picked by the page below NARROW_MEDIA.
    narrow_url: str = ""
    narrow_width: int = 0
    narrow_height: int = 0

    @property
    def vertical(self):
        return self.dimension == "timeline"

    @property
    def drawn_rows(self):
        return self.rows if self.dimension in ORDERED else self.rows[:MAX_BARS]

    @property
    def truncated(self):
        return len(self.drawn_rows) < len(self.rows)


def compared_codes(params):
    """The valid, distinct ``compare`` country codes in the order given (at
    most four), and whether some were dropped."""
    codes, dropped = [], False
    for value in params.getlist("compare"):
        code = value.strip().upper()
        if code in countries and code not in codes and len(codes) < MAX_COUNTRIES:
            codes.append(code)
        elif value.strip():
            dropped = True
    return codes, dropped


def _figures_per_country(params, codes):
    figures = []
    for code in codes:
        scoped = params.copy()
        scoped.setlist("country", [code])
        figures.append(practice_figures(scoped))
    return figures


def _compare(dimension, figures):
    charts = [build_chart(dimension, one) for one in figures]
    labels, counts = {}, []
    for chart in charts:
        counts.append({row.value: row.count for row in chart.rows})
        for row in chart.rows:
            labels.setdefault(row.value, row.label)
    if dimension in ORDERED:
        order = sorted(labels, key=int)
    else:
        order = sorted(labels, key=lambda value: -sum(c.get(value, 0) for c in counts))
    return Comparison(
        slug=PREFIX + dimension,
        dimension=dimension,
        title=charts[0].title,
        value_heading=charts[0].value_heading,
        rows=[(labels[value], [c.get(value, 0) for c in counts]) for value in order],
    )


def _summary(comparison, columns):
    """Each country's largest value, in one sentence per country."""
    sentences = []
    for index, column in enumerate(columns):
        counts = [(counts[index], label) for label, counts in comparison.rows]
        top = max(counts, key=lambda pair: pair[0], default=(0, ""))
        if not top[0]:
            sentences.append(
                _("%(country)s: no practice.") % {"country": column["name"]}
            )
            continue
        sentences.append(
            _("%(country)s: the most practices, %(count)d of %(total)d, in %(label)s.")
            % {
                "country": column["name"],
                "count": top[0],
                "total": column["total"],
                "label": top[1],
            }
        )
    return " ".join(sentences)


def comparisons(params, codes):
    """The columns (one per country) and one Comparison per dimension."""
    figures = _figures_per_country(params, codes)
    columns = [
        {"code": code, "name": country_name(code), "total": one.total}
        for code, one in zip(codes, figures, strict=True)
    ]
    tables = [_compare(dimension, figures) for dimension in DIMENSIONS]
    for table in tables:
        table.summary = _summary(table, columns)
    return columns, tables


def _labels_and_series(table, columns):
    rows = table.drawn_rows
    series = [
        (column["name"], [counts[index] for _label, counts in rows])
        for index, column in enumerate(columns)
    ]
    return [label for label, _c in rows], series


def _svg(table, columns, titled=True, narrow=False):
    from .render import grouped_svg

    labels, series = _labels_and_series(table, columns)
    return grouped_svg(table, labels, series, titled, narrow)


def image_size(table, columns, narrow=False):
    """(width, height) of a comparison's drawing (or its phone's), before
    drawing it."""
    from .render import NARROW_WIDTH, WIDTH, grouped_height

    labels, series = _labels_and_series(table, columns)
    return NARROW_WIDTH if narrow else WIDTH, grouped_height(table, labels, series)


def comparison(params):
    """None when no comparison is asked for; else the countries, whether some
    were dropped, and (with two or more) a column per country and one
    Comparison per dimension."""
    if "compare" not in params:
        return None
    codes, dropped = compared_codes(params)
    if len(codes) < MIN_COUNTRIES:
        return {"codes": codes, "dropped": dropped, "columns": [], "tables": []}
    columns, tables = comparisons(params, codes)
    return {"codes": codes, "dropped": dropped, "columns": columns, "tables": tables}


def _compared(slug, params):
    dimension = slug.removeprefix(PREFIX)
    codes, _dropped = compared_codes(params)
    if dimension not in DIMENSIONS or len(codes) < MIN_COUNTRIES:
        return None
    columns, tables = comparisons(params, codes)
    return columns, next(table for table in tables if table.dimension == dimension)


def compare_download(slug, fmt, params):
    """A comparison chart as SVG/PNG source or its CSV response; None when the
    chart is unknown or fewer than two countries are compared."""
    compared = _compared(slug, params)
    if compared is None:
        return None
    columns, table = compared
    if fmt == "csv":
        header = [table.value_heading, *(column["name"] for column in columns)]
        rows = ([label, *counts] for label, counts in table.rows)
        return csv_export.response(f"insights-{slug}.csv", header, rows)
    return _svg(table, columns)


def compare_image(slug, params, narrow=False):
    """A comparison's drawing for the page's <img> (untitled), kept per content
    version, language, countries and filters; None as compare_download."""
    codes, _dropped = compared_codes(params)

    def draw():
        compared = _compared(slug, params)
        if compared is None:
            return None
        columns, table = compared
        return _svg(table, columns, titled=False, narrow=narrow)

    variant = f"{get_language()}:{','.join(codes)}"
    name = f"image-{slug}{'-narrow' if narrow else ''}"
    return cached(name, parse_filters(params), draw, variant)


def country_choices():
    """(code, name) of the countries on the map, by name, for the form."""
    from .mapdata import europe_shapes

    names = [(code, country_name(code)) for code in europe_shapes()["countries"]]
    return sorted(names, key=lambda pair: pair[1].lower())
