"""``manage.py search_bench``: bulk indexing rate, search and suggest p95
(translated queries' apart: bench/search_service.translated_queries).

Runs against a throwaway index under ELASTICSEARCH_INDEX_PREFIX (use a prefix of its
own, e.g. ``bench``); the index is deleted afterwards unless --keep. The
node's JIT is warmed first (searches computed in full, in blocks until the
node's CPU per search stops falling, or ``--warm-up N`` of them): the figures
are a node's that has served a while, not one just started.

``--engine database``: the database engine instead (SQLite FTS5 or PostgreSQL,
as DATABASES says) over the practices the database holds (run ``search_index
rebuild`` first), several runs with a calibration figure each.
"""

import json

from django.core.management.base import BaseCommand

from bench import search_service as benchmark
from bench.database_search import database_summary
from bench.database_service import bench_database_search
from bench.search_cpu import (
    WARM_UP_BLOCK,
    WARM_UP_CAP,
    WARM_UP_TOLERANCE,
    WARM_UP_WINDOW,
)


class Command(BaseCommand):
    help = "Benchmark search: bulk indexing, search and suggest latency."

    def add_arguments(self, parser):
        parser.add_argument("--docs", type=int, default=10000)
        parser.add_argument("--clients", type=int, default=10)
        parser.add_argument(
            "--rounds", type=int, default=50, help="searches per client"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--keep", action="store_true", help="keep the index")
        parser.add_argument(
            "--index",
            help="search this kept index (--keep's) instead of bulk indexing a "
            "new one; it is kept",
        )
        parser.add_argument(
            "--engine", choices=("elasticsearch", "database"), default="elasticsearch"
        )
        parser.add_argument("--repeat", type=int, default=3, help="database runs")
        parser.add_argument(
            "--warm-up",
            type=int,
            default=None,
            help="searches before measuring, so the node's JIT has compiled its "
            f"search code (default: blocks of {WARM_UP_BLOCK} until the last "
            f"{WARM_UP_WINDOW} blocks' CPU per search is less than "
            f"{WARM_UP_TOLERANCE:.0%} below the {WARM_UP_WINDOW} before, "
            f"{WARM_UP_CAP} at most; 0: measure a node as it is)",
        )

    def handle(self, *args, docs, clients, rounds, json=False, keep=False, **options):
        if options["engine"] == "database":
            report = bench_database_search(clients, rounds, options["repeat"])
            if json:
                self.stdout.write(_json_dumps(report))
                return
            self.stdout.write(database_summary(report))
            return
        if options["index"]:
            report = {"bulk": benchmark.use_index(options["index"])}
            keep = True
        else:
            report = {"bulk": benchmark.bench_bulk(docs)}
        try:
            report["warm_up"] = benchmark.warm_up(clients, rounds, options["warm_up"])
            report["search"] = benchmark.bench_search(clients, rounds)
            # Every search computed in full, as for queries nobody asked before.
            report["search_uncached"] = benchmark.bench_search(
                clients, rounds, cache=False
            )
            # The same, on queries whose words dictionary translation translates
            # (each adds a dis_max of its lemmas in the other languages).
            queries = benchmark.translated_queries()
            report["search_translated"] = benchmark.bench_search(
                clients, rounds, cache=False, queries=queries
            )
            report["search_translated"]["queries"] = queries
            report["suggest"] = benchmark.bench_suggest(clients, rounds * 2)
        finally:
            if not keep:
                benchmark.drop(report["bulk"]["index"])
            # The generated practices' tokens replaced the database's own.
            report["tokens_restored"] = benchmark.restore_tokens()
        if json:
            self.stdout.write(_json_dumps(report))
            return
        bulk = report["bulk"]
        if bulk.get("reused"):
            self.stdout.write(f"index    {bulk['index']}: {bulk['documents']} docs")
        else:
            self.stdout.write(
                f"bulk     {bulk['documents']} docs in {bulk['seconds']}s = "
                f"{bulk['docs_per_second']}/s ({bulk['errors']} errors)"
            )
        warm = report["warm_up"]
        if warm.get("until_steady"):
            self.stdout.write(
                f"warm-up  {warm['searches']} searches (JIT, until "
                f"{'steady' if warm['steady'] else 'the cap'}): Elasticsearch CPU "
                f"per search {warm['es_cpu_ms_per_search_first_block']} ms in the "
                f"first {warm['block']}, {warm['es_cpu_ms_per_search_last_block']}"
                " ms in the last"
            )
        elif warm["searches"]:
            self.stdout.write(
                f"warm-up  {warm['searches']} searches (JIT): Elasticsearch CPU per "
                f"search {warm['es_cpu_ms_per_search_first_tenth']} ms in the first "
                f"tenth, {warm['es_cpu_ms_per_search_last_tenth']} ms in the last"
            )
        for name in ("search", "search_uncached", "search_translated", "suggest"):
            r = report[name]
            self.stdout.write(
                f"{name:17} {r['requests']} requests, {r['clients']} clients: "
                f"p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, max {r['max_ms']} ms, "
                f"{r['throughput_rps']} req/s"
                + (
                    f" ({r['distinct_requests']} different, "
                    f"{r['repeat_share']:.0%} asked before)"
                    if "repeat_share" in r
                    else ""
                )
            )
            if "single_client" in r:
                one = r["single_client"]
                self.stdout.write(
                    f"{'':17} one client: p50 {one['p50_ms']} ms, CPU per search "
                    f"{one['python_cpu_ms_per_search']} ms in Python + "
                    f"{one['es_cpu_ms_per_search']} ms in Elasticsearch (took "
                    f"{one['es_took_ms_per_search']} ms)"
                )
            if "hit_ratio" in r:
                self.stdout.write(
                    f"{'':17} {r['hit_ratio']:.0%} from the results cache "
                    f"(p95 {r['cache_hits']['p95_ms']} ms), "
                    f"{r['cache_misses']['requests']} computed (p50 "
                    f"{r['cache_misses']['p50_ms']} ms, p95 "
                    f"{r['cache_misses']['p95_ms']} ms)"
                )


def _json_dumps(report):
    return json.dumps(report, indent=2)
