"""The charts of the insights pages as images of their own.

A page carries the figures as text (summaries, data tables) and each drawing as
an <img> of /insights/image/<content version>/<chart>.svg?<filters> (an event's,
for its organisers only, of /insights/events/<event>/image/<version>/<chart>.svg):
drawing is most of what an uncached page cost (pygal, the map), and the browser
fetches the images in parallel, each cached on its own. The content version in
the path makes an image's URL change with every publish, so a cache may keep a
practice chart for a year and no purge has to find it; an old version's URL
leads to the current one. The network's counts (rooms, threads, profiles) move
without a publish: their images are kept as briefly as the network page.

An image is the standalone drawing (its own style sheet: the page's does not
reach into an <img>, and the page's CSP does not govern it), untitled: in the
page the section's heading names the chart and the <img> its alt text.
"""

import hashlib
import logging

from django.urls import reverse
from django.utils.translation import get_language

from practices.services.listing.filters import Filters

from .charts import CHARTS, build_chart
from .compare import PREFIX, compare_image
from .europe import map_size, map_svg, map_title, organisations_label
from .figures import cached, practice_figures
from .network import network_charts
from .render import NARROW_WIDTH, WIDTH, chart_height, chart_svg

logger = logging.getLogger(__name__)

# The network page's charts on the image route: network-organisations, ...
NETWORK = "network-"
# A chart's drawing for a phone: <chart>-narrow.svg (render.NARROW_WIDTH wide).
NARROW = "-narrow"


def narrow_slug(slug):
    """(the chart's slug, whether the phone's drawing is asked for)."""
    base = slug.removesuffix(NARROW)
    return base, base != slug


def current_version():
    """The content version the images are drawn at (0 when the cache is out:
    the page and its images then agree on 0)."""
    from vetnet.cache import content_version

    try:
        return int(content_version())
    except Exception:  # noqa: BLE001 - a cache outage must not break the page
        logger.warning("insights: content version unavailable", exc_info=True)
        return 0


def image_url(version, slug, querystring):
    path = reverse("insights:image", args=[version, slug])
    return path + querystring if querystring != "?" else path


def event_image_url(event, version, slug):
    return reverse("insights:event_image", args=[event.slug, version, slug])


def attach_image(chart, url, size=None, narrow_url="", narrow_size=None):
    """Give a chart (or comparison) of a page its <img>: URL and size (the
    drawing's, known before it is drawn: nothing moves when it arrives), and
    the bars their phone's drawing (the map has no text to shrink)."""
    chart.image_url = url
    if size is None:
        size = map_size() if chart.is_map else (WIDTH, chart_height(chart))
    chart.width, chart.height = size
    if narrow_url and not getattr(chart, "is_map", False):
        chart.narrow_url = narrow_url
        chart.narrow_width, chart.narrow_height = narrow_size or (
            NARROW_WIDTH,
            chart_height(chart),
        )


def slug_url(url_for, slug):
    """attach_image's URLs: the chart's drawing and its phone's drawing."""
    return {"url": url_for(slug), "narrow_url": url_for(f"{slug}{NARROW}")}


def drawing(chart, titled=True, narrow=False):
    """The chart's SVG document: the map of Europe for a map, else its bars;
    ``titled``: the bars name themselves (a download; in a page the <img> is
    named by its section); ``narrow``: the phone's drawing of the bars. A map
    always carries its title (its accessible name)."""
    if chart.is_map:
        counts = {row.value: row.count for row in chart.rows}
        if chart.slug == "country":
            return map_svg(counts, map_title(), chart.summary)
        # The network page's map counts organisations.
        return map_svg(counts, chart.title, chart.summary, organisations_label)
    return chart_svg(chart, titled=titled, narrow=narrow)


def kept_for_good(slug):
    """Whether the image's URL names everything it shows (the content version and
    filters do for the practices' charts; the network's counts move without a
    publish)."""
    return not slug.startswith(NETWORK)


def image_svg(slug, params, filters):
    """The image's SVG markup, or None for an unknown chart (or a comparison of
    fewer than two countries). Kept per content version, language, filters and
    chart, like the facet counts."""
    chart, narrow = narrow_slug(slug)
    if chart.startswith(PREFIX):
        return compare_image(chart, params, narrow)
    if chart.startswith(NETWORK):
        return network_image(chart.removeprefix(NETWORK), narrow)
    if chart not in CHARTS:
        return None

    def draw():
        figures = practice_figures(params, with_timeline=chart == "timeline")
        return drawing(build_chart(chart, figures), titled=False, narrow=narrow)

    return cached(f"image-{slug}", filters, draw, variant=get_language())


def network_image(slug, narrow=False):
    """A chart of the network page, drawn from the counts its table shows: kept
    per content version, language and those counts."""
    chart = {chart.slug: chart for chart in network_charts(Filters())}.get(slug)
    if chart is None:
        return None
    shown = repr([(row.value, row.count, row.count2) for row in chart.rows])
    variant = f"{get_language()}:{hashlib.sha256(shown.encode()).hexdigest()[:16]}"
    return cached(
        f"image-{NETWORK}{slug}{NARROW if narrow else ''}",
        Filters(),
        lambda: drawing(chart, titled=False, narrow=narrow),
        variant=variant,
    )
