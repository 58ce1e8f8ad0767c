"""Search benchmark: bulk indexing rate, search and suggest latency.

Generates N practice documents from the demo practices' sentences (every partner
language, shuffled into new texts, the same analysis path as real practices:
``practice_documents.build_document``), bulk-indexes them into a throwaway index and stores their tokens (the
database engines' analysis, which the concept feedback of a query the
thesaurus does not know reads: ``tokens.rebuild``, as ``search_index
rebuild`` does), then fires
queries from ``search/eval/queries.json`` and prefixes of their words from C
concurrent client processes. Latency is measured server-side: the time the query
service takes for one search (query analysis, Elasticsearch round trip, facets,
snippets), as a view would spend it. Used by ``manage.py search_bench`` and by ``make bench``.
"""

import json
import multiprocessing
import random
import re
import statistics
import time
import traceback
from pathlib import Path

from django.conf import settings

from bench.search_cpu import (
    SINGLE_CLIENT_REQUESTS,
    single_client_costs,
    warm_up_node,
)
from search import translation
from search.analysis import words
from search.documents import LANGUAGES, alias_name
from search.evaluation import load_queries
from search.services import expansion, results_cache, tokens
from search.services.client import call
from search.services.indexing.lifecycle import ADMIN_TIMEOUT, create_index, keeping
from search.services.indexing.practice_documents import (
    build_document,
    iter_practice_documents,
)
from search.services.indexing.writes import bulk_index
from search.services.query import ElasticsearchSearch, SearchRequest

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
        yield build_document(
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
    (generation and analysis included in the rate), then store the same
    documents' tokens (:func:`store_tokens`)."""
    alias = alias_name()
    name = f"{alias}-bench-{int(time.time())}"
    built = []

    def run(client):
        client = client.options(request_timeout=ADMIN_TIMEOUT)
        create_index(client, name)
        started = time.monotonic()
        result = bulk_index(client, name, keeping(generate_documents(count), built))
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
    # store_tokens, below, tells the results cache the index changed.
    return {
        "index": name,
        "documents": result.indexed,
        "errors": result.errors,
        "seconds": round(seconds, 2),
        "docs_per_second": round(result.indexed / seconds, 1) if seconds else 0.0,
        "tokens": store_tokens(built),
    }


def store_tokens(documents):
    """Store the generated ``documents``' tokens, the concepts' weights and the
    collection statistics in the database, replacing what it held, by the
    production bulk path (``tokens.rebuild``, as ``search_index rebuild``
    after its bulk index). Practices get them so in use; without them the
    benchmark's searches read another collection's weights and statistics
    (or none), and the concept feedback of a translated query
    (expansion.second_round) found no tokens for its first ranking's
    practices, so it added nothing, which a search on the site does.
    :func:`restore_tokens` gives the database its own back."""
    started = time.monotonic()
    stored = tokens.rebuild(documents)
    results_cache.index_changed()
    return {"stored": stored, "seconds": round(time.monotonic() - started, 2)}


def restore_tokens():
    """The tokens of the practices the database holds, as ``search_index
    rebuild`` stores them (the database engines' benchmark, run next, searches
    them)."""
    return store_tokens(iter_practice_documents())


def _as_a_client():
    """Set up a process just forked from the benchmark's as a benchmark client:
    like a web worker, with its own Elasticsearch client and database
    connection."""
    from django.db import connections

    from search.services import client, snippets
    from search.services.query import elasticsearch
    from vetnet import cache_gc

    client.forget_clients()
    # Neither the snippets nor the request bodies the parent kept answer for
    # a client: each counts what it makes itself, as a worker just started.
    snippets.forget_passages()
    elasticsearch.forget_bodies()
    # As a page worker does (deploy/gunicorn.conf.py): what the parent built
    # is frozen out of the full collections. Without it a client's first full
    # collection walked the parent's whole heap, copying its pages on write:
    # 0.23 s of CPU and 6-7 s of wall time in each of the 10 clients at once
    # on the loaded machine (search/eval/README.md, tenth session).
    cache_gc.enable()
    # The parent's PostgreSQL connection pool came through the fork without
    # its worker threads: a connection asked of it never comes (each client
    # then waited out the pool's timeout, and the run did not finish). Each
    # client opens a pool of its own.
    # The parent's connections are forgotten, not closed: they are its own.
    for connection in connections.all(initialized_only=True):
        getattr(type(connection), "_connection_pools", {}).clear()
        connection.connection = None


def _client_process(work, items, start, results):
    """One benchmark client: its own process (:func:`_as_a_client`)."""
    _as_a_client()
    start.wait()
    local, cached = [], []
    for item in items:
        started = time.perf_counter()
        answer = work(item)
        local.append((time.perf_counter() - started) * 1000)
        cached.append(bool(getattr(answer, "cached", False)))
    results.put((local, cached))


def _alone(function, args, results):
    _as_a_client()
    try:
        results.put((True, function(*args)))
    except Exception:  # noqa: BLE001 - given to the parent, which raises it
        results.put((False, traceback.format_exc()))


def in_a_client(function, *args):
    """``function(*args)``'s result, computed in a client process of its own,
    set up as each of :func:`_run_concurrently`'s (:func:`_as_a_client`)."""
    from django.db import connections

    connections.close_all()
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    process = context.Process(target=_alone, args=(function, args, results))
    process.start()
    done, result = results.get(timeout=600)
    process.join()
    if not done:
        raise RuntimeError(f"in a client process: {result}")
    return result


def _run_concurrently(work, sequences):
    """One process per sequence runs ``work`` on each of its items, back to back.
    Processes, not threads: the site serves from several worker processes, and
    ten threads of one interpreter would measure its lock rather than search."""
    from django.db import connections

    connections.close_all()
    context = multiprocessing.get_context("fork")
    start, results = context.Event(), context.Queue()
    processes = [
        context.Process(target=_client_process, args=(work, items, start, results))
        for items in sequences
    ]
    for process in processes:
        process.start()
    started = time.monotonic()
    start.set()
    samples, later, hits, misses = [], [], [], []
    for _process in processes:
        local, cached = results.get(timeout=600)
        samples.extend(local)
        later.extend(local[len(local) // 2 :])
        for ms, hit in zip(local, cached, strict=True):
            (hits if hit else misses).append(ms)
    elapsed = time.monotonic() - started
    for process in processes:
        process.join()
    summary = summarise(samples)
    # The second half of each client's requests alone: a site that has been
    # up for a while (caches warm), reported beside the whole run, not instead.
    summary["second_half"] = summarise(later)
    if hits:
        # Answered from the results cache, and computed (first asked, or asked
        # again by another client before the first answer was kept).
        summary["cache_hits"] = summarise(hits)
        summary["cache_misses"] = summarise(misses)
        summary["hit_ratio"] = round(len(hits) / len(samples), 3)
    summary["clients"] = len(sequences)
    summary["throughput_rps"] = round(len(samples) / elapsed, 1) if elapsed else 0.0
    return summary


def translated_queries(count=30, seed=13):
    """``count`` queries of two words each that dictionary translation
    (search/translation.py) translates, chosen by a rule, not by hand: the
    words of the demo practices' texts (those the generated practices are made
    of, so each query finds practices) that a query keeps as words of their own
    (no function word, no thesaurus term holds them: expansion.unit_words) and
    the lexicon translates (translation.translate); each query two such words
    of one practice, the practice and the words drawn with ``seed``. On
    Elasticsearch each word adds a dis_max of its lemmas in the other languages
    (13 a word on average over the 615 words, 42 at most: measured at s19k).

    What choosing them put in the process's caches is forgotten (the words'
    translations, the queries' unit words), so the searches translate their
    words as a worker meeting them first would; the lexicon's tables are
    kept, as the page server loads them before its workers start
    (vetnet/wsgi.py)."""
    rng = random.Random(seed)
    per_practice = []
    for language, title, sentences in _source_practices():
        found = []
        for word, _start, _end in words(" ".join([title, *sentences])):
            if (
                word not in found
                and not any(char.isdigit() for char in word)
                and expansion.unit_words(word, LANGUAGES) == (word,)
                and translation.translate(word) is not None
            ):
                found.append(word)
        if len(found) >= 2:
            per_practice.append((language, found))
    translation._translate.cache_clear()
    expansion._unit_words.cache_clear()
    queries = []
    while len(queries) < count:
        language, found = rng.choice(per_practice)
        q = " ".join(rng.sample(found, 2))
        if q not in queries:
            queries.append(q)
    return queries


def search_workload(total, seed=11, queries=None):
    """``total`` search requests as visitors would ask them: ``queries`` (by
    default the evaluation queries, 7 languages), each alone, narrowed by a
    facet (language, country, sector, EQF level) or on its second page: 240
    different requests, drawn with Zipf's law (the r-th most popular asked 1/r
    as often as the first), as search logs are. Returns (requests in order of
    arrival, share that repeat one asked before)."""
    rng = random.Random(seed)
    distinct = []
    if queries is None:
        queries = [query["q"] for query in load_queries()]
    for q in queries:
        distinct.append(SearchRequest(q=q))
        distinct.append(SearchRequest(q=q, page=2))
        for language in rng.sample(["it", "es", "ca", "el", "de", "nl", "en"], 3):
            distinct.append(SearchRequest(q=q, filters={"language": [language]}))
        distinct.append(
            SearchRequest(q=q, filters={"country": [rng.choice(COUNTRIES)]})
        )
        distinct.append(SearchRequest(q=q, filters={"sector": [rng.choice(SECTORS)]}))
        distinct.append(SearchRequest(q=q, filters={"eqf": [str(rng.randint(2, 6))]}))
    rng.shuffle(distinct)
    weights = [1 / rank for rank in range(1, len(distinct) + 1)]
    requests = rng.choices(distinct, weights=weights, k=total)
    seen, repeats = set(), 0
    for request in requests:
        key = id(request)
        repeats += key in seen
        seen.add(key)
    return requests, repeats / total if total else 0.0


WARM_UP = 50


def warm_up(clients=10, rounds=50, searches=None):
    """The node past its JIT warm-up (search_cpu.warm_up_node) on the
    distinct requests of :func:`search_workload`."""
    requests, _repeats = search_workload(clients * rounds)
    distinct = list({id(request): request for request in requests}.values())
    return warm_up_node(_run_concurrently, distinct, clients, searches)


def bench_search(clients=10, rounds=50, cache=True, queries=None):
    """Search latency at ``clients`` concurrent clients on :func:`search_workload`
    (of ``queries``, by default the evaluation queries); ``cache=False``
    computes every search in full (no results cache, no Elasticsearch request
    cache), as if each were asked for the first time."""
    implementation = ElasticsearchSearch(cache=cache)
    requests, repeat_share = search_workload(clients * rounds, queries=queries)
    # Warm up the JVM, the new index's files and the connections, as a site that
    # has served a while would be, with caching off: nothing of these searches
    # is kept for the measured ones.
    warm_up = ElasticsearchSearch(cache=False)
    for request in requests[:WARM_UP]:
        warm_up.search(request)
    # Client n takes requests n, n + clients ...: they arrive interleaved.
    sequences = [requests[n::clients] for n in range(clients)]
    single = None
    if not cache:
        distinct = list({id(request): request for request in requests}.values())
        # In a client process, as the concurrent clients run: not in this
        # one, whose heap (10,000 generated practices, ~400,000 objects) moved
        # the figure between 2.4 and 4.7 ms with what it had allocated before
        # (search_cpu.as_a_page_worker).
        single = in_a_client(
            single_client_costs,
            ElasticsearchSearch(cache=False),
            distinct[:SINGLE_CLIENT_REQUESTS],
        )
    summary = _run_concurrently(implementation.search, sequences)
    if single:
        summary["single_client"] = single
    summary["distinct_requests"] = len({id(r) for r in requests})
    summary["repeat_share"] = round(repeat_share, 3)
    summary["cache"] = cache
    return summary


def bench_suggest(clients=10, rounds=100):
    implementation = ElasticsearchSearch()
    prefixes = []
    for query in load_queries():
        word = query["q"].split()[0]
        prefixes += [word[:3], word[:5], word]
    prefixes = [p for p in prefixes if len(p) >= 2]
    for prefix in prefixes[:5]:
        implementation.suggest(prefix)
    sequences = [
        [prefixes[(n * 7 + i) % len(prefixes)] for i in range(rounds)]
        for n in range(clients)
    ]
    return _run_concurrently(implementation.suggest, sequences)


def use_index(name):
    """Point the alias at ``name``, an index a run before kept (``search_bench
    --keep``), instead of bulk indexing again: runs that compare two versions
    of the query code then search the same documents."""
    alias = alias_name()

    def run(client):
        client.indices.get(index=name)  # refused (404) if it is not there
        actions = [{"add": {"index": name, "alias": alias}}]
        if client.indices.exists_alias(name=alias):
            actions.insert(0, {"remove": {"index": f"{alias}-*", "alias": alias}})
        client.indices.update_aliases(actions=actions)
        return client.count(index=name)["count"]

    documents = call(run)
    # store_tokens, below, tells the results cache the index changed.
    return {
        "index": name,
        "documents": documents,
        "errors": 0,
        "reused": True,
        # The kept index's documents again (the same seed), for their tokens.
        "tokens": store_tokens(generate_documents(documents)),
    }


def drop(index):
    call(lambda client: client.indices.delete(index=index, ignore_unavailable=True))
