"""Checks on members' uploaded materials: type by content, not only by name; size.

Documents: pdf docx odt pptx odp xlsx ods csv txt. Images: jpg png gif webp. SVG is
refused (it can carry script). The size limit is settings.MAX_UPLOAD_MB (20 MB by
default). Each check raises ValidationError with a message a member understands.

Every check reads a bounded amount, whatever the file claims: archives (docx, odt,
...) are walked entry by entry with caps on the number of entries and on the
expanded size (declared and actually streamed, 64 KB at a time), images are only
opened (header) with a pixel cap (settings.MAX_IMAGE_PIXELS) and Pillow's
decompression-bomb warning raised as an error.
"""

import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from .archives import ArchiveTooLarge, ArchiveTooManyEntries, bounded_archive

DOCUMENT_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "odp", "xlsx", "ods", "csv", "txt"]
IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp"]
IMAGE_FORMATS = {"JPEG": {"jpg", "jpeg"}, "PNG": {"png"}, "GIF": {"gif"}}
IMAGE_FORMATS["WEBP"] = {"webp"}
OOXML_PARTS = {"docx": "word/", "pptx": "ppt/", "xlsx": "xl/"}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "odp": b"application/vnd.oasis.opendocument.presentation",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}


@dataclass(frozen=True)
class CheckedFile:
    kind: str  # "image" or "document"
    extension: str


def max_upload_bytes():
    return settings.MAX_UPLOAD_MB * 1024 * 1024


def allowed_types_text():
    return ", ".join(DOCUMENT_EXTENSIONS + IMAGE_EXTENSIONS)


def check_upload(uploaded):
    """Return a CheckedFile or raise ValidationError naming the file and the rule."""
    name = PurePath(uploaded.name or "").name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if uploaded.size > max_upload_bytes():
        raise ValidationError(
            _("“%(name)s” is %(size)s; files may be at most %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(max_upload_bytes()),
            },
            code="file_too_large",
        )
    if extension == "svg":
        raise ValidationError(
            _(
                "“%(name)s”: SVG images are not accepted because they can contain "
                "scripts. Please upload a PNG, JPG, GIF or WebP image."
            )
            % {"name": name},
            code="svg",
        )
    if extension not in DOCUMENT_EXTENSIONS + IMAGE_EXTENSIONS:
        raise ValidationError(
            _("“%(name)s” is not an accepted file type. Accepted types: %(types)s.")
            % {"name": name, "types": allowed_types_text()},
            code="file_type",
        )
    head = _read(uploaded)
    if extension in IMAGE_EXTENSIONS:
        _check_image(uploaded, name, extension)
        return CheckedFile("image", extension)
    if not _document_matches(head, uploaded, extension):
        raise ValidationError(
            _(
                "“%(name)s” does not look like a real .%(ext)s file (its content "
                "does not match its name). Please check the file and try again."
            )
            % {"name": name, "ext": extension},
            code="content_mismatch",
        )
    return CheckedFile("document", extension)


def _read(uploaded, size=8192):
    uploaded.seek(0)
    head = uploaded.read(size)
    uploaded.seek(0)
    return head


def _too_many_pixels(name, size):
    return ValidationError(
        _(
            "“%(name)s” is %(width)s × %(height)s pixels; images may be at most "
            "%(limit)s megapixels. Please upload a smaller image."
        )
        % {
            "name": name,
            "width": size[0],
            "height": size[1],
            "limit": settings.MAX_IMAGE_PIXELS // 1_000_000,
        },
        code="image_too_large",
    )


def _check_image(uploaded, name, extension):
    limit = settings.MAX_IMAGE_PIXELS
    try:
        uploaded.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(uploaded) as image:
                detected = image.format
                if image.width * image.height > limit:
                    raise _too_many_pixels(name, image.size)
                image.verify()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        # Pillow refused at the header: report the size it read, if any.
        raise _too_many_pixels(name, _declared_size(uploaded)) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("“%(name)s” is not a valid image.") % {"name": name},
            code="invalid_image",
        ) from exc
    finally:
        uploaded.seek(0)
    if extension not in IMAGE_FORMATS.get(detected, set()):
        raise ValidationError(
            _(
                "“%(name)s” is named .%(ext)s but its content is %(format)s; "
                "accepted images are PNG, JPG, GIF and WebP with a matching name."
            )
            % {"name": name, "ext": extension, "format": detected or "?"},
            code="content_mismatch",
        )


def _declared_size(uploaded):
    """Width and height from the header, without Pillow's bomb check."""
    uploaded.seek(0)
    saved, PILImage.MAX_IMAGE_PIXELS = PILImage.MAX_IMAGE_PIXELS, None
    try:
        with PILImage.open(uploaded) as image:
            return image.size
    except Exception:  # noqa: BLE001 - only used to word the message
        return ("?", "?")
    finally:
        PILImage.MAX_IMAGE_PIXELS = saved
        uploaded.seek(0)


def _document_matches(head, uploaded, extension):
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in ("csv", "txt"):
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the end of the sample is fine.
            if exc.start < len(head) - 4:
                try:
                    head.decode("cp1252")
                except UnicodeDecodeError:
                    return False
        return True
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        uploaded.seek(0)
        with bounded_archive(uploaded) as archive:
            names = archive.names
            if extension in OOXML_PARTS:
                return "[Content_Types].xml" in names and any(
                    part.startswith(OOXML_PARTS[extension]) for part in names
                )
            mimetype = (
                archive.first_bytes("mimetype", 200) if "mimetype" in names else b""
            )
            return mimetype.strip() == ODF_MIMETYPES[extension]
    except ArchiveTooLarge as exc:
        raise ValidationError(
            _(
                "“%(name)s” expands to more than %(limit)s when unpacked; "
                "please upload a smaller document."
            )
            % {
                "name": PurePath(uploaded.name).name,
                "limit": filesizeformat(exc.limit),
            },
            code="archive_too_large",
        ) from None
    except ArchiveTooManyEntries as exc:
        raise ValidationError(
            _("“%(name)s” contains more than %(limit)s parts; please simplify it.")
            % {"name": PurePath(uploaded.name).name, "limit": exc.limit},
            code="archive_too_many_entries",
        ) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError):
        return False
    finally:
        uploaded.seek(0)
