"""A seat lock held too long gives a clear message, and nothing is half-saved."""

import threading

import pytest
from django.db import connection, transaction

from events.models import EventSeats, Registration

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def hold_seat_lock(event_id, locked, release):
    try:
        with transaction.atomic():
            EventSeats.objects.select_for_update().get(event_id=event_id)
            locked.set()
            release.wait(timeout=10)
    finally:
        connection.close()


# One visitor's registration form, sent while the seat lock is held and after.
FORM = {
    "name": "Giulia Rossi",
    "email": "giulia@example.org",
    "country": "IT",
    "role": "trainer",
    "language": "en",
    "consent": "on",
}


def test_lock_timeout_tells_the_visitor_to_retry(event, client, settings):
    settings.EVENTS_LOCK_TIMEOUT_MS = 300
    locked, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=hold_seat_lock, args=(event.pk, locked, release))
    holder.start()
    try:
        assert locked.wait(timeout=5)
        response = client.post("/events/rome-workshop/register/", FORM)
    finally:
        release.set()
        holder.join()
    html = response.content.decode()
    assert response.status_code == 503
    assert "Many people are registering right now" in html
    assert 'value="Giulia Rossi"' in html  # the typed values are kept
    assert not Registration.objects.exists()
    # Once the lock is free the same request goes through.
    response = client.post("/events/rome-workshop/register/", FORM)
    assert response.status_code == 302
    assert Registration.objects.get().status == "confirmed"
