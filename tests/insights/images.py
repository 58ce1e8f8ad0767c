"""The page's charts are <img> elements of their own URLs: find one, fetch it
and read it as a browser would."""

import html as html_module
import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def image_tag(html, slug):
    """The attributes of the page's <img id="chart-<slug>">."""
    match = re.search(rf'<img [^>]*id="chart-{re.escape(slug)}"[^>]*>', html)
    assert match, f"no image for {slug}"
    return {
        name: html_module.unescape(value)
        for name, value in re.findall(r'([\w-]+)="([^"]*)"', match.group(0))
    }


def fetch_image(client, html, slug):
    """(response, parsed SVG root) of the chart's image."""
    response = client.get(image_tag(html, slug)["src"])
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("image/svg+xml")
    return response, ET.fromstring(response.content)


def map_shapes(root):
    """{country code: (data-count, class)} of the map's country shapes."""
    return {
        path.get("data-country"): (path.get("data-count"), path.get("class"))
        for path in root.iter(f"{SVG}path")
        if path.get("data-country")
    }
