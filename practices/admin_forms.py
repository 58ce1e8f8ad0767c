"""Wagtail admin document form that checks an upload's content, not only its name.

Wagtail itself enforces WAGTAILDOCS_EXTENSIONS and WAGTAILDOCS_MAX_UPLOAD_SIZE;
this adds the same content check members' uploads get (a .pdf must be a PDF, a
.docx an Office Open XML document, ...). Used through the setting
WAGTAILDOCS_DOCUMENT_FORM_BASE. Images are already opened and checked by Wagtail's
image field (Pillow), and SVG is not among WAGTAILIMAGES_EXTENSIONS.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

from .services.uploads import check_upload


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):
            checked = check_upload(uploaded)
            if checked.kind != "document":
                raise ValidationError(
                    _("Please add images through the Images section."),
                    code="image_as_document",
                )
        return uploaded
