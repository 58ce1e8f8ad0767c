"""ASGI entry point: HTTP through Django, WebSockets through Channels."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vetnet.settings.dev")

# Django must be set up before anything imports models (consumers do).
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from forums.routing import websocket_urlpatterns as forum_sockets  # noqa: E402
from notifications.routing import (  # noqa: E402
    websocket_urlpatterns as notification_sockets,
)
from search import warming  # noqa: E402

# The thesaurus's term indexes and the search lexicon (~3.4 s of CPU), built in
# a thread while Daphne starts answering, not at a visitor's first search
# (search/warming.py; a search arriving before they are built waits for them).
# Not in the nodes that only carry WebSockets (SEARCH_WARM_AT_LOAD false).
warming.warm_at_load(background=True)

try:  # Daphne serves HTTP with Twisted
    from twisted.web.http import HTTPChannel
except ImportError:  # pragma: no cover - another ASGI server
    HTTPChannel = None
if HTTPChannel is not None:
    # Twisted drops a request line over 16 KB without answering (the visitor sees
    # an empty response). Let lines up to 64 KB reach Django, which answers 414
    # for a query string over 8 KB (vetnet/request_limits.py) in the site's layout.
    HTTPChannel.MAX_LENGTH = HTTPChannel.totalHeadersSize = 64 * 1024

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(forum_sockets + notification_sockets))
        ),
    }
)
