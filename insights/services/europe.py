"""The choropleth map of Europe: each country shaded by its number of practices
(or, on the network page, of organisations).

Country paths carry their code and count (data-country, data-count) and a class
q0 (none) to q5 (the most), styled by the map's own style sheet (the page's
legend uses the same classes); a test can read which countries the map marks.
"""

import math
import xml.etree.ElementTree as ET

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taxonomy.names import country_name

from .mapdata import europe_shapes
from .render import _tag

CLASSES = 5
FILLS = ("#e8e8e8", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
MAP_CSS = (
    "".join(f".q{n}{{fill:{fill}}}" for n, fill in enumerate(FILLS))
    + ".country,.land{stroke:#fff;stroke-width:.5}.land{fill:#f4f4f4}"
)


def shade(count, top):
    """0 for no practice, else 1..CLASSES in proportion to the top count."""
    if not count or not top:
        return 0
    return max(1, math.ceil(CLASSES * count / top))


def legend(top):
    """[(class number, lowest, highest)] of the shades in use."""
    if not top:
        return []
    steps = []
    for n in range(1, CLASSES + 1):
        low = math.floor(top * (n - 1) / CLASSES) + 1
        high = math.floor(top * n / CLASSES)
        if low <= high:
            steps.append((n, low, high))
    return steps


def map_size():
    """(width, height) of the map in pixels, from its viewBox."""
    _x, _y, width, height = europe_shapes()["viewBox"].split()
    return int(float(width)), int(float(height))


def practices_label(country, count):
    return ngettext(
        "%(country)s: %(count)d practice", "%(country)s: %(count)d practices", count
    ) % {"country": country, "count": count}


def organisations_label(country, count):
    return ngettext(
        "%(country)s: %(count)d organisation",
        "%(country)s: %(count)d organisations",
        count,
    ) % {"country": country, "count": count}


def map_svg(counts, title, summary, label=practices_label):
    """The map's SVG document (an image of its own, a download: it states its
    size and carries its style); ``counts`` {country code: count}, ``label``
    names a country's count in its hover title (practices, organisations)."""
    shapes = europe_shapes()
    top = max(counts.values(), default=0)
    attributes = {
        "viewBox": shapes["viewBox"],
        "id": "insights-map",
        "class": "insights-map",
        "role": "img",
        "aria-labelledby": "insights-map-title insights-map-desc",
    }
    attributes["width"], attributes["height"] = map(str, map_size())
    root = ET.Element(_tag("svg"), attributes)
    ET.SubElement(root, _tag("title"), id="insights-map-title").text = title
    ET.SubElement(root, _tag("desc"), id="insights-map-desc").text = summary
    ET.SubElement(root, _tag("style")).text = MAP_CSS
    for path in shapes["other"]:
        ET.SubElement(root, _tag("path"), {"d": path, "class": "land"})
    for code, path in shapes["countries"].items():
        count = counts.get(code, 0)
        shape = ET.SubElement(
            root,
            _tag("path"),
            {
                "d": path,
                "class": f"country q{shade(count, top)}",
                "data-country": code,
                "data-count": str(count),
            },
        )
        ET.SubElement(shape, _tag("title")).text = label(country_name(code), count)
    return ET.tostring(root, encoding="unicode", default_namespace=None)


def off_map(counts):
    """Codes of counted countries the map does not show (listed in the table)."""
    return sorted(code for code in counts if code not in europe_shapes()["countries"])


def map_title():
    return _("Map of Europe: practices by country")
