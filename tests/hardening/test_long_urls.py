"""Over-long URLs answer 414 in the site's layout (issue 14).

A search URL over about 16 KB got an empty response (Daphne drops the
connection); below that, Django searched whatever it was given. Query strings
over 8 KB now answer 414 from Django, under every server's own limit, and the
search boxes stop at 200 characters.
"""

import http.client
import re
from urllib.parse import urlparse

import pytest

from tests.forums.servers import daphne_servers

LONG = "x" * 9000
FITS = "x" * 7000


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/search/", "/practices/", "/it/search/", "/members/", "/events/"]
)
def test_an_over_long_query_string_answers_414_with_a_page(client, path, home):
    response = client.get(f"{path}?q={LONG}")
    assert response.status_code == 414
    html = response.content.decode()
    # In the address's language (the Italian page was English while untranslated).
    too_long = "troppo lungo" if path.startswith("/it/") else "too long"
    assert too_long in html and "8 KB" in html
    assert 'name="q" maxlength="200"' in html  # a way to try again


@pytest.mark.django_db
def test_a_long_but_acceptable_query_string_is_served(client, home):
    response = client.get(f"/search/?q={FITS}")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/", "/search/", "/practices/", "/members/", "/organisations/", "/insights/"],
)
def test_every_search_box_has_a_maxlength(client, path, home):
    from practices.demo import ensure_index_page

    ensure_index_page()
    html = client.get(path).content.decode()
    boxes = re.findall(r'<input [^>]*name="q"[^>]*>', html)
    assert boxes, "no search box found"
    for box in boxes:
        assert 'maxlength="200"' in box, box


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("length", [12000, 20000])
def test_a_real_daphne_server_answers_414_not_an_empty_response(length):
    from tests.baseline import ensure_baseline

    ensure_baseline()  # a flushed database after other transactional tests
    with daphne_servers(1) as (base,):
        url = urlparse(base)
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=20)
        try:
            connection.request("GET", f"/search/?q={'y' * length}")
            response = connection.getresponse()
            body = response.read().decode()
        finally:
            connection.close()
    assert response.status == 414
    assert "This address is too long" in body
