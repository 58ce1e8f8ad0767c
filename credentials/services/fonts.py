"""The TrueType fonts of badges and certificates: DejaVu, which covers Latin,
Greek and Cyrillic. Debian's fonts-dejavu-core installs them (Makefile
`system-deps`); CREDENTIALS_FONT_DIR points elsewhere if needed. They are read
from disk, never downloaded."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_FONT_DIR = "/usr/share/fonts/truetype/dejavu"
REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"


def font_path(name):
    path = Path(getattr(settings, "CREDENTIALS_FONT_DIR", DEFAULT_FONT_DIR)) / name
    if not path.is_file():
        raise ImproperlyConfigured(
            f"{path} is missing: install Debian's fonts-dejavu-core "
            "(make system-deps) or set CREDENTIALS_FONT_DIR"
        )
    return path
