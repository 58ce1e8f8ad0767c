"""A web worker's memory under a long search mix: one process answers
``BENCH_MEMORY_SEARCHES`` different searches (the evaluation queries and word
pairs of the practices' own titles, alone, narrowed by a facet or paged), as
run_search answers a view, and its resident set size (VmRSS) and the size of
every cache a search fills are written after each block, as JSON lines.

    python -m bench.search_memory   (the benchmark's environment: production
    settings, DATABASE_URL naming bench/generate.py's data set;
    ELASTICSEARCH_URL unset: the database engine, whose kept postings rows
    are the largest cache; set: Elasticsearch)

Figures in deploy/README.md ("Memory per web worker").
"""

import json
import os
import random
import sys
import time

BLOCK = 500


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _mix(total, seed=5):
    """``total`` different search requests, in a random order."""
    from bench.search_service import COUNTRIES, SECTORS
    from practices.models import PracticePage
    from search.evaluation import load_queries
    from search.services.query import SearchRequest

    rng = random.Random(seed)
    titles = list(PracticePage.objects.values_list("title", flat=True))
    queries = [query["q"] for query in load_queries()]
    seen, requests = set(), []
    while len(requests) < total:
        if rng.random() < 0.3:
            q = rng.choice(queries)
        else:
            title = [word for word in rng.choice(titles).split() if len(word) > 3]
            if not title:
                continue
            start = rng.randrange(len(title))
            q = " ".join(title[start : start + rng.choice((1, 2, 2, 3))])
        narrowing = rng.random()
        filters = {}
        if narrowing < 0.2:
            filters = {"language": [rng.choice(["it", "es", "ca", "el", "de", "nl"])]}
        elif narrowing < 0.35:
            filters = {"country": [rng.choice(COUNTRIES)]}
        elif narrowing < 0.5:
            filters = {"sector": [rng.choice(SECTORS)]}
        page = rng.choice((1, 1, 1, 2, 3))
        key = (q, tuple(sorted((k, tuple(v)) for k, v in filters.items())), page)
        if key in seen:
            continue
        seen.add(key)
        requests.append(SearchRequest(q=q, filters=filters, page=page))
    return requests


def cache_sizes():
    """How full each of the search's per-process caches is."""
    from search.services import postings, snippets
    from search.services.query import candidates, elasticsearch, fulltext, scoring
    from search.services.query import sqlite as sqlite_engine
    from vetnet import cache, routing

    memos = cache._memos
    kept = memos.get(postings.KEPT, (None, None))[1]
    sqlite_kept = memos.get(sqlite_engine.KEPT, (None, None))[1]
    shown = memos.get(candidates.SHOWN, (None, {}))[1]
    facts = memos.get(fulltext.PAGE_FACTS, (None, ({}, {})))[1]
    tables = memos.get(routing.MEMO_KEY, (None, None))[1] or routing.new_tables()
    return {
        "postings_mb": round(kept.size / 2**20, 1) if kept else 0.0,
        "sqlite_rows": len(sqlite_kept.rows) if sqlite_kept else 0,
        "hit_pages": len(shown),
        "page_facts": len(facts[0]),
        "plans": len(fulltext._plans),
        "parsed_texts": len(scoring._parsed),
        "es_bodies": len(elasticsearch._bodies),
        "snippet_terms": snippets._marked_terms.cache_info().currsize,
        "version_memo": len(tables["shown"]),
        "routing_pages": len(tables["pages"]),
    }


def _report(phase, done, started, cpu):
    line = {
        "phase": phase,
        "done": done,
        "rss_mb": rss_mb(),
        "seconds": round(time.monotonic() - started, 1),
        "cpu_s": round(time.process_time() - cpu, 1),
        **cache_sizes(),
    }
    print(json.dumps(line), flush=True)


def main():
    import django

    django.setup()
    from search.services.query import run_search

    searches = int(os.environ.get("BENCH_MEMORY_SEARCHES", "6000"))
    started, cpu = time.monotonic(), time.process_time()
    requests = _mix(searches)
    _report("start", 0, started, cpu)
    for number, request in enumerate(requests, 1):
        run_search(request)
        if number % BLOCK == 0 or number == len(requests):
            _report("search", number, started, cpu)
    return 0


if __name__ == "__main__":
    sys.exit(main())
