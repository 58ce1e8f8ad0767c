"""Which concepts words name through other words' stems, before and after the
rules of search/stemguard.py (search/collisions.py; search/eval/README.md)."""

from django.core.management.base import BaseCommand

from ...collisions import COMMONEST, audit, before_after_foreign


class Command(BaseCommand):
    help = (
        "Audit the concepts thesaurus words and the development practices' "
        "commonest words name through every language's chain."
    )

    def add_arguments(self, parser):
        parser.add_argument("--commonest", type=int, default=COMMONEST)
        parser.add_argument(
            "--list",
            action="store_true",
            help="list the pairs: foreign ones left, foreign and own ones removed",
        )

    def handle(self, *args, commonest, list, **options):
        report, foreign, dropped_own = audit(commonest)
        for setting, counts in report.items():
            self.stdout.write(
                f"{setting}: own {counts['own']}, named only through another "
                f"language's chain {counts['foreign']} "
                f"(by a function word {counts['function word']})"
            )
        removed = before_after_foreign(commonest)
        self.stdout.write(
            f"removed: {len(removed)} foreign pairs, {len(dropped_own)} own pairs"
        )
        if not list:
            return
        for language, word, chain, cid in removed:
            self.stdout.write(f"removed foreign\t{language}\t{word}\t{chain}\t{cid}")
        for language, word, cid in dropped_own:
            self.stdout.write(f"removed own\t{language}\t{word}\t{cid}")
        for language, word, chain, cid in foreign:
            self.stdout.write(f"foreign\t{language}\t{word}\t{chain}\t{cid}")
