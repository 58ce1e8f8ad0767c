"""Rewrite insights/services/europe.json from the installed world-atlas package."""

import json

from django.core.management.base import BaseCommand, CommandError
from django_countries import countries

from insights.services.mapdata import SHAPES_FILE, build_shapes, source_path


def alpha2(numeric):
    return countries.alpha2(int(numeric)) or None


class Command(BaseCommand):
    help = "Project the world-atlas country shapes of Europe into insights' map file."

    def handle(self, *args, **options):
        source = source_path()
        if not source.exists():
            raise CommandError(f"{source} is missing: run `npm ci` first.")
        shapes = build_shapes(json.loads(source.read_text()), alpha2)
        SHAPES_FILE.write_text(json.dumps(shapes, separators=(",", ":")) + "\n")
        self.stdout.write(
            f"{len(shapes['countries'])} countries written to {SHAPES_FILE}"
        )
