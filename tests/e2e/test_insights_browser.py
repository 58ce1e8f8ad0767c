"""/insights/ in Chromium: axe-core clean, the strict CSP refuses nothing (the
charts carry no inline style or script), tables open from the keyboard, and a
screenshot for the README (docs/insights.png, written when UPDATE_SCREENSHOTS=1)."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from tests.e2e.test_accessibility import (  # noqa: F401 - shared fixtures
    axe_page,
    demo,
    serious_violations,
)

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOT = Path(settings.BASE_DIR) / "docs" / "insights.png"


@pytest.fixture
def csp_page(browser):
    # The site's own CSP applies here (axe runs in axe_page, which bypasses it
    # to inject its script).
    context = browser.new_context(
        locale="en-GB", viewport={"width": 1280, "height": 1400}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_insights_page_accessible_and_within_csp(
    live_server,
    demo,  # noqa: F811 - the fixture imported above
    csp_page,
    axe_page,  # noqa: F811
    tmp_path,
):
    refused = []
    csp_page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    response = csp_page.goto(f"{live_server.url}/insights/")
    assert response.status == 200
    assert refused == []
    # Every chart is an image of its own: each loads (scrolled to, as they
    # load lazily) at the size the page reserved for it, under the page's CSP.
    images = csp_page.locator("img.insights-chart, img.insights-map")
    assert images.count() == 7
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        csp_page.wait_for_function(
            "element => element.complete && element.naturalWidth > 0",
            arg=image.element_handle(),
        )
        assert image.get_attribute("alt")
    assert refused == []
    # The map shades the countries that have practices.
    map_src = csp_page.locator("img.insights-map").get_attribute("src")
    map_svg = csp_page.request.get(f"{live_server.url}{map_src}").text()
    assert map_svg.count('class="country q') - map_svg.count('class="country q0"') > 3
    csp_page.evaluate("window.scrollTo(0, 0)")
    shot = tmp_path / "insights.png"
    csp_page.screenshot(path=str(shot))
    if os.environ.get("UPDATE_SCREENSHOTS"):
        shutil.copyfile(shot, SCREENSHOT)
    # A data table opens from the keyboard.
    summary = csp_page.locator("#section-sector ~ details summary").first
    summary.focus()
    csp_page.keyboard.press("Enter")
    assert csp_page.locator("table[data-chart='sector']").is_visible()

    axe_page.goto(f"{live_server.url}/insights/?eqf=4")
    assert serious_violations(axe_page) == []
    axe_page.goto(f"{live_server.url}/it/insights/?compare=IT&compare=ES#compare")
    assert axe_page.locator("table[data-compare='sector']").is_visible()
    assert serious_violations(axe_page) == []

    # Responsive down to 360 px: no sideways scrolling, comparison included.
    csp_page.set_viewport_size({"width": 360, "height": 740})
    csp_page.goto(f"{live_server.url}/insights/?compare=IT&compare=ES&compare=GR")
    overflow = csp_page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    wide = csp_page.evaluate(
        """() => [...document.querySelectorAll('main *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5).map(e => e.tagName + '.' + e.className)"""
    )
    assert overflow <= 0, f"/insights/ scrolls sideways by {overflow}px: {wide}"


# Each drawing's text, in CSS pixels as the page shows it: the <img>'s SVG is
# laid out on a page of its own (no CSP: pygal's style applies) at the width
# the <img> has, and each label's font size is scaled as the SVG scales it.
TEXT_SIZES = """([svg, width]) => {
    document.body.innerHTML = svg;
    const root = document.querySelector('svg');
    root.style.width = width + 'px';
    root.style.height = 'auto';
    return [...root.querySelectorAll('text')]
        .filter(text => text.textContent.trim() && text.getBBox().width > 0)
        .map(text => {
            // The scale, whether or not the label is turned (the years).
            const m = text.getScreenCTM();
            const size = parseFloat(getComputedStyle(text).fontSize);
            return [text.textContent.trim(), size * Math.hypot(m.a, m.b)];
        });
}"""


def _charts_as_drawn(page, base_url):
    """Each chart of the comparison page once loaded: its element, the drawing
    the browser chose (currentSrc) and the width it is shown at."""
    page.goto(f"{base_url}/insights/?compare=IT&compare=ES")
    charts = page.locator("img.insights-chart")
    assert charts.count() >= 6
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        page.wait_for_function(
            "element => element.complete && element.naturalWidth > 0",
            arg=chart.element_handle(),
        )
        source = chart.evaluate("element => element.currentSrc")
        width = chart.evaluate("element => element.getBoundingClientRect().width")
        yield chart, source, width


def test_insights_charts_readable_on_a_phone(
    live_server,
    demo,  # noqa: F811 - the fixture imported above
    browser,
):
    context = browser.new_context(
        locale="en-GB", viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    drawing = context.new_page()
    try:
        small = []
        for chart, source, width in _charts_as_drawn(page, live_server.url):
            svg = page.request.get(source).text()
            sizes = drawing.evaluate(TEXT_SIZES, [svg, width])
            assert sizes, f"{source} has no text"
            small += [
                (chart.get_attribute("id"), label, round(size, 1))
                for label, size in sizes
                if size < 11
            ]
        assert small == [], f"chart text under 11px at 360px: {small[:8]}"
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0
    finally:
        context.close()


# Each drawing's labels as the page shows them: size in CSS pixels (as above)
# and the four corners of each label's box on the screen (turned with the
# label), to find labels drawn over one another.
LABELS = """([svg, width]) => {
    document.body.innerHTML = svg;
    const root = document.querySelector('svg');
    root.style.width = width + 'px';
    root.style.height = 'auto';
    return [...root.querySelectorAll('text')]
        .filter(text => text.textContent.trim() && text.getBBox().width > 0
                && getComputedStyle(text).display !== 'none'
                && getComputedStyle(text).visibility !== 'hidden'
                && parseFloat(getComputedStyle(text).opacity) > 0)
        .map(text => {
            const m = text.getScreenCTM();
            const size = parseFloat(getComputedStyle(text).fontSize);
            const b = text.getBBox();
            const corners = [[b.x, b.y], [b.x + b.width, b.y],
                             [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
                .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
            return [text.textContent.trim(), size * Math.hypot(m.a, m.b),
                    corners, size * Math.hypot(m.c, m.d)];
        });
}"""


def _shrunk(corners, by):
    """The box with `by` pixels off each side (a label's box holds the font's
    whole ascent and descent: two lines set close touch without overlapping)."""
    cx = sum(x for x, _ in corners) / 4
    cy = sum(y for _, y in corners) / 4
    out = []
    for x, y in corners:
        dx, dy = x - cx, y - cy
        length = (dx * dx + dy * dy) ** 0.5 or 1
        out.append((x - by * dx / length, y - by * dy / length))
    return out


def _overlap(a, b):
    """Whether two convex quadrilaterals overlap (separating axis theorem)."""
    for shape in (a, b):
        for i in range(4):
            (x1, y1), (x2, y2) = shape[i], shape[(i + 1) % 4]
            nx, ny = y2 - y1, x1 - x2
            pa = [nx * x + ny * y for x, y in a]
            pb = [nx * x + ny * y for x, y in b]
            if max(pa) <= min(pb) or max(pb) <= min(pa):
                return False
    return True


# Within one drawing the labels grow with the width it is shown at: the widths
# each drawing is shown narrowest and widest at (the phone's up to 640, the wide
# one from 641) and a few between.
WIDTHS = (320, 400, 640, 641, 720, 800, 1000, 1400)


def test_insights_chart_labels_12px_and_apart_at_every_width(
    live_server,
    demo,  # noqa: F811 - the fixture imported above
    browser,
):
    """From a 320-pixel phone to a 1400-pixel screen every label of every chart
    is drawn at 12 CSS pixels or more, none over another (between 640 and 1000
    pixels the 800-pixel drawing shrank its labels to 7-11 px)."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    drawing = context.new_page()
    svgs, small, overlaps = {}, {}, {}
    try:
        for viewport in WIDTHS:
            page.set_viewport_size({"width": viewport, "height": 900})
            for chart, source, width in _charts_as_drawn(page, live_server.url):
                if source not in svgs:
                    svgs[source] = page.request.get(source).text()
                labels = drawing.evaluate(LABELS, [svgs[source], width])
                assert labels, f"{source} has no text"
                name = chart.get_attribute("id")
                for text, size, _corners, _across in labels:
                    if size < 12:
                        small.setdefault(viewport, []).append(
                            (name, text, round(size, 1))
                        )
                boxes = [
                    (text, _shrunk(corners, min(2, across / 6)))
                    for text, _size, corners, across in labels
                ]
                for i, (text, box) in enumerate(boxes):
                    for other, other_box in boxes[i + 1 :]:
                        if _overlap(box, other_box):
                            overlaps.setdefault(viewport, []).append(
                                (name, text, other)
                            )
        smallest = {w: min(s for *_, s in found) for w, found in small.items()}
        assert small == {}, f"smallest label per width: {smallest}; {small}"
        assert overlaps == {}, overlaps
    finally:
        context.close()
