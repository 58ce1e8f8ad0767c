"""The same race over real HTTP: 50 signed-in members post the booking form for
one time at the same moment to gunicorn (two processes, threads in each) on the
test's PostgreSQL database. One is booked (302 to the booking); the other 49 get
the counsellor's page again with "no longer free" (409)."""

import http.client
import threading
import time
from collections import Counter
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from counselling.models import Booking
from counselling.services import booking as svc
from counselling.services.availability import free_slots
from tests.events.test_race import wsgi_server  # noqa: F401 (fixture)
from tests.factories import MemberFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

MEMBERS = 50
CSRF = "k" * 32  # an unmasked token: the cookie and the field carry the same


def session_of(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def post_together(url, path, bodies_and_cookies):
    host = urlsplit(url)
    barrier = threading.Barrier(len(bodies_and_cookies))
    results = []
    lock = threading.Lock()

    def run(body, cookie):
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}; csrftoken={CSRF}",
        }
        barrier.wait(timeout=30)
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        html = response.read().decode()
        with lock:
            results.append((response.status, html))
        conn.close()

    threads = [threading.Thread(target=run, args=bc) for bc in bodies_and_cookies]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    return results, time.perf_counter() - started


def test_fifty_members_post_the_same_time_one_is_booked(
    make_counsellor,
    wsgi_server,  # noqa: F811
    request,
):
    counsellor = make_counsellor("race")
    start = free_slots(svc.rules_for(counsellor), [], timezone.now())[0].start
    members = [MemberFactory(email=f"http{i}@example.org") for i in range(MEMBERS)]
    body = urlencode(
        {
            "csrfmiddlewaretoken": CSRF,
            "slot": start.isoformat(),
            "topic": "Apprentices",
            "time_zone": "Europe/Rome",
        }
    )
    results, seconds = post_together(
        wsgi_server,
        "/counselling/race/book/",
        [(body, session_of(member)) for member in members],
    )
    # In the test's report, which `pytest -rA` prints under "PASSES".
    request.node.add_report_section(
        "call", "figures", f"seconds_for_50_bookings={seconds:.2f}"
    )
    statuses = Counter(status for status, _html in results)
    assert statuses == {302: 1, 409: MEMBERS - 1}, statuses
    assert all("no longer free" in html for status, html in results if status == 409)
    assert Booking.objects.filter(counsellor=counsellor, start=start).count() == 1
    assert seconds < 30
