"""Settings of the Wagtail site: its name and public address, documents and images
(with the upload limits the members' forms share), the API, moderation.

Imported by base.py; kept apart so that the settings stay readable by concern.
"""

from .env import env

# Uploads: capped here and at the proxy (see README).
MAX_UPLOAD_MB = int(env("MAX_UPLOAD_MB", "20"))
# Bounded work per upload (practices.services.uploads): a ZIP-based document may
# expand to at most MAX_UNPACKED_MB; an image may have at most MAX_IMAGE_PIXELS
# (Pillow's own decompression-bomb limit is set to the same, see practices.apps).
MAX_UNPACKED_MB = int(env("MAX_UNPACKED_MB", "200"))
MAX_IMAGE_PIXELS = int(env("MAX_IMAGE_PIXELS", str(40_000_000)))

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "VET NET Community"
# The public address of the site: every absolute URL (e-mails, API, feeds) and the
# default Wagtail Site (community/demo.py) come from it.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "odt",
    "pptx",
    "odp",
    "xlsx",
    "ods",
    "csv",
    "txt",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = MAX_UPLOAD_MB * 1024 * 1024
# Documents are always served by Wagtail's view, which checks collection privacy
# (members' materials in review, practices.services.privacy); MEDIA_ROOT/documents/
# must never be served directly (vetnet/urls.py in DEBUG, the proxy in production).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Admin uploads get the same content check as members' (practices.services.uploads).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "practices.admin_forms.CheckedDocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = MAX_UPLOAD_MB * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_WORKFLOW_ENABLED = True

# Themes and expertise are free tags: a member's "Green skills" joins the tag
# "green skills" instead of making a second one (django-taggit looks existing tags
# up by name in any case; taxonomy 0005 merged the pairs made before).
TAGGIT_CASE_INSENSITIVE = True
