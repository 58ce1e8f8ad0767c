"""Upload checks read bounded amounts: zip and image decompression bombs (issue 14).

Each bomb is built here, streamed so the test itself never holds the expanded
data, and the check's own peak memory is measured with tracemalloc.
"""

import io
import os
import struct
import tracemalloc
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from practices.services.uploads import check_upload

MB = 1024 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def zip_bomb(entry, prefix=b"", expanded=300 * MB):
    """A zip whose single entry expands to `expanded` bytes (prefix + spaces)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open(entry, "w", force_zip64=True) as out:
            out.write(prefix)
            chunk = b" " * MB
            for _ in range((expanded - len(prefix)) // MB):
                out.write(chunk)
    return buffer.getvalue()


def png_bomb(width, height):
    """A 1-bit PNG of width x height black pixels, compressed row by row."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height))
    idat += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )


def measured_check(name, content):
    """Run check_upload; return (ValidationError or None, peak bytes allocated)."""
    upload = SimpleUploadedFile(name, content)
    tracemalloc.start()
    try:
        check_upload(upload)
        error = None
    except ValidationError as exc:
        error = exc
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return error, peak


@pytest.mark.parametrize(
    "name, entry, prefix",
    [
        # The mimetype entry itself is the bomb: the old check read it whole.
        ("bomb.odt", "mimetype", ODT_MIMETYPE),
        ("bomb.odt", "content.xml", b"<office:document/>"),
        ("bomb.docx", "word/document.xml", b"<w:document/>"),
    ],
)
def test_zip_bomb_is_refused_with_bounded_memory(settings, name, entry, prefix):
    content = zip_bomb(entry, prefix)
    assert len(content) < settings.MAX_UPLOAD_MB * MB  # under the upload limit
    error, peak = measured_check(name, content)
    assert peak < 50 * MB, f"checking the bomb allocated {peak / MB:.0f} MB"
    assert error is not None and error.code == "archive_too_large"
    assert "expands to more than" in error.messages[0]


def test_zip_with_too_many_entries_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", ODT_MIMETYPE)
        for n in range(20_001):
            archive.writestr(f"p/{n}", b"")
    error, peak = measured_check("many.odt", buffer.getvalue())
    assert error is not None and error.code == "archive_too_many_entries"


def test_a_lying_zip_header_is_caught_while_streaming():
    """The directory says 1 KB, the data holds 3 MB: refused as damaged."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", ODT_MIMETYPE)
        archive.writestr("content.xml", os.urandom(3 * MB // 2).hex())
    content = bytearray(buffer.getvalue())
    central = content.rindex(b"PK\x01\x02")  # the content.xml directory entry
    struct.pack_into("<I", content, central + 24, 1024)  # uncompressed size
    error, _ = measured_check("liar.odt", bytes(content))
    assert error is not None and error.code == "content_mismatch"


@pytest.mark.parametrize(
    "width, height",
    [
        (20_000, 20_000),  # 400 Mpx: beyond Pillow's hard limit
        (9_000, 9_000),  # 81 Mpx: Pillow only warns by default
    ],
)
def test_png_bomb_is_refused_with_bounded_memory(width, height):
    content = png_bomb(width, height)
    error, peak = measured_check("bomb.png", content)
    assert peak < 50 * MB, f"checking the bomb allocated {peak / MB:.0f} MB"
    assert error is not None and error.code == "image_too_large"
    assert "megapixels" in error.messages[0]


def test_ordinary_documents_still_pass():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", ODT_MIMETYPE)
        archive.writestr("content.xml", "<office:text>" + "Bottega " * 50_000)
    assert check_upload(SimpleUploadedFile("plan.odt", buffer.getvalue())).kind == (
        "document"
    )
