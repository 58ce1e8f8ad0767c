"""``manage.py eval_search``: nDCG@10 and cross-language recall@10 of every search
path on the demo practices (run by ``make eval-search`` on a scratch database).

Builds a throwaway index under the configured prefix, evaluates, deletes it.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.evaluation import evaluate, load_queries
from search.services.client import SearchUnavailable, call, is_configured
from search.services.indexing import lifecycle, practice_documents
from search.services.query import DatabaseSearch, ElasticsearchSearch


class Command(BaseCommand):
    help = "Evaluate search quality (nDCG@10, cross-language recall@10)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--per-query", action="store_true", help="one line per query"
        )
        parser.add_argument(
            "--keep-index",
            action="store_true",
            help="do not delete the evaluation index",
        )

    def handle(self, *args, per_query=False, keep_index=False, **options):
        queries = load_queries()
        if not practice_documents.practice_queryset().exists():
            raise CommandError("No published practices: run manage.py load_demo first")
        runs = []
        built = None
        if is_configured():
            try:
                built = lifecycle.rebuild()
            except SearchUnavailable as exc:
                self.stderr.write(f"Elasticsearch unavailable, skipped: {exc}")
        if built:
            runs += [
                ("elasticsearch + thesaurus", ElasticsearchSearch()),
                (
                    "elasticsearch, no thesaurus",
                    ElasticsearchSearch(use_thesaurus=False),
                ),
            ]
        engine = DatabaseSearch().engine
        runs += [
            (f"{engine} + thesaurus", DatabaseSearch()),
            (f"{engine}, no thesaurus", DatabaseSearch(use_thesaurus=False)),
        ]
        self.stdout.write(
            f"{len(queries)} queries, {practice_documents.practice_queryset().count()} practices"
            f" (index {built['index'] if built else '-'})"
        )
        self.stdout.write(f"{'path':32} {'nDCG@10':>8} {'xlang R@10':>11}")
        for name, implementation in runs:
            score = evaluate(name, implementation, queries)
            self.stdout.write(f"{name:32} {score.ndcg:8.3f} {score.cross_recall:11.3f}")
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
