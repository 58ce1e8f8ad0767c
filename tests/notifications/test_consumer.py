"""/ws/notifications/ through vetnet.asgi: the member's own count, live."""

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async

from notifications.models import Notification
from notifications.services import inbox
from tests.factories import MemberFactory
from tests.sockets import Sockets

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


@pytest_asyncio.fixture
async def socket():
    sockets = Sockets()

    async def open_socket(user=None):
        return await sockets.open("/ws/notifications/", user)

    yield open_socket
    await sockets.close()


@sync_to_async
def members():
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
