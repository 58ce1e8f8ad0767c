"""The charts drawn by pygal, as SVG (a page's <img>, a download) and as PNG.

pygal writes a complete SVG document with an inline <style> and <script> (its
tooltips). Every drawing is a file of its own (no page inlines one: the public
site's Content-Security-Policy allows no inline style), so it keeps pygal's own
style, states its size and drops only the script. It carries a <title> and
<desc> named by aria-labelledby, and role="img".
"""

import xml.etree.ElementTree as ET

import pygal
from pygal.style import Style

SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")

WIDTH = 800
# A phone's drawing (the page picks it below NARROW_MEDIA): drawn about as wide
# as a phone shows it; long labels are cut shorter (the table lists them whole).
NARROW_WIDTH = 360
NARROW_MEDIA = "(max-width: 40rem)"
# Each drawing is shown as wide as the page's column (1rem margins), at most
# 50rem for the wide one and 30rem for the phone's. Its labels are drawn large
# enough to stay 12 CSS pixels or more at the narrowest width it is shown at:
# the phone's on a 320-pixel screen (288 wide: 16 * 288 / 360 = 12.8), the wide
# one just above NARROW_MEDIA, in a 641-pixel window (609 wide: 17 * 609 / 800 =
# 12.9, 12.6 beside a 15-pixel scroll bar; its 13-pixel labels were 9.9 there);
# anywhere wider they grow with it.
LABEL_SIZE = 17
NARROW_LABEL_SIZE = 16
# pygal's room around the plot and the legend (10 by default): at these sizes
# the turned years touched the legend below them.
SPACING = 16
# One per series: the timeline uses two, a comparison up to four countries.
COLOURS = ("#1d5f8a", "#d9822b", "#3d7a2a", "#7a4e9c")
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#222222",
    foreground_strong="#111111",
    foreground_subtle="#666666",
    colors=COLOURS,
    font_family="system-ui, sans-serif",
    label_font_size=LABEL_SIZE,
    major_label_font_size=LABEL_SIZE,
    legend_font_size=LABEL_SIZE,
    title_font_size=20,
)
NARROW_STYLE = Style(
    **{
        **STYLE.__dict__,
        "label_font_size": NARROW_LABEL_SIZE,
        "major_label_font_size": NARROW_LABEL_SIZE,
        "legend_font_size": NARROW_LABEL_SIZE,
        "title_font_size": 18,
    }
)


VERTICAL_HEIGHT = 420


def chart_height(chart):
    """The drawing's height in pixels (its width is WIDTH): the page gives it
    to the <img> before the image arrives, so nothing moves when it does."""
    if chart.count2_heading:
        return VERTICAL_HEIGHT
    return 120 + 30 * max(len(chart.drawn_rows), 1)


def grouped_height(chart, labels, series):
    if chart.vertical:
        return VERTICAL_HEIGHT
    per_value = 10 + 12 * max(len(series), 1)
    return 150 + per_value * max(len(labels), 1)


def _options(chart, titled, narrow=False):
    """pygal's options; ``titled``: the chart names itself (a download; in the
    page the section's heading names it); ``narrow``: the phone's drawing."""
    return {
        "style": NARROW_STYLE if narrow else STYLE,
        "width": NARROW_WIDTH if narrow else WIDTH,
        "js": [],
        "disable_xml_declaration": True,
        "legend_at_bottom": True,
        "title": chart.title if titled else None,
        "explicit_size": True,
        "truncate_label": 40,
        "spacing": SPACING,
        **(NARROW_OPTIONS if narrow else {}),
    }


# The phone's drawing: a few value marks, the legend one name a line.
NARROW_OPTIONS = {"max_scale": 5, "legend_at_bottom_columns": 1}
NARROW_LABEL = 16


def _labels(labels, narrow):
    """The values' labels; on a phone a long one is cut (pygal cuts only the
    standing ones; the table lists every label whole)."""
    if not narrow:
        return labels
    return [
        label if len(label) <= NARROW_LABEL else f"{label[: NARROW_LABEL - 1]}…"
        for label in labels
    ]


def _years(graph, count, narrow):
    """On a phone, every few years only: turned labels take a line's height."""
    if narrow and count > 8:
        graph.show_minor_x_labels = False
        graph.x_labels_major_every = -(-count // 8)


def _pygal_chart(chart, titled, narrow=False):
    options = {
        **_options(chart, titled, narrow),
        "show_legend": chart.slug == "timeline",
        "print_values": False,
    }
    rows = chart.drawn_rows
    height = chart_height(chart)
    if chart.count2_heading:  # two series by period: vertical bars
        graph = pygal.Bar(height=height, x_label_rotation=-45, **options)
        graph.x_labels = [row.label for row in rows]
        _years(graph, len(rows), narrow)
        graph.add(chart.count_heading, [row.count for row in rows])
        graph.add(chart.count2_heading, [row.count2 for row in rows])
        return graph
    # Horizontal bars are drawn bottom up: reversed, the largest comes first.
    rows = list(reversed(rows))
    graph = pygal.HorizontalBar(height=height, **options)
    graph.x_labels = _labels([row.label for row in rows], narrow)
    graph.add(chart.count_heading, [row.count for row in rows])
    return graph


def _tag(name):
    return f"{{{SVG_NS}}}{name}"


def _accessible(root, chart, element_id):
    """Name the picture: role=img, a <title> and <desc> first, aria-labelledby."""
    root.set("id", element_id)
    root.set("role", "img")
    root.set("aria-labelledby", f"{element_id}-title {element_id}-desc")
    desc = ET.Element(_tag("desc"), id=f"{element_id}-desc")
    desc.text = chart.summary
    title = ET.Element(_tag("title"), id=f"{element_id}-title")
    title.text = chart.title
    for old in root.findall(_tag("title")):
        root.remove(old)  # pygal's own, unnamed
    root.insert(0, desc)
    root.insert(0, title)


def _strip(root):
    for parent in root.iter():
        for child in list(parent):
            if child.tag == _tag("script"):
                parent.remove(child)
        # pygal's random chart id would make every render differ.
        if parent is not root and parent.get("id", "").startswith("chart-"):
            del parent.attrib["id"]


def chart_svg(chart, titled=True, narrow=False):
    """The chart's SVG document; ``titled`` draws the title in it (a download;
    a page's <img> is named by the page); ``narrow``: the phone's drawing."""
    return _finish(_pygal_chart(chart, titled, narrow), chart)


def grouped_svg(chart, labels, series, titled=True, narrow=False):
    """Bars grouped by value, one series (colour) per name: ``series`` is
    [(name, [count per label])]. Years stand up, other values lie down."""
    options = _options(chart, titled, narrow)
    height = grouped_height(chart, labels, series)
    if chart.vertical:
        graph = pygal.Bar(height=height, x_label_rotation=-45, **options)
        _years(graph, len(labels), narrow)
    else:
        # Drawn bottom up: reversed, the first value comes first.
        labels = list(reversed(labels))
        series = [(name, list(reversed(counts))) for name, counts in series]
        graph = pygal.HorizontalBar(height=height, **options)
        labels = _labels(labels, narrow)
    graph.x_labels = labels
    for name, counts in series:
        graph.add(name, counts)
    return _finish(graph, chart)


def _finish(graph, chart):
    raw = graph.render(is_unicode=True)
    root = ET.fromstring(raw)
    own_id = root.get("id", "")
    _strip(root)
    element_id = f"chart-{chart.slug}"
    _accessible(root, chart, element_id)
    root.set("class", f"{root.get('class', '')} insights-chart".strip())
    markup = ET.tostring(root, encoding="unicode")
    # pygal's CSS selects on its random id: it follows the renamed chart.
    return markup.replace(f"#{own_id}", f"#{element_id}")


def svg_to_png(svg):
    """PNG bytes of a standalone SVG (CairoSVG; needs the cairo library)."""
    import cairosvg

    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=WIDTH)
