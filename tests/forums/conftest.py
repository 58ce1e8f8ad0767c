"""Fixtures for the forums tests: members, rooms, logged-in sockets."""

import time

import pytest
import pytest_asyncio

from forums.models import Room, RoomMembership
from forums.services.permissions import ensure_groups
from tests.factories import RoomFactory, UserFactory
from tests.sockets import Sockets

from .servers import clear_forum_keys


@pytest.fixture(autouse=True)
def _clean_forum_keys():
    """Rate-limit and presence keys of an earlier test must not leak into this one."""
    clear_forum_keys()
    yield


@pytest.fixture
def alice(db):
    return UserFactory(username="alice")


@pytest.fixture
def bob(db):
    return UserFactory(username="bob")


@pytest.fixture
def carol(db):
    return UserFactory(username="carol")


@pytest.fixture
def moderator(db):
    user = UserFactory(username="mia")
    moderators, _counsellors = ensure_groups()
    user.groups.add(moderators)
    return user


@pytest.fixture
def open_room(db):
    return RoomFactory(name="Green skills", description="Greening VET")


@pytest.fixture
def private_room(db, alice, bob):
    room = RoomFactory(
        name="Dropout prevention",
        slug="counselling-dropout",
        kind=Room.Kind.PRIVATE,
        counsellor=bob,
        created_by=alice,
    )
    RoomMembership.objects.create(room=room, user=alice)
    RoomMembership.objects.create(
        room=room, user=bob, role=RoomMembership.Role.COUNSELLOR
    )
    return room


@pytest_asyncio.fixture
async def connect():
    """connect(room_slug, user=None) -> a connected communicator, always disconnected."""
    sockets = Sockets()

    async def _connect(slug, user=None, expect_ok=True):
        path = f"/ws/forums/rooms/{slug}/"
        communicator, connected, code = await sockets.open(path, user)
        if expect_ok:
            assert connected, f"connection refused with {code}"
        return communicator if expect_ok else (connected, code)

    yield _connect
    await sockets.close()


async def receive_until(communicator, frame_type, timeout=3):
    """Frames until one of `frame_type`; returns it (others are skipped)."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no {frame_type} frame within {timeout}s"
        frame = await communicator.receive_json_from(timeout=remaining)
        if frame["type"] == frame_type:
            return frame


async def join(connect, slug, user=None):
    """Connect and consume the join frames; returns (communicator, frames by type)."""
    communicator = await connect(slug, user)
    frames = {}
    while not {"welcome", "history", "presence"} <= set(frames):
        frame = await communicator.receive_json_from(timeout=5)
        frames[frame["type"]] = frame
    return communicator, frames
