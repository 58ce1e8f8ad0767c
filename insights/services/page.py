"""What /insights/ shows, and each chart's downloads."""

from django.utils.http import urlencode
from django.utils.translation import gettext as _

from practices.services.listing.filters import Filters

from .charts import CHARTS, build_chart, build_charts, csv_response
from .compare import (
    MAX_COUNTRIES,
    PREFIX,
    compare_download,
    compared_codes,
    comparison,
    country_choices,
)
from .compare import image_size as compare_image_size
from .europe import legend, off_map
from .figures import practice_figures
from .images import (
    NETWORK,
    attach_image,
    current_version,
    drawing,
    image_url,
    slug_url,
)
from .network import network_charts
from .render import svg_to_png

FORMATS = ("svg", "png", "csv")


def _country_counts(chart):
    return {row.value: row.count for row in chart.rows}


def insights_page(params):
    """Figures, the charts' tables and summaries, and an image per chart (drawn
    apart: see images.py), for the page."""
    figures = practice_figures(params)
    charts = build_charts(figures)
    country = charts[0]
    counts = _country_counts(country)
    version = current_version()
    querystring = figures.filters.querystring(page=None)
    for chart in charts:
        attach_image(
            chart,
            **slug_url(lambda slug: image_url(version, slug, querystring), chart.slug),
        )
    compared = comparison(params)
    compare_querystring = _compare_querystring(figures.filters, params)
    if compared:
        for table in compared["tables"]:
            urls = slug_url(
                lambda slug: image_url(version, slug, compare_querystring),
                table.slug,
            )
            attach_image(
                table,
                size=compare_image_size(table, compared["columns"]),
                narrow_size=compare_image_size(table, compared["columns"], True),
                **urls,
            )
    return {
        "filters": figures.filters,
        "total": figures.total,
        "charts": charts,
        "map_chart": country,
        "map_legend": legend(max(counts.values(), default=0)),
        "off_map": [row for row in country.rows if row.value in off_map(counts)],
        "querystring": querystring,
        "active_filters": active_filters(figures),
        "comparison": compared,
        "compare_querystring": compare_querystring,
        "compare_slots": _compare_slots(params),
        "country_choices": country_choices(),
        "download_url": "insights:download",
    }


def _compare_querystring(filters, params):
    """The comparison downloads' query: the page's filters but the country,
    and the compared countries."""
    base = filters.querystring(country=None, page=None)
    codes = urlencode([("compare", code) for code in compared_codes(params)[0]])
    return f"{base}&{codes}" if base != "?" else f"?{codes}"


def _compare_slots(params):
    """The four selects of the comparison form, each with its chosen code."""
    chosen = [value.strip().upper() for value in params.getlist("compare")]
    return (chosen + [""] * MAX_COUNTRIES)[:MAX_COUNTRIES]


def active_filters(figures):
    """The chosen filters, labelled, each with the link that drops it."""
    chosen = []
    filters = figures.filters
    if filters.q:
        chosen.append(
            {
                "title": _("Text"),
                "label": filters.q,
                "querystring": filters.querystring(q=None, page=None),
            }
        )
    for facet in figures.facets.values():
        for option in facet.options:
            if option.selected:
                chosen.append(
                    {
                        "title": facet.title,
                        "label": option.label,
                        "querystring": option.querystring,
                    }
                )
    return chosen


def network_page():
    """The network figures: organisations (map), public members, activity; each
    drawing an image of its own, as on /insights/."""
    organisations, members, activity = network_charts(Filters())
    counts = _country_counts(organisations)
    version = current_version()
    for chart in (organisations, members, activity):
        attach_image(
            chart,
            **slug_url(
                lambda slug: image_url(version, slug, "?"), NETWORK + chart.slug
            ),
        )
    return {
        "map_chart": organisations,
        "map_legend": legend(max(counts.values(), default=0)),
        "charts": [members, activity],
        "querystring": "",
        "download_url": "insights:network_download",
    }


def network_download(slug, fmt):
    charts = {chart.slug: chart for chart in network_charts(Filters())}
    if slug not in charts or fmt not in FORMATS:
        return None
    chart = charts[slug]
    if fmt == "csv":
        return csv_response(chart)
    return file_answer(drawing(chart), fmt, slug)


def file_answer(svg, fmt, slug):
    if fmt == "svg":
        return svg, "image/svg+xml; charset=utf-8", f"insights-{slug}.svg"
    return svg_to_png(svg), "image/png", f"insights-{slug}.png"


def download(slug, fmt, params):
    """(content, content type, filename) of one chart in one format, or None
    for an unknown chart or format."""
    if fmt in FORMATS and slug.startswith(PREFIX):
        answer = compare_download(slug, fmt, params)
        if answer is None or fmt == "csv":
            return answer
        return file_answer(answer, fmt, slug)
    if slug not in CHARTS or fmt not in FORMATS:
        return None
    figures = practice_figures(params, with_timeline=slug == "timeline")
    chart = build_chart(slug, figures)
    if fmt == "csv":
        return csv_response(chart)
    return file_answer(drawing(chart), fmt, slug)
