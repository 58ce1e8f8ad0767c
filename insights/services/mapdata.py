"""The outline of Europe for the choropleth map: country shapes from the npm
package world-atlas (Natural Earth, public domain; package ISC), projected once.

`build_shapes` decodes the package's TopoJSON, keeps the rings that reach into
Europe, projects them with the Lambert azimuthal equal-area projection that
Eurostat maps use (EPSG:3035: centre 10° E, 52° N) and writes SVG path data per
ISO 3166 alpha-2 code. The result is committed as `europe.json` beside this
module (`manage.py build_europe_map` rewrites it after a world-atlas upgrade),
so pages read a small file and nothing is downloaded or converted at run time.
"""

import json
import math
from functools import cache
from pathlib import Path

from django.conf import settings

SHAPES_FILE = Path(__file__).with_name("europe.json")
SOURCE = "world-atlas/countries-50m.json"
# What the map frames, in degrees (west, south, east, north).
FRAME = (-25.0, 34.0, 45.0, 71.5)
WIDTH = 600
# Points closer than this (in map pixels) to the previous one are dropped.
TOLERANCE = 1.2
CENTRE = (math.radians(10.0), math.radians(52.0))
# Natural Earth areas without an ISO 3166 numeric code.
CODES_BY_NAME = {"Kosovo": "XK"}


def project(lon, lat):
    """Lambert azimuthal equal-area coordinates (unit sphere), y pointing up."""
    lam, phi = math.radians(lon), math.radians(lat)
    lam0, phi0 = CENTRE
    k = math.sqrt(
        2
        / (
            1
            + math.sin(phi0) * math.sin(phi)
            + math.cos(phi0) * math.cos(phi) * math.cos(lam - lam0)
        )
    )
    x = k * math.cos(phi) * math.sin(lam - lam0)
    y = k * (
        math.cos(phi0) * math.sin(phi)
        - math.sin(phi0) * math.cos(phi) * math.cos(lam - lam0)
    )
    return x, y


def _arcs(topology):
    """Absolute (lon, lat) points of every arc (TopoJSON quantised deltas)."""
    (sx, sy), (tx, ty) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes, arcs):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _in_frame(ring):
    west, south, east, north = FRAME
    return any(west <= lon <= east and south <= lat <= north for lon, lat in ring)


def _frame_box():
    west, south, east, north = FRAME
    corners = [
        project(lon, lat) for lon in (west, 10.0, east) for lat in (south, north)
    ]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    # The bottom edge bows down in this projection: its lowest point is the middle.
    return min(xs), min(ys), max(xs), project(10.0, north)[1]


def build_shapes(topology, alpha2):
    """{"viewBox": ..., "countries": {code: path}, "other": [paths]} from a
    world-atlas topology; ``alpha2(numeric id)`` names a shape's country."""
    arcs = _arcs(topology)
    x0, y0, x1, y1 = _frame_box()
    scale = WIDTH / (x1 - x0)
    height = round((y1 - y0) * scale)

    def path(rings):
        parts = []
        for ring in rings:
            points = []
            for lon, lat in ring:
                x, y = project(lon, lat)
                # Beyond a margin round the frame, a shape runs along the margin
                # (hidden outside the viewBox): Russia's Pacific coast costs nothing.
                point = (
                    round(min(max((x - x0) * scale, -5), WIDTH + 5), 1),
                    round(min(max((y1 - y) * scale, -5), height + 5), 1),
                )
                if not points or math.dist(point, points[-1]) >= TOLERANCE:
                    points.append(point)
            if len(points) > 2:
                parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
        return "".join(parts)

    countries, other = {}, []
    for shape in topology["objects"]["countries"]["geometries"]:
        polygons = shape.get("arcs") or []
        if shape["type"] == "Polygon":
            polygons = [polygons]
        rings = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
        rings = [ring for ring in rings if _in_frame(ring)]
        if not rings:
            continue
        name = shape.get("properties", {}).get("name", "")
        code = CODES_BY_NAME.get(name) or (
            alpha2(shape["id"]) if shape.get("id") else None
        )
        if code:
            countries[code] = countries.get(code, "") + path(rings)
        else:
            other.append(path(rings))
    return {
        "source": SOURCE,
        "viewBox": f"0 0 {WIDTH} {height}",
        "countries": dict(sorted(countries.items())),
        "other": other,
    }


def source_path():
    return Path(settings.BASE_DIR) / "node_modules" / SOURCE


@cache
def europe_shapes():
    """The committed shapes (read once per process)."""
    return json.loads(SHAPES_FILE.read_text())
