"""WSGI entry point, for serving pages from WSGI workers (see README, deployment)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vetnet.settings.dev")

application = get_wsgi_application()
