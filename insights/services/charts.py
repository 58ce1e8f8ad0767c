"""The insights charts: for each, its rows (the data table), title and a
one-sentence summary, and its CSV (through the project's one CSV writer)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vetnet import csv_export

# Chart slug -> the listing facet it shows (the timeline has none).
FACET_CHARTS = ("country", "sector", "theme", "eqf", "target", "language")
CHARTS = (*FACET_CHARTS, "timeline")
# Bars drawn at most per chart; the data table always lists every value.
MAX_BARS = 15


@dataclass
class Row:
    label: str
    value: str
    count: int
    # The page's query string with this value chosen (or dropped when selected).
    querystring: str = ""
    selected: bool = False
    # The timeline's second series (practices first published that year).
    count2: int | None = None


@dataclass
class Chart:
    slug: str
    title: str
    rows: list = field(default_factory=list)
    summary: str = ""
    value_heading: str = ""
    count_heading: str = ""
    count2_heading: str = ""
    # Drawn as the map of Europe (rows by country code), not as bars.
    is_map: bool = False
    # The page shows the drawing as an image of this URL and size (images.py).
    image_url: str = ""
    width: int = 0
    height: int = 0
    # The phone's drawing (images.NARROW), picked by the page below NARROW_MEDIA.
    narrow_url: str = ""
    narrow_width: int = 0
    narrow_height: int = 0

    @property
    def drawn_rows(self):
        return self.rows if self.count2_heading else self.rows[:MAX_BARS]

    @property
    def truncated(self):
        return len(self.drawn_rows) < len(self.rows)


def _titles():
    return {
        "country": _("Practices by country"),
        "sector": _("Practices by sector"),
        "theme": _("Practices by theme"),
        "eqf": _("Practices by EQF level"),
        "target": _("Practices by target group"),
        "language": _("Practices by content language"),
        "timeline": _("Practices by year"),
    }


def _value_headings():
    return {
        "country": _("Country"),
        "sector": _("Sector"),
        "theme": _("Theme"),
        "eqf": _("EQF level"),
        "target": _("Target group"),
        "language": _("Language"),
        "timeline": _("Year"),
    }


def _by_count(rows):
    """Most practices first (the order bars read best in), then by label."""
    return sorted(rows, key=lambda row: (-row.count, row.label.lower()))


def facet_chart(slug, figures):
    facet = figures.facets[slug]
    rows = [
        Row(
            label=str(option.label),
            value=str(option.value),
            count=option.count,
            querystring=option.querystring,
            selected=option.selected,
        )
        for option in facet.options
    ]
    if slug != "eqf":
        rows = _by_count(rows)
    chart = Chart(
        slug,
        _titles()[slug],
        rows,
        value_heading=_value_headings()[slug],
        count_heading=_("Practices"),
        is_map=slug == "country",
    )
    chart.summary = _facet_summary(chart, figures.total)
    return chart


def _facet_summary(chart, total):
    # Values chosen in the filters stay on show with no practice (to be
    # unchosen): they are no "most practices, 0 of 0".
    top = max(chart.rows, key=lambda row: row.count, default=None)
    if top is None or not top.count:
        return _("No practice matches these filters.")
    return _summary_sentence(chart.slug, len(chart.rows)) % {
        "values": len(chart.rows),
        "count": top.count,
        "total": total,
        "label": top.label,
    }


def _summary_sentence(slug, values):
    """The summary's sentence naming what the chart counts (countries,
    sectors...) and what is counted (practices, organisations, members)."""
    sentences = {
        "country": lambda: ngettext(
            "%(values)d country; the most practices, %(count)d of %(total)d, "
            "are in %(label)s.",
            "%(values)d countries; the most practices, %(count)d of %(total)d, "
            "are in %(label)s.",
            values,
        ),
        "sector": lambda: ngettext(
            "%(values)d sector; the most practices, %(count)d of %(total)d, "
            "are in %(label)s.",
            "%(values)d sectors; the most practices, %(count)d of %(total)d, "
            "are in %(label)s.",
            values,
        ),
        "theme": lambda: ngettext(
            "%(values)d theme; the most practices, %(count)d of %(total)d, "
            "are about %(label)s.",
            "%(values)d themes; the most practices, %(count)d of %(total)d, "
            "are about %(label)s.",
            values,
        ),
        "eqf": lambda: ngettext(
            "%(values)d EQF level; the most practices, %(count)d of %(total)d, "
            "are at %(label)s.",
            "%(values)d EQF levels; the most practices, %(count)d of %(total)d, "
            "are at %(label)s.",
            values,
        ),
        "target": lambda: ngettext(
            "%(values)d target group; the most practices, %(count)d of %(total)d, "
            "are for %(label)s.",
            "%(values)d target groups; the most practices, %(count)d of %(total)d, "
            "are for %(label)s.",
            values,
        ),
        "language": lambda: ngettext(
            "%(values)d language; the most practices, %(count)d of %(total)d, "
            "are written in %(label)s.",
            "%(values)d languages; the most practices, %(count)d of %(total)d, "
            "are written in %(label)s.",
            values,
        ),
        "organisations": lambda: ngettext(
            "%(values)d country; the most organisations, %(count)d of %(total)d, "
            "are in %(label)s.",
            "%(values)d countries; the most organisations, %(count)d of %(total)d, "
            "are in %(label)s.",
            values,
        ),
        "members": lambda: ngettext(
            "%(values)d country; the most members, %(count)d of %(total)d, "
            "are in %(label)s.",
            "%(values)d countries; the most members, %(count)d of %(total)d, "
            "are in %(label)s.",
            values,
        ),
    }
    return sentences[slug]()


def timeline_chart(figures):
    start = figures.timeline.get("start", {})
    published = figures.timeline.get("published", {})
    years = sorted(set(start) | set(published))
    if years:
        years = list(range(years[0], years[-1] + 1))
    rows = [
        Row(
            label=str(year),
            value=str(year),
            count=start.get(year, 0),
            count2=published.get(year, 0),
        )
        for year in years
    ]
    chart = Chart(
        "timeline",
        _titles()["timeline"],
        rows,
        value_heading=_value_headings()["timeline"],
        count_heading=_("Practices starting"),
        count2_heading=_("Practices published"),
    )
    if not rows:
        chart.summary = _("No practice matches these filters.")
    else:
        busiest = max(rows, key=lambda row: row.count)
        chart.summary = _(
            "From %(first)s to %(last)s; most practices started in %(year)s "
            "(%(count)d)."
        ) % {
            "first": rows[0].label,
            "last": rows[-1].label,
            "year": busiest.label,
            "count": busiest.count,
        }
    return chart


def build_chart(slug, figures):
    return timeline_chart(figures) if slug == "timeline" else facet_chart(slug, figures)


def build_charts(figures):
    return [build_chart(slug, figures) for slug in CHARTS]


def csv_response(chart):
    """The chart's data table as a CSV attachment."""
    header = [chart.value_heading, _("Code"), chart.count_heading]
    if chart.count2_heading:
        header = [chart.value_heading, chart.count_heading, chart.count2_heading]
        rows = ([row.label, row.count, row.count2] for row in chart.rows)
    else:
        rows = ([row.label, row.value, row.count] for row in chart.rows)
    return csv_export.response(f"insights-{chart.slug}.csv", header, rows)


def bars_summary(chart, total):
    """The one-sentence summary of a bar chart (public for other figures)."""
    return _facet_summary(chart, total)
