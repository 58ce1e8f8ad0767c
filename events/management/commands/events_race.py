"""Benchmark: N concurrent registrations for S seats against a running server.

    manage.py events_race --url http://127.0.0.1:8103 --count 200 --seats 50

The server must use the same database as this command. A throwaway event is made,
raced, checked (confirmed == seats, the rest waitlisted, no duplicate e-mails) and
deleted. Prints one JSON line; exits non-zero if the outcome is wrong.
"""

import datetime as dt
import json
from collections import Counter
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bench.browser import crowd
from events.demo import ensure_index
from events.models import EventPage, Registration


class Command(BaseCommand):
    help = "Race concurrent registrations against a running server; prints JSON."

    def add_arguments(self, parser):
        parser.add_argument("--url", required=True, help="e.g. http://127.0.0.1:8103")
        parser.add_argument("--count", type=int, default=200)
        parser.add_argument("--workers", type=int, default=50)
        parser.add_argument("--seats", type=int, default=50)

    def handle(self, *args, url, count, workers, seats, **options):
        target = urlsplit(url)
        if target.hostname != "127.0.0.1" or not target.port:
            raise CommandError("--url must be http://127.0.0.1:<port> (loopback only)")
        now = timezone.now()
        slug = f"race-bench-{now:%Y%m%d%H%M%S}"
        event = ensure_index().add_child(
            instance=EventPage(
                title="Race benchmark",
                slug=slug,
                start=now + dt.timedelta(days=30),
                end=now + dt.timedelta(days=31),
                capacity=seats,
                waiting_list=True,
            )
        )
        try:
            path = f"/events/{slug}/register/"
            people, seconds = crowd(target.port, path, count, workers=workers)
            rows = Registration.objects.filter(event=event)
            emails = list(rows.values_list("email", flat=True))
            summary = {
                "benchmark": "events_registration_race",
                "requests": count,
                "workers": workers,
                "seats": seats,
                "seconds": round(seconds, 3),
                "statuses": dict(Counter(p.status or p.error for p in people)),
                "confirmed": rows.filter(status="confirmed").count(),
                "waitlisted": rows.filter(status="waitlisted").count(),
                "distinct_emails": len(set(emails)),
            }
        finally:
            event.delete()
        self.stdout.write(json.dumps(summary))
        expected_confirmed = min(seats, count)
        if (
            summary["confirmed"] != expected_confirmed
            or summary["waitlisted"] != count - expected_confirmed
            or summary["distinct_emails"] != count
            or any(p.status is None or p.status >= 500 for p in people)
        ):
            raise CommandError("registration race outcome is wrong")
