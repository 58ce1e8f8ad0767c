"""The read-only API answers 400 with a reason to any invalid parameter (issue 14).

`/api/v2/pages/?offset=99999999999999999999` answered 500. This walks every
endpoint (listing, detail, find) and every parameter with out-of-range, malformed
and hostile values: none may answer 500, and each answers 400 with a message.
"""

import pytest
from django.test import Client
from wagtail.documents.models import Document
from wagtail.images.models import Image

from .conftest import PDF_BYTES, png_bytes

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
BAD_INTEGERS = [HUGE, "-1", "abc", "1.5", "", "1e3", "0x10", "%00", "２"]
NUL = "a%00b"

COMMON = {
    "offset": BAD_INTEGERS,
    "limit": [*BAD_INTEGERS, "0", "1000"],
    "id": [HUGE, "-1", "abc", NUL],
    "fields": ["(", "title(", "*,-", "-", "nope", "title,,", "_,*", NUL, "x" * 5000],
    "order": ["nope", "-", "--title", "random,title", NUL, "x" * 5000],
    "search": [NUL, "x" * 5000],
    "search_operator": ["xor", NUL],
}
PAGES = {
    **COMMON,
    "type": ["nope", "a.b.c", "wagtailcore.Nope", "practices.PracticePage.x", NUL],
    "locale": ["zz", NUL, "x" * 5000],
    "child_of": BAD_INTEGERS,
    "descendant_of": BAD_INTEGERS,
    "ancestor_of": BAD_INTEGERS,
    "translation_of": BAD_INTEGERS,
    "title": [NUL],
    "slug": [NUL],
    "show_in_menus": ["maybe", NUL],
    "html_path": [NUL],
    "site": [NUL],
}
IMAGES = {**COMMON, "title": [NUL], "tags": [NUL], "collection_id": [HUGE, "abc"]}
DOCUMENTS = IMAGES


@pytest.fixture
def content(make_practice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    practice = make_practice("Open practice")
    image = Image.objects.create(
        title="Photo", file=SimpleUploadedFile("p.png", png_bytes())
    )
    document = Document.objects.create(
        title="Plan", file=SimpleUploadedFile("plan.pdf", PDF_BYTES)
    )
    return practice, image, document


def cases(content):
    practice, image, document = content
    for base, params in (
        ("/api/v2/pages/", PAGES),
        ("/api/v2/images/", IMAGES),
        ("/api/v2/documents/", DOCUMENTS),
    ):
        for name, values in params.items():
            for value in values:
                yield f"{base}?{name}={value}"
        # Detail views take the same parameters (fields, type...).
        detail = {
            "/api/v2/pages/": practice.pk,
            "/api/v2/images/": image.pk,
            "/api/v2/documents/": document.pk,
        }[base]
        for name in ("fields", "type"):
            for value in params.get(name, []):
                yield f"{base}{detail}/?{name}={value}"
    yield f"/api/v2/pages/{HUGE}/"
    yield f"/api/v2/images/{HUGE}/"
    yield f"/api/v2/documents/{HUGE}/"
    yield "/api/v2/pages/?first_published_at=yesterday"
    yield "/api/v2/pages/?live=maybe"
    yield "/api/v2/pages/?type=practices.PracticePage&year_start=" + HUGE
    yield "/api/v2/pages/?type=practices.PracticePage&year_start=abc"
    yield "/api/v2/pages/find/?html_path=%00"
    yield f"/api/v2/pages/find/?id={HUGE}"
    yield "/api/v2/pages/find/?id=abc"
    yield "/api/v2/images/find/?id=abc"
    yield f"/api/v2/documents/find/?id={HUGE}"
    yield "/api/v2/pages/?search=a&order=title&search_operator=and&offset=" + HUGE


def test_no_parameter_value_makes_the_api_fail(content):
    """Every URL answers 200, 400 with a message, or 404; never a server error."""
    client = Client(raise_request_exception=False)
    failures = []
    for url in cases(content):
        response = client.get(url)
        if response.status_code == 400:
            if not response.json().get("message"):
                failures.append(f"{url[:90]}: 400 without a message")
        elif response.status_code not in (200, 404):
            failures.append(f"{url[:90]}: {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v2/pages/?offset={HUGE}",
        f"/api/v2/pages/?limit={HUGE}",
        f"/api/v2/pages/?id={HUGE}",
        f"/api/v2/pages/?child_of={HUGE}",
        f"/api/v2/images/?offset={HUGE}",
        f"/api/v2/documents/?id={HUGE}",
        "/api/v2/pages/?title=a%00b",
        "/api/v2/pages/?search=a%00b",
        "/api/v2/documents/?search=" + "x" * 5000,
    ],
)
def test_out_of_range_values_are_refused_with_the_parameter_named(client, content, url):
    response = client.get(url)
    assert response.status_code == 400
    name = url.split("?")[1].split("=")[0]
    assert name in response.json()["message"]


def test_valid_parameters_still_work(client, content):
    practice, image, document = content
    assert client.get("/api/v2/pages/?offset=0&limit=5").status_code == 200
    assert (
        client.get(f"/api/v2/pages/?id={practice.pk}").json()["meta"]["total_count"]
        == 1
    )
    assert client.get("/api/v2/pages/?type=practices.PracticePage&order=-id").json()[
        "items"
    ]
    assert client.get("/api/v2/images/?search=Photo").status_code == 200
    assert client.get("/api/v2/pages/?offset=2147483647").json()["items"] == []
