"""manage.py send_digests daily|weekly|immediate [--now]

Enqueues the digest run as a task for the worker (the default), or runs it here
with --now. Production runs it from systemd timers (deploy/systemd/
vetnet-digests-*.timer): daily at 07:00 and weekly on Monday at 07:30, server time.
A run that overlaps or repeats sends nothing twice (see services/digests.py).
"""

from django.core.management.base import BaseCommand

from notifications.models import Frequency
from notifications.services import digests
from notifications.tasks import send_digests


class Command(BaseCommand):
    help = "Build and send the members' notification digests."

    def add_arguments(self, parser):
        parser.add_argument(
            "frequency",
            choices=[Frequency.IMMEDIATE, Frequency.DAILY, Frequency.WEEKLY],
        )
        parser.add_argument(
            "--now", action="store_true", help="run here instead of in the worker"
        )

    def handle(self, frequency, now=False, **options):
        if now:
            result = digests.run(frequency)
            self.stdout.write(f"{result['built']} built, {result['queued']} queued")
            return
        send_digests.enqueue(frequency)
        self.stdout.write(f"{frequency} digests queued for the task worker")
