"""Load the demo content: organisations, practices, events, rooms.

Idempotent: every object is keyed by a slug, so a second run changes nothing and
duplicates nothing. Each app keeps its own demo loader in `<app>/demo.py`.
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_MODULES = [
    "community.demo",
    "practices.demo",
    "events.demo",
    "forums.demo",
    "counselling.demo",
    "learning.demo",
    # after the others: links organisations to sectors, organisers to events
    "community.demo_network",
]


class Command(BaseCommand):
    help = "Create or refresh the demo content (safe to run repeatedly)."

    def handle(self, *args, **options):
        for module_name in DEMO_MODULES:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            with transaction.atomic():
                summary = module.load()
            self.stdout.write(f"{module_name}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
