"""File checks by content, not only by name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from practices.services.uploads import check_upload

from .conftest import PDF_BYTES, png_bytes


def zipped(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"})
ODT = zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": ""})


@pytest.mark.parametrize(
    "name, content, kind",
    [
        ("plan.pdf", PDF_BYTES, "document"),
        ("plan.docx", DOCX, "document"),
        ("plan.odt", ODT, "document"),
        ("data.csv", "Τίτλος;Χώρα\nΠρακτική;GR\n".encode(), "document"),
        ("notes.txt", "Formació dual".encode("cp1252"), "document"),
        ("photo.png", png_bytes(), "image"),
        ("photo.JPG", png_bytes(fmt="JPEG"), "image"),
        ("photo.webp", png_bytes(fmt="WEBP"), "image"),
        ("photo.gif", png_bytes(fmt="GIF"), "image"),
    ],
)
def test_accepted_files(name, content, kind):
    assert check_upload(SimpleUploadedFile(name, content)).kind == kind


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("plan.odt", DOCX, "content_mismatch"),  # a Word file renamed .odt
        ("plan.docx", ODT, "content_mismatch"),
        ("plan.pptx", DOCX, "content_mismatch"),
        ("data.csv", b"\x00\x01binary", "content_mismatch"),
        ("vector.svg", b"<svg onload='alert(1)'/>", "svg"),
        ("run.sh", b"#!/bin/sh", "file_type"),
        ("noext", b"hello", "file_type"),
        ("photo.gif", PDF_BYTES, "invalid_image"),
    ],
)
def test_refused_files(name, content, code):
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, content))
    assert error.value.code == code


def test_size_limit_follows_the_setting(settings):
    settings.MAX_UPLOAD_MB = 1
    small = SimpleUploadedFile("a.pdf", PDF_BYTES + b"0" * 1000)
    assert check_upload(small).kind == "document"
    big = SimpleUploadedFile("a.pdf", PDF_BYTES + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError) as error:
        check_upload(big)
    assert error.value.code == "file_too_large"


@pytest.mark.django_db
def test_admin_document_upload_is_checked_by_content(client):
    from django.contrib.auth import get_user_model
    from wagtail.documents.models import Document

    admin = get_user_model().objects.create_superuser(
        "admin", "admin@example.org", "pw-for-tests-1"
    )
    client.force_login(admin)
    fake = SimpleUploadedFile("minutes.pdf", b"<html>not a pdf</html>")
    response = client.post(
        "/admin/documents/add/", {"title": "Minutes", "file": fake, "collection": 1}
    )
    assert response.status_code == 200
    assert "does not look like a real .pdf file" in response.content.decode()
    assert not Document.objects.exists()

    real = SimpleUploadedFile("minutes.pdf", PDF_BYTES)
    response = client.post(
        "/admin/documents/add/", {"title": "Minutes", "file": real, "collection": 1}
    )
    assert response.status_code == 302
    assert Document.objects.get().title == "Minutes"
