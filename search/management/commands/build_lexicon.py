"""Build search/synonyms/lexicon/omw.tsv.gz (search/lexicon_build.py)."""

from django.core.management.base import BaseCommand

from ...lexicon_build import LEXICON_PATH, build


class Command(BaseCommand):
    help = (
        "Build the multilingual lexicon from Open Multilingual Wordnet (a git "
        "checkout of omwn/omw-data) and Princeton WordNet 3.0's data files."
    )

    def add_arguments(self, parser):
        parser.add_argument("--omw", required=True, help="omw-data git directory")
        parser.add_argument(
            "--pwn", required=True, help="folder holding data.noun, data.verb, ..."
        )
        parser.add_argument("--out", default=str(LEXICON_PATH))

    def handle(self, *args, omw, pwn, out, **options):
        kept, counts, missing = build(omw, pwn, out)
        for name in missing:
            self.stderr.write(f"not in the snapshot, skipped: {name}")
        shown = ", ".join(
            f"{code} {n} ({marked} marked)" for code, (n, marked) in counts.items()
        )
        self.stdout.write(f"{kept} synsets; lemmas: {shown}; written to {out}")
