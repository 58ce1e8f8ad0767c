"""WSGI entry point, for serving pages from WSGI workers (see README, deployment)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vetnet.settings.dev")

application = get_wsgi_application()

# The thesaurus's term indexes and the search lexicon (search/translation.py)
# are built now, while the page server loads the application before forking its
# workers, not on a visitor's first search (about a second of CPU each), unless
# SEARCH_WARM_AT_LOAD is false (vetnet/settings/base.py).
from search import warming  # noqa: E402

warming.warm_at_load()
