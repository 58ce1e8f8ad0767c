"""``manage.py eval_search``: nDCG@10 and cross-language recall@10 of every search
path, on the development set (the demo practices), the second development set
and the test set (each the demo practices plus the set's own), the third
development set and the second test set (each the demo practices, the second
development set's and its own), the fourth development set (the demo
practices, the second and third development sets' and its own) and the fifth
(the demo practices, the second, third and fourth development sets' and its
own), each reported apart (run by ``make eval-search`` on a scratch database).

For each set: the database engines' tokens are analysed afresh and a throwaway
index is built under the configured prefix, evaluated, deleted. A set's own
practices are added inside a transaction that is rolled back at the end, so the
database keeps only what it had (the demo content). The test sets are reported
as a whole, never query by query (``--per-query`` lists the five development
sets). ``--holdout-language`` adds the thesaurus paths again with each query's
own language held out of the thesaurus (search/evaluation.py); ``--feedback
K,N,W`` or ``off`` sets the concept feedback rule (search/services/expansion.py)
for measuring it.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from practices.models import PracticePage
from search.evaluation import (
    HELD_OUT,
    SETS,
    count_quality,
    evaluate,
    load_queries,
    load_set,
    set_practice_dirs,
)
from search.services import expansion, tokens
from search.services.client import SearchUnavailable, call, is_configured
from search.services.indexing import lifecycle, practice_documents
from search.services.query import DatabaseSearch, ElasticsearchSearch
from search.services.query.fulltext import LEFT_OUT

# At most this many practices outside the count are listed one by one (the
# paths without the thesaurus leave out nearly every judged practice).
LISTED_OUTSIDE = 50


class Command(BaseCommand):
    help = "Evaluate search quality (nDCG@10, cross-language recall@10)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--set",
            dest="sets",
            action="append",
            choices=sorted(SETS),
            help="evaluate only this set (repeatable; default: every set)",
        )
        parser.add_argument(
            "--per-query",
            action="store_true",
            help="one line per query of the development sets (the test sets "
            "are only reported whole: nothing is tuned on them)",
        )
        parser.add_argument(
            "--holdout-language",
            action="store_true",
            help="also run the thesaurus paths with each query's own language "
            "held out of the thesaurus at query time (words it does not know)",
        )
        parser.add_argument(
            "--feedback",
            default="",
            metavar="PRACTICES,CONCEPTS,WEIGHT",
            help="the concept feedback rule's parameters (search/services/"
            "expansion.py), or 'off' to measure without it (default: the rule's)",
        )
        parser.add_argument(
            "--counts",
            action="store_true",
            help="also what each query's count covers: its share of the "
            "collection, and the counted practices' precision and recall "
            "against the judged-relevant ones",
        )
        parser.add_argument(
            "--keep-index",
            action="store_true",
            help="do not delete the evaluation index",
        )

    def handle(
        self,
        *args,
        sets=None,
        per_query=False,
        keep_index=False,
        holdout_language=False,
        counts=False,
        **options,
    ):
        self.holdout = holdout_language
        self.rule = self.feedback_rule(options.get("feedback", ""))
        self.counts = counts
        if not practice_documents.practice_queryset().exists():
            raise CommandError("No published practices: run manage.py load_demo first")
        for name in sets or list(SETS):
            listed = per_query and name not in HELD_OUT
            if not set_practice_dirs(name):
                self.evaluate_set(name, listed, keep_index)
                continue
            with transaction.atomic():
                load_set(name)
                self.evaluate_set(name, listed, keep_index)
                transaction.set_rollback(True)

    @staticmethod
    def feedback_rule(text):
        if not text:
            return expansion.FEEDBACK
        if text == "off":
            return None
        try:
            practices, concepts, weight = text.split(",")
            return expansion.FeedbackRule(int(practices), int(concepts), float(weight))
        except ValueError as exc:
            raise CommandError(f"--feedback {text}: {exc}") from exc

    def write_left_out(self, found, per_query):
        """Why the relevant practices outside the count are (fulltext.LEFT_OUT):
        totals for every set, each practice for a listed (development) set."""
        if not found.outside:
            return
        reasons = ", ".join(
            f"{reason} {found.reasons[reason]}"
            for reason in LEFT_OUT
            if found.reasons.get(reason)
        )
        self.stdout.write(f"    outside the count: {reasons}")
        if per_query and found.outside <= LISTED_OUTSIDE:
            for q, slug, grade, reason in found.left_out:
                self.stdout.write(f"      {q} / {slug} (grade {grade}): {reason}")

    def evaluate_set(self, set_name, per_query, keep_index):
        present = PracticePage.objects.live().values_list("slug", flat=True)
        try:
            queries = load_queries(SETS[set_name], known_slugs=present)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        runs = []
        built = None
        if is_configured():
            try:
                built = lifecycle.rebuild()
            except SearchUnavailable as exc:
                self.stderr.write(f"Elasticsearch unavailable, skipped: {exc}")
        if not built:
            # Publishing only enqueues the database engines' tokens (task
            # worker); lifecycle.rebuild stores them from its own documents.
            tokens.rebuild(practice_documents.iter_practice_documents())
        if built:
            runs += [
                (
                    "elasticsearch + thesaurus",
                    ElasticsearchSearch(cache=False, feedback=self.rule),
                    False,
                ),
                (
                    "elasticsearch, no thesaurus",
                    ElasticsearchSearch(use_thesaurus=False),
                    False,
                ),
            ]
            if self.holdout:  # the results cache would answer as without it
                held = ElasticsearchSearch(cache=False, feedback=self.rule)
                runs.append(("elasticsearch, held-out language", held, True))
        engine = DatabaseSearch().engine
        runs += [
            (f"{engine} + thesaurus", DatabaseSearch(feedback=self.rule), False),
            (f"{engine}, no thesaurus", DatabaseSearch(use_thesaurus=False), False),
        ]
        if self.holdout:
            held = DatabaseSearch(feedback=self.rule)
            runs.append((f"{engine}, held-out language", held, True))
        self.stdout.write(
            f"{set_name} set: {len(queries)} queries,"
            f" {practice_documents.practice_queryset().count()} practices"
            f" (index {built['index'] if built else '-'})"
        )
        self.stdout.write(
            f"{'path':34} {'nDCG@10':>8} {'xlang R@10':>11} {'found':>6} {'none':>5}"
        )
        for name, implementation, holdout in runs:
            score = evaluate(name, implementation, queries, holdout)
            self.stdout.write(
                f"{name:34} {score.ndcg:8.3f} {score.cross_recall:11.3f}"
                f" {score.found:6.1f} {score.nothing:5d}"
            )
            if self.counts and not holdout:
                found = count_quality(
                    implementation,
                    queries,
                    practice_documents.practice_queryset().count(),
                )
                self.stdout.write(
                    f"    count {found.mean:.1f} ({found.share:.0%} of the"
                    f" practices), precision {found.precision:.3f},"
                    f" recall {found.recall:.3f}, relevant outside the count"
                    f" {found.outside}/{found.relevant}"
                )
                self.write_left_out(found, per_query)
            if per_query:
                for q, language, q_ndcg, recall in score.per_query:
                    recall_text = "-" if recall is None else f"{recall:.2f}"
                    self.stdout.write(
                        f"    [{language}] {q:40} {q_ndcg:.3f} {recall_text}"
                    )
        if built and not keep_index:
            index = built["index"]
            directory = built["directory"]["index"]  # built alongside, unused here
            call(lambda client: client.indices.delete(index=f"{index},{directory}"))
            self.stdout.write(
                f"deleted {index} and {directory}"
                f" ({settings.ELASTICSEARCH_INDEX_PREFIX})"
            )
