"""WSGI entry point, for serving pages from WSGI workers (see README, deployment)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vetnet.settings.dev")

application = get_wsgi_application()

# The search lexicon (search/translation.py) is read now, while the page server
# loads the application before forking its workers, not on a visitor's first
# search that meets a word no concept names.
from search import translation  # noqa: E402

translation.warm()
