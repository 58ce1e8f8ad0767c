import pytest

from forums import demo
from forums.models import Message, Room, Thread

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_keeps_counselling_private(client):
    assert demo.load().startswith("5 rooms, 2 threads")
    assert demo.load().startswith("0 rooms, 0 threads")
    assert Room.objects.filter(kind=Room.Kind.OPEN).count() == 4
    assert Thread.objects.count() == 2
    assert Message.objects.count() == 14

    index = client.get("/forums/").content.decode()
    assert "Apprenticeships in crafts" in index
    assert "Keeping apprentices in small firms" not in index
    room = client.get("/forums/rooms/green-skills/").content.decode()
    assert "heat pumps" in room
