"""WebSocket clients through vetnet.asgi for the consumer tests, signed in as a
member (her session cookie) or anonymous; every one opened is closed after."""

import contextlib

from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import connections

from tests.forums.servers import session_cookie

ORIGIN = (b"origin", b"http://testserver")


class Sockets:
    def __init__(self):
        self.opened = []

    async def open(self, path, user=None):
        """(communicator, connected, close code) of a socket on `path`."""
        from vetnet.asgi import application

        headers = [ORIGIN]
        if user is not None:
            cookie = await sync_to_async(session_cookie)(user)
            headers.append(
                (b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode())
            )
        communicator = WebsocketCommunicator(application, path, headers=headers)
        connected, code = await communicator.connect(timeout=5)
        if connected:
            self.opened.append(communicator)
        return communicator, connected, code

    async def close(self):
        for communicator in self.opened:
            with contextlib.suppress(Exception):
                await communicator.disconnect(timeout=2)
        # The consumers' ORM thread keeps a connection; close it so the test
        # database can be flushed and dropped.
        await sync_to_async(connections.close_all)()
