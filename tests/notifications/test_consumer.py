"""/ws/notifications/ through vetnet.asgi: the member's own count, live."""

import contextlib

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import connections

from notifications.models import Notification
from notifications.services import inbox
from tests.factories import MemberFactory
from tests.forums.servers import session_cookie

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

ORIGIN = (b"origin", b"http://testserver")


@pytest_asyncio.fixture
async def socket():
    from vetnet.asgi import application

    opened = []

    async def open_socket(user=None):
        headers = [ORIGIN]
        if user is not None:
            cookie = await sync_to_async(session_cookie)(user)
            headers.append(
                (b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode())
            )
        communicator = WebsocketCommunicator(
            application, "/ws/notifications/", headers=headers
        )
        connected, code = await communicator.connect(timeout=5)
        if connected:
            opened.append(communicator)
        return communicator, connected, code

    yield open_socket
    for communicator in opened:
        with contextlib.suppress(Exception):
            await communicator.disconnect(timeout=2)
    await sync_to_async(connections.close_all)()


@sync_to_async
def members():
    from tests.baseline import restore_migrated_rows

    restore_migrated_rows()
    anna, bruno = MemberFactory(), MemberFactory()
    Notification.objects.create(
        user=anna, kind="practice", key="old", title="Old", path="/"
    )
    return anna, bruno


async def test_count_on_connect_and_when_notified(socket):
    anna, bruno = await members()
    anna_ws, connected, _code = await socket(anna)
    assert connected
    assert await anna_ws.receive_json_from(timeout=5) == {"type": "unread", "count": 1}
    bruno_ws, _connected, _code = await socket(bruno)
    assert await bruno_ws.receive_json_from(timeout=5) == {"type": "unread", "count": 0}

    await sync_to_async(inbox.notify)(
        [anna.pk], kind="practice", key="new", title="New", path="/"
    )
    assert await anna_ws.receive_json_from(timeout=5) == {"type": "unread", "count": 2}
    # Bruno's socket hears nothing of Anna's notifications.
    assert await bruno_ws.receive_nothing(timeout=0.5)

    await sync_to_async(inbox.mark_all_read)(anna)
    assert await anna_ws.receive_json_from(timeout=5) == {"type": "unread", "count": 0}


async def test_anonymous_socket_is_refused(socket):
    _ws, connected, code = await socket()
    assert not connected and code == 4403
