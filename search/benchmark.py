"""Search benchmark: bulk indexing rate, search and suggest latency.

Generates N practice documents from the demo practices' sentences (every partner
language, shuffled into new texts, the same analysis path as real practices:
``indexing.build_document``), bulk-indexes them into a throwaway index, then fires
queries from ``search/eval/queries.json`` and prefixes of their words from C
concurrent threads. Latency is measured server-side: the time the query service
takes for one search (query analysis, Elasticsearch round trip, facets, snippets),
as a view would spend it. Used by ``manage.py search_bench`` and by ``make bench``.
"""

import json
import random
import re
import statistics
import threading
import time
from pathlib import Path

from django.conf import settings

from .evaluation import load_queries
from .services import indexing
from .services.client import call
from .services.query import ElasticsearchSearch, SearchRequest

DEMO_PRACTICES = (
    Path(settings.BASE_DIR) / "practices" / "fixtures_demo" / "practices.json"
)
COUNTRIES = ["IT", "ES", "GR", "DE", "NL", "BE", "FR", "PL", "PT", "LV", "AT"]
SECTORS = ["construction", "wood-furniture", "food-catering", "crafts", "retail"]
THEMES = ["apprenticeship", "digital skills", "green skills", "mentoring", "mobility"]


def _source_practices():
    """(language, title, sentences) of each demo practice."""
    with DEMO_PRACTICES.open(encoding="utf-8") as handle:
        practices = json.load(handle)
    sources = []
    for practice in practices:
        text = " ".join([practice["summary"], *practice.get("body", [])])
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 30]
        sources.append((practice["language"], practice["title"], sentences))
    return sources


def generate_documents(count, seed=7):
    """``count`` synthetic practices: each a variant of one demo practice (its
    title, a sample of its sentences, one sentence of another practice in the same
    language), so a query matches about as many of them as it would real ones."""
    rng = random.Random(seed)
    sources = _source_practices()
    by_language = {}
    for source in sources:
        by_language.setdefault(source[0], []).append(source)
    for n in range(1, count + 1):
        language, title, sentences = sources[n % len(sources)]
        other = rng.choice(by_language[language])[2]
        summary = " ".join(rng.sample(sentences, min(2, len(sentences))))
        body = " ".join(
            [*rng.sample(sentences, min(len(sentences), 6)), rng.choice(other)]
        )
        yield indexing.build_document(
            page_id=n,
            title=f"{title} ({n})",
            summary=summary,
            body=body,
            language=language,
            url=f"/practices/generated-{n}/",
            country=rng.choice(COUNTRIES),
            sectors=rng.sample(SECTORS, 2),
            themes=rng.sample(THEMES, 2),
            eqf=sorted(rng.sample(range(2, 7), 2)),
            year_start=rng.randint(2015, 2026),
        )


def percentile(values, share):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def summarise(samples):
    return {
        "requests": len(samples),
        "p50_ms": round(percentile(samples, 0.50), 1),
        "p95_ms": round(percentile(samples, 0.95), 1),
        "max_ms": round(max(samples, default=0.0), 1),
        "mean_ms": round(statistics.fmean(samples), 1) if samples else 0.0,
    }


def bench_bulk(count):
    """Create a fresh index behind the alias, bulk index ``count`` documents
    (generation and analysis included in the rate)."""
    alias = indexing.alias_name()
    name = f"{alias}-bench-{int(time.time())}"

    def run(client):
        client = client.options(request_timeout=indexing.ADMIN_TIMEOUT)
        indexing.create_index(client, name)
        started = time.monotonic()
        result = indexing.bulk_index(client, name, generate_documents(count))
        seconds = time.monotonic() - started
        client.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
        client.indices.refresh(index=name)
        client.indices.forcemerge(index=name, max_num_segments=1)
        actions = [{"remove": {"index": f"{alias}-*", "alias": alias}}]
        if client.indices.exists_alias(name=alias):
            client.indices.update_aliases(actions=actions)
        client.indices.update_aliases(
            actions=[{"add": {"index": name, "alias": alias}}]
        )
        return result, seconds

    result, seconds = call(run)
    return {
        "index": name,
        "documents": result.indexed,
        "errors": result.errors,
        "seconds": round(seconds, 2),
        "docs_per_second": round(result.indexed / seconds, 1) if seconds else 0.0,
    }


def _run_concurrently(work, items, clients, rounds):
    samples, lock = [], threading.Lock()

    def worker(offset):
        local = []
        for i in range(rounds):
            item = items[(offset + i) % len(items)]
            started = time.perf_counter()
            work(item)
            local.append((time.perf_counter() - started) * 1000)
        with lock:
            samples.extend(local)

    threads = [threading.Thread(target=worker, args=(n * 7,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    summary = summarise(samples)
    summary["clients"] = clients
    summary["throughput_rps"] = round(len(samples) / elapsed, 1) if elapsed else 0.0
    return summary


def bench_search(clients=10, rounds=50):
    implementation = ElasticsearchSearch()
    queries = [q["q"] for q in load_queries()]
    requests = [SearchRequest(q=q) for q in queries]
    requests += [
        SearchRequest(q=q, filters={"language": ["it", "es"]}) for q in queries
    ]
    for request in requests[:5]:  # warm caches and JIT
        implementation.search(request)
    return _run_concurrently(implementation.search, requests, clients, rounds)


def bench_suggest(clients=10, rounds=100):
    implementation = ElasticsearchSearch()
    prefixes = []
    for query in load_queries():
        word = query["q"].split()[0]
        prefixes += [word[:3], word[:5], word]
    prefixes = [p for p in prefixes if len(p) >= 2]
    for prefix in prefixes[:5]:
        implementation.suggest(prefix)
    return _run_concurrently(implementation.suggest, prefixes, clients, rounds)


def drop(index):
    call(lambda client: client.indices.delete(index=index, ignore_unavailable=True))
