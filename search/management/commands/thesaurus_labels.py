"""Concepts a language names only by long official terms
(search/label_audit.py)."""

from collections import Counter

from django.core.management.base import BaseCommand

from ...label_audit import long_only


class Command(BaseCommand):
    help = (
        "List the (concept, language) pairs with no one-word term where other "
        "languages have one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", action="append", default=[])
        parser.add_argument(
            "--others",
            type=int,
            default=3,
            help="how many other languages must have a one-word term",
        )

    def handle(self, *args, language, others, **options):
        found = long_only(others)
        counts = Counter(row[0] for row in found)
        for lang, concept_id, terms, having in found:
            if language and lang not in language:
                continue
            shown = "; ".join(
                f"{other}: {', '.join(words[:3])}" for other, words in having.items()
            )
            self.stdout.write(f"{lang}\t{concept_id}\t{' | '.join(terms)}\t{shown}")
        self.stdout.write(
            "pairs: " + ", ".join(f"{lang} {n}" for lang, n in sorted(counts.items()))
        )
