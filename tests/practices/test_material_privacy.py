"""Materials of a practice in review are private until it is published (issue 14).

After a member submitted a practice, its page was 404 but /api/v2/documents/ listed
its files and a logged-out visitor downloaded them. Now: not listed, not
downloadable, no working image file; the submitter and editors still open them;
public once published; private again after unpublishing or deleting.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import WorkflowState

from practices.models import PracticePage

from .conftest import PDF_BYTES, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, member, taxonomy, organisation, editor):
    client.force_login(member)
    response = client.post(
        "/practices/submit/",
        {
            "title": "Apprentices restore chairs",
            "summary": "Furniture apprentices restore chairs for a school.",
            "description": "How it works.",
            "content_language": "en",
            "country": "IT",
            "sectors": [str(taxonomy["wood-furniture"].pk)],
            "target_groups": [str(taxonomy["apprentices"].pk)],
            "eqf_levels": ["3"],
            "contact_name": "Maria",
            "contact_email": "maria@example.org",
            "materials": [
                SimpleUploadedFile("plan.pdf", PDF_BYTES, "application/pdf"),
                SimpleUploadedFile("chair.png", png_bytes(), "image/png"),
            ],
        },
    )
    assert response.status_code == 302
    page = PracticePage.objects.get(title="Apprentices restore chairs")
    return page, Document.objects.get(), Image.objects.get()


def download(client, document):
    return client.get(f"/documents/{document.pk}/{document.filename}")


def api_ids(client, endpoint):
    return [item["id"] for item in client.get(f"/api/v2/{endpoint}/").json()["items"]]


def assert_private(document, image, page):
    visitor = Client()
    assert download(visitor, document).status_code in (403, 404)
    assert document.pk not in api_ids(visitor, "documents")
    assert image.pk not in api_ids(visitor, "images")
    assert visitor.get(f"/api/v2/documents/{document.pk}/").status_code == 404
    assert visitor.get(f"/api/v2/images/{image.pk}/").status_code == 404
    # Another member cannot open them either.
    other = get_user_model().objects.create_user(
        username=f"other{page.pk}{document.pk}", password="pw-for-tests-1"
    )
    stranger = Client()
    stranger.force_login(other)
    assert download(stranger, document).status_code in (403, 404)


def approve(page, editor):
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    state.current_task_state.approve(user=editor)
    page.refresh_from_db()
    assert page.live


def test_materials_in_review_are_private_to_all_but_submitter_and_editors(
    client, submitted, editor
):
    page, document, image = submitted
    assert_private(document, image, page)
    # The submitter (still logged in on `client`) and the editors open the file.
    response = download(client, document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    reviewer = Client()
    reviewer.force_login(editor)
    assert download(reviewer, document).status_code == 200


def test_published_materials_are_public_and_private_again_when_withdrawn(
    submitted, editor
):
    page, document, image = submitted
    approve(page, editor)
    document.refresh_from_db()
    image.refresh_from_db()
    visitor = Client()
    assert download(visitor, document).status_code == 200
    assert document.pk in api_ids(visitor, "documents")
    assert image.pk in api_ids(visitor, "images")

    # A rendition made while public stops working once the practice is withdrawn.
    rendition = image.get_rendition("fill-80x80")
    public_original = image.file.name
    assert default_storage.exists(rendition.file.name)

    page.specific.unpublish(user=editor)
    document.refresh_from_db()
    image.refresh_from_db()
    assert_private(document, image, page)
    assert not default_storage.exists(rendition.file.name)
    assert not default_storage.exists(public_original)
    assert image.file.name != public_original and default_storage.exists(
        image.file.name
    )


def test_materials_of_a_deleted_practice_become_private(submitted, editor):
    page, document, image = submitted
    approve(page, editor)
    page.delete()
    document.refresh_from_db()
    image.refresh_from_db()
    assert_private(document, image, page)


def test_image_files_of_a_practice_in_review_have_unguessable_names(submitted):
    _, _, image = submitted
    # Wagtail would store "original_images/chair.png", a name anyone can guess
    # and fetch from /media/ without asking Django.
    assert re.fullmatch(
        r"original_images/[0-9a-f]{16}-chair(_\w+)?\.png", image.file.name
    )


def test_older_submissions_are_made_private_by_the_sync_command(submitted):
    """Materials stored before this change sit in the public collection."""
    from django.core.management import call_command

    from practices.services.workflow import materials_collection

    page, document, image = submitted
    public = materials_collection()
    Document.objects.update(collection=public)
    Image.objects.update(collection=public)
    assert download(Client(), document).status_code == 200
    call_command("sync_material_privacy")
    document.refresh_from_db()
    image.refresh_from_db()
    assert_private(document, image, page)
