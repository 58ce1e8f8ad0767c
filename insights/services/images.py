"""The charts of /insights/ as images of their own.

The page carries the figures as text (summaries, data tables) and each drawing as
an <img> of /insights/image/<content version>/<chart>.svg?<filters>: drawing is
most of what an uncached page cost (pygal, the map), and the browser fetches the
images in parallel, each cached on its own. The content version in the path makes
an image's URL change with every publish, so a cache may keep it for a year and
no purge has to find it; an old version's URL leads to the current one.

An image is the standalone drawing (its own style sheet: the page's does not
reach into an <img>, and the page's CSP does not govern it), untitled: in the
page the section's heading names the chart and the <img> its alt text.
"""

import logging

from django.urls import reverse
from django.utils.translation import get_language

from .charts import CHARTS, build_chart
from .compare import PREFIX, compare_image
from .europe import map_size, map_svg, map_title
from .figures import cached, practice_figures
from .render import WIDTH, chart_height, chart_svg

logger = logging.getLogger(__name__)


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


def attach_image(chart, version, querystring, size=None):
    """Give a chart (or comparison) of the page its <img>: URL and size (the
    drawing's, known before it is drawn: nothing moves when it arrives)."""
    chart.image_url = image_url(version, chart.slug, querystring)
    if size is None:
        size = map_size() if chart.slug == "country" else (WIDTH, chart_height(chart))
    chart.width, chart.height = size


def image_svg(slug, params, filters):
    """The image's SVG markup, or None for an unknown chart (or a comparison of
    fewer than two countries). Kept per content version, language, filters and
    chart, like the facet counts."""
    if slug.startswith(PREFIX):
        return compare_image(slug, params)
    if slug not in CHARTS:
        return None

    def draw():
        figures = practice_figures(params, with_timeline=slug == "timeline")
        chart = build_chart(slug, figures)
        if slug == "country":
            counts = {row.value: row.count for row in chart.rows}
            return map_svg(counts, map_title(), chart.summary, standalone=True)
        return chart_svg(chart, standalone=True, titled=False)

    return cached(f"image-{slug}", filters, draw, variant=get_language())
