"""``manage.py eval_loso``: ranking choices judged leave-one-set-out over the
four development sets (run by ``scripts/eval-loso.sh`` on a scratch database).

A family of scoring choices (:data:`WEIGHTS` x :data:`TIES`: how much the concept channel
weighs against the practice's own-language words, and whether its clauses
add up or combine as a dis_max, scoring.CONCEPT_TIE) is evaluated on every development
set, each over the practices it is judged over (search/evaluation.py), on
Elasticsearch and on the database engine this process runs on. Then, for each
fold, the choice scoring best on the other three sets is picked
(:func:`search.evaluation.leave_one_out`) and reported on the fourth: a choice
generalises when what three sets pick wins on the one they did not see. The
test sets are never run here.
"""

import json
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from practices.models import PracticePage
from search.evaluation import (
    HELD_OUT,
    SETS,
    evaluate,
    leave_one_out,
    load_queries,
    load_set,
    set_practice_dirs,
)
from search.services import expansion, tokens
from search.services.client import SearchUnavailable, call, is_configured
from search.services.indexing import lifecycle, practice_documents
from search.services.query import DatabaseSearch, ElasticsearchSearch, fulltext, scoring
from search.services.query import elasticsearch as es_engine

DEVELOPMENT = ("development", "development-2", "development-3", "development-4")
BASELINE = (1.0, 1.0, 0.5)
# (the concept channel's weight against the practice's own-language words,
# the tie-breaker its clauses combine with: 1.0 their sum, below a dis_max
# that saturates a practice naming many of the query's concepts and links).
WEIGHTS = (0.75, 1.0, 1.25, 1.5)
TIES = (1.0, 0.7, 0.5, 0.3)
# The tie-breaker of the concepts standing for one of the query's concepts
# (expansion.UNIT_TIE, tuned on the first two sets in the tenth session).
UNIT_TIES = (0.5,)


def variant_name(variant):
    weight, tie, unit = variant
    name = f"concepts x{weight:g}, " + (f"dis_max {tie:g}" if tie < 1 else "sum")
    return name if unit == BASELINE[2] else f"{name}, unit tie {unit:g}"


@contextmanager
def scoring_choice(variant):
    """Both engines score with ``variant`` (the bodies and plans kept per
    process are dropped on the way in and out)."""
    weight, tie, unit = variant
    saved = (
        es_engine.CONCEPT_BOOST,
        scoring.CONCEPT_BOOST,
        scoring.CONCEPT_TIE,
        expansion.UNIT_TIE,
    )

    def forget():
        es_engine.forget_bodies()
        fulltext._plans.clear()

    es_engine.CONCEPT_BOOST = scoring.CONCEPT_BOOST = weight
    scoring.CONCEPT_TIE = tie
    expansion.UNIT_TIE = unit
    forget()
    try:
        yield
    finally:
        (
            es_engine.CONCEPT_BOOST,
            scoring.CONCEPT_BOOST,
            scoring.CONCEPT_TIE,
            expansion.UNIT_TIE,
        ) = saved
        forget()


class Command(BaseCommand):
    help = "Scoring choices judged leave-one-set-out on the development sets."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json",
            dest="json_path",
            default="",
            help="also write every figure to this file",
        )
        parser.add_argument(
            "--objective",
            choices=("ndcg", "both"),
            default="both",
            help="what the three sets pick by: nDCG@10, or the mean of nDCG@10 "
            "and cross-language recall@10 (default)",
        )
        parser.add_argument(
            "--weights",
            default=",".join(map(str, WEIGHTS)),
            help="the concept channel's weights tried (comma-separated)",
        )
        parser.add_argument(
            "--unit-ties",
            default=",".join(map(str, UNIT_TIES)),
            help="expansion.UNIT_TIE values tried (comma-separated)",
        )
        parser.add_argument(
            "--ties",
            default=",".join(map(str, TIES)),
            help="the concept clauses' tie-breakers tried (1: their sum)",
        )

    def handle(self, *args, json_path="", objective="both", **options):
        weights = [float(value) for value in options["weights"].split(",")]
        ties = [float(value) for value in options["ties"].split(",")]
        units = [float(value) for value in options["unit_ties"].split(",")]
        self.variants = [BASELINE] + [
            (weight, tie, unit)
            for weight in weights
            for tie in ties
            for unit in units
            if (weight, tie, unit) != BASELINE
        ]
        if any(name in HELD_OUT for name in DEVELOPMENT):
            raise CommandError("held-out sets are never run here")
        if not practice_documents.practice_queryset().exists():
            raise CommandError("No published practices: run manage.py load_demo first")
        # {engine: {variant name: {set: (ndcg, recall)}}}
        figures = {}
        for name in DEVELOPMENT:
            if not set_practice_dirs(name):
                self.evaluate_set(name, figures)
                continue
            with transaction.atomic():
                load_set(name)
                self.evaluate_set(name, figures)
                transaction.set_rollback(True)
        pick = (lambda n, r: n) if objective == "ndcg" else (lambda n, r: (n + r) / 2)
        for engine, table in figures.items():
            self.report(engine, table, pick)
        if json_path:  # merged with the other engines' runs
            path = Path(json_path)
            found = json.loads(path.read_text("utf-8")) if path.exists() else {}
            found.update(figures)
            path.write_text(json.dumps(found, indent=1, sort_keys=True), "utf-8")

    def evaluate_set(self, set_name, figures):
        present = PracticePage.objects.live().values_list("slug", flat=True)
        queries = load_queries(SETS[set_name], known_slugs=present)
        built = None
        if is_configured():
            try:
                built = lifecycle.rebuild()
            except SearchUnavailable as exc:
                self.stderr.write(f"Elasticsearch unavailable, skipped: {exc}")
        if not built:
            tokens.rebuild(practice_documents.iter_practice_documents())
        engines = [(DatabaseSearch().engine, DatabaseSearch())]
        if built:
            engines.insert(0, ("elasticsearch", ElasticsearchSearch(cache=False)))
        self.stdout.write(f"{set_name}: {len(queries)} queries")
        for variant in self.variants:
            with scoring_choice(variant):
                for engine, implementation in engines:
                    score = evaluate(engine, implementation, queries)
                    table = figures.setdefault(engine, {})
                    table.setdefault(variant_name(variant), {})[set_name] = (
                        round(score.ndcg, 4),
                        round(score.cross_recall, 4),
                    )
                    self.stdout.write(
                        f"  {engine:14} {variant_name(variant):28}"
                        f" {score.ndcg:.3f} / {score.cross_recall:.3f}"
                    )
        if built:
            index, directory = built["index"], built["directory"]["index"]
            call(lambda client: client.indices.delete(index=f"{index},{directory}"))

    def report(self, engine, table, pick):
        self.stdout.write(f"\n{engine}: every choice, nDCG@10 / recall@10 per set")
        for name, sets in table.items():
            cells = "  ".join(f"{sets[s][0]:.3f}/{sets[s][1]:.3f}" for s in DEVELOPMENT)
            self.stdout.write(f"  {name:28} {cells}")
        baseline = variant_name(BASELINE)
        self.stdout.write(f"\n{engine}: leave one set out (picked on the other three)")
        for fold in leave_one_out(table, DEVELOPMENT, pick, baseline):
            self.stdout.write(
                f"  held out {fold.held_out:14} picked {fold.picked:28}"
                f" {fold.baseline[0]:.3f}/{fold.baseline[1]:.3f}"
                f" -> {fold.score[0]:.3f}/{fold.score[1]:.3f}"
            )
