"""Languages of the interface and of content, time zone and formats.

Imported by base.py; kept apart so that the settings stay readable by concern.
"""

from django.utils.translation import gettext_lazy as _

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("it", "Italiano"),
    ("es", "Español"),
    ("ca", "Català"),
    ("el", "Ελληνικά"),
    ("de", "Deutsch"),
    ("nl", "Nederlands"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Brussels"
# One date and time format per language, used by every template and e-mail.
FORMAT_MODULE_PATH = ["vetnet.formats"]
USE_I18N = True
USE_TZ = True

# Every EU official language a practice may be written in (ISO 639-1).
CONTENT_LANGUAGE_CHOICES = [
    ("en", _("English")),
    ("it", _("Italian")),
    ("es", _("Spanish")),
    ("ca", _("Catalan")),
    ("el", _("Greek")),
    ("de", _("German")),
    ("nl", _("Dutch")),
    ("bg", _("Bulgarian")),
    ("cs", _("Czech")),
    ("da", _("Danish")),
    ("et", _("Estonian")),
    ("fi", _("Finnish")),
    ("fr", _("French")),
    ("ga", _("Irish")),
    ("hr", _("Croatian")),
    ("hu", _("Hungarian")),
    ("lt", _("Lithuanian")),
    ("lv", _("Latvian")),
    ("mt", _("Maltese")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("sk", _("Slovak")),
    ("sl", _("Slovenian")),
    ("sv", _("Swedish")),
    ("eu", _("Basque")),
    ("gl", _("Galician")),
]
