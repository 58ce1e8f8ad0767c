"""What leaves the nginx front (deploy/nginx/vetnet.conf.in) compressed: the
insights chart images (SVG) and pages, for browsers that accept gzip; the images
kept for good by the front cache (their URL names the content version)."""

import gzip
import re
import urllib.request

import pytest

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.redis,
    pytest.mark.nginx,
]


def get(url, encoding=None):
    """(headers, body bytes as received) of one GET."""
    headers = {"Accept-Encoding": encoding} if encoding else {}
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers, response.read()


def test_chart_images_are_gzipped_and_kept_by_the_front(nginx, make_practice):
    make_practice(title="Apprentices in bakeries", country="IT")
    _headers, page = get(f"{nginx}/insights/")
    src = re.search(rb'<img [^>]*id="chart-country"[^>]*src="([^"]+)"', page)
    src = src or re.search(rb'<img [^>]*src="([^"]+)"[^>]*id="chart-country"', page)
    url = f"{nginx}{src.group(1).decode().replace('&amp;', '&')}"

    plain_headers, plain = get(url)
    assert plain_headers["Content-Type"].startswith("image/svg+xml")
    assert plain_headers.get("Content-Encoding") is None  # no gzip unasked
    assert plain_headers["Cache-Control"] == "public, max-age=31536000, immutable"

    headers, body = get(url, "gzip, deflate, br")
    assert headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]
    assert gzip.decompress(body) == plain
    assert len(body) * 2 < len(plain)  # the map: ~106 KB, ~43 KB gzipped
    assert headers["X-Cache-Status"] == "HIT"  # the first GET filled the cache

    page_headers, page_body = get(f"{nginx}/insights/", "gzip")
    assert page_headers["Content-Encoding"] == "gzip"
    assert b"<img" in gzip.decompress(page_body)
