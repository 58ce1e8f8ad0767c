"""50 members book the same time at the same moment, on PostgreSQL.

Each member is a thread with its own database connection, released together by
a barrier. The counsellor's row lock lets exactly one through (a group session:
exactly its capacity); every other member is told the time is gone. The control
test composes the same building blocks without the lock and double-books.
"""

import threading
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from counselling.models import Booking
from counselling.services import booking as svc

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

MEMBERS = 50


def members(n):
    User = get_user_model()
    return [
        User.objects.create_user(f"racer{i}", email=f"racer{i}@example.org")
        for i in range(n)
    ]


def first_free_start(counsellor):
    entry = svc.rules_for(counsellor)
    from counselling.services.availability import free_slots

    return free_slots(entry, [], timezone.now())[0].start


def race(target, people):
    barrier = threading.Barrier(len(people))
    outcomes = Counter()
    lock = threading.Lock()

    def run(person):
        try:
            barrier.wait(timeout=30)
            result = target(person)
        except svc.TimeTaken:
            result = "gone"
        except svc.BookingBusy:
            result = "busy"
        finally:
            connection.close()
        with lock:
            outcomes[result] += 1

    threads = [threading.Thread(target=run, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


@pytest.mark.parametrize("capacity", [1, 4])
def test_fifty_members_book_one_time_and_exactly_capacity_get_it(
    make_counsellor, settings, capacity
):
    settings.COUNSELLING_LOCK_TIMEOUT_MS = 30_000
    counsellor = make_counsellor("eleni", time_zone="Europe/Athens", capacity=capacity)
    start = first_free_start(counsellor)
    people = members(MEMBERS)

    outcomes = race(
        lambda person: (
            svc.book(counsellor, person, start, "Apprenticeships", "UTC") and "booked"
        ),
        people,
    )

    assert outcomes == {"booked": capacity, "gone": MEMBERS - capacity}
    rows = Booking.objects.filter(counsellor=counsellor, start=start)
    assert rows.count() == capacity
    assert rows.values("member").distinct().count() == capacity
    assert svc.free_slot(counsellor, start) is None


def book_without_the_lock(counsellor, person, start, barrier):
    """book() minus the counsellor's lock: check, wait for everyone, write."""
    with transaction.atomic():
        free = svc.free_slot(counsellor, start)
        barrier.wait(timeout=30)
        if free is None:
            raise svc.TimeTaken()
        return svc.create_booking(counsellor, person, start, "Topic", "UTC")


def test_control_without_the_lock_the_time_is_double_booked(make_counsellor):
    counsellor = make_counsellor("unlocked", capacity=1)
    start = first_free_start(counsellor)
    people = members(10)
    barrier = threading.Barrier(len(people))
    outcomes = race(
        lambda person: (
            book_without_the_lock(counsellor, person, start, barrier) and "booked"
        ),
        people,
    )
    booked = Booking.objects.filter(counsellor=counsellor, start=start).count()
    assert booked > 1  # every member saw the time free
    assert outcomes["booked"] == booked
