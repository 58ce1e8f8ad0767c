"""``manage.py search_index rebuild|status|sync``.

rebuild  build a new practices index, fill it in bulk (progress bar), swap the
         alias, and store the same documents' pre-analysed tokens and concept
         weights (the database engines); then the events-and-organisations index.
         Without Elasticsearch: the tokens and weights only
status   compare the indexed document counts with the database, and the indices'
         fields and analyzers with the code's (exit 1 if either differs)
sync     replay updates that could not reach Elasticsearch (PendingIndexUpdate)
"""

import time

from django.core.management.base import BaseCommand, CommandError

from search.services import tokens
from search.services.client import SearchUnavailable, is_configured
from search.services.indexing import lifecycle, pending
from search.services.indexing.practice_documents import (
    iter_practice_documents,
    practice_queryset,
)


class ProgressBar:
    def __init__(self, stream, total, width=40):
        self.stream, self.total, self.width = stream, max(total, 1), width
        self.started = time.monotonic()
        self.last = -1.0

    def __call__(self, done):
        now = time.monotonic()
        if done < self.total and now - self.last < 0.1:
            return
        self.last = now
        filled = int(self.width * min(done, self.total) / self.total)
        rate = done / max(now - self.started, 1e-6)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] "
            f"{done}/{self.total} ({rate:.0f}/s)",
            ending="",
        )
        self.stream.flush()

    def finish(self):
        self.stream.write("")


class Command(BaseCommand):
    help = "Maintain the search indices: rebuild, status, sync."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status", "sync"])

    def handle(self, *args, action, **options):
        try:
            getattr(self, action)()
        except SearchUnavailable as exc:
            raise CommandError(f"Elasticsearch unavailable: {exc}") from exc

    def tokens_only(self):
        started = time.monotonic()
        stored = tokens.rebuild(iter_practice_documents())
        self.stdout.write(
            self.style.SUCCESS(
                f"database engines: {stored} practices analysed"
                f" in {time.monotonic() - started:.1f}s"
            )
        )

    def rebuild(self):
        if not is_configured():
            self.tokens_only()
            self.stdout.write("Elasticsearch not configured (ELASTICSEARCH_URL unset)")
            return
        total = practice_queryset().count()
        self.stdout.write(f"Indexing {total} practices…")
        bar = ProgressBar(self.stdout, total)
        started = time.monotonic()
        try:
            # Also stores the database engines' tokens, from the same documents.
            outcome = lifecycle.rebuild(progress=bar)
        except SearchUnavailable:
            bar.finish()
            self.tokens_only()  # the database engines answer meanwhile
            raise
        bar.finish()
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"database engines and {outcome['alias']} -> {outcome['index']}: {outcome['indexed']} indexed,"
                f" {outcome['errors']} errors in {seconds:.1f}s;"
                f" replaced {', '.join(outcome['replaced']) or 'nothing'};"
                f" {outcome['replayed']} pending updates replayed, {outcome['pending']} left"
            )
        )
        directory = outcome["directory"]
        self.stdout.write(
            self.style.SUCCESS(
                f"{directory['alias']} -> {directory['index']}:"
                f" {directory['indexed']} events and organisations indexed,"
                f" {directory['errors']} errors;"
                f" replaced {', '.join(directory['replaced']) or 'nothing'}"
            )
        )
        errors = outcome["errors"] + directory["errors"]
        if errors:
            raise CommandError(f"{errors} documents failed")

    def status(self):
        info = lifecycle.status()
        indices = ", ".join(info["indices"] or []) or "none (run search_index rebuild)"
        self.stdout.write(f"alias     {info['alias']} -> {indices}")
        self.stdout.write(f"indexed   {info['indexed']}")
        self.stdout.write(f"database  {info['database']} live public practices")
        self.stdout.write(
            f"pending   {info['pending']} updates waiting for Elasticsearch"
        )
        directory = info["directory"]
        indices = ", ".join(directory["indices"] or []) or "none"
        self.stdout.write(f"alias     {directory['alias']} -> {indices}")
        self.stdout.write(f"indexed   {directory['indexed']}")
        self.stdout.write(
            f"database  {directory['database']} live events and organisations"
        )
        if (info["indices"] or directory["indices"]) and not info["schema_current"]:
            raise CommandError(
                "built by an older version (fields, analyzers or thesaurus have "
                "changed since): run search_index rebuild"
            )
        if info["in_sync"]:
            self.stdout.write(self.style.SUCCESS("in sync"))
        else:
            raise CommandError("out of sync: run search_index rebuild (or sync)")

    def sync(self):
        done, left = pending.replay_pending()
        self.stdout.write(f"{done} pending updates applied, {left} left")
        if left:
            raise CommandError("Elasticsearch stopped answering; run sync again later")
