"""manage.py issue_missing_credentials [--now]

The sweep behind the issuing task's retries: every completed course enrolment
without its credential gets one. Enqueued for the task worker (the default) or
run here with --now. Production runs it daily from a systemd timer
(deploy/systemd/vetnet-credentials-sweep.timer); a credential is never issued
twice (issuing is idempotent).
"""

from django.core.management.base import BaseCommand

from learning.services.completion import issue_missing_credentials
from learning.tasks import sweep_missing_credentials


class Command(BaseCommand):
    help = "Issue the credentials of completed courses that have none yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="run here instead of in the worker"
        )

    def handle(self, now=False, **options):
        if now:
            issued, failed = issue_missing_credentials()
            self.stdout.write(f"{issued} issued, {failed} failed")
            return
        sweep_missing_credentials.enqueue()
        self.stdout.write("credential sweep queued for the task worker")
