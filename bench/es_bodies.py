"""Elasticsearch request bodies, compared variant against variant: the node's
CPU per request and whether the results are the same (search/eval/README.md,
"Speed: linked concepts at index time").

``dump OUT.json``: the main ranking request's body of each distinct request
of the benchmark's workload (search_service.search_workload), as this tree's
ElasticsearchSearch builds it (run it from each tree to compare code).

``compare PASSES NAME:INDEX:BODIES.json ...``: one unmeasured pass, then
PASSES passes of every variant's bodies in one shuffled order, request cache
off; per variant the node's process CPU per request (from /proc: the node
must run on this machine) and ``took``, 10 % trimmed; with two variants, how
many requests give the same totals, aggregations and first page.

Run with the project's settings (``DJANGO_SETTINGS_MODULE``, the index
prefix of the kept index): ``python -m bench.es_bodies dump main.json``.
"""

import json
import random
import statistics
import sys

from bench.search_cpu import _node_process, _proc_cpu_ms


def dump(path):
    from bench.search_service import search_workload
    from search.services.query.analysed import AnalysedQuery, indexed_languages
    from search.services.query.elasticsearch import ElasticsearchSearch

    requests, _repeats = search_workload(500)
    distinct = list({id(request): request for request in requests}.values())
    engine = ElasticsearchSearch(cache=False)
    languages = indexed_languages()
    bodies = [
        engine.body(request, AnalysedQuery.of(request.q), languages=languages)
        for request in distinct
    ]
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(bodies, handle)
    return len(bodies)


def _trimmed(values):
    values = sorted(values)
    cut = len(values) // 10
    return statistics.fmean(values[cut : len(values) - cut] or [0.0])


def _outcome(response):
    hits = response["hits"]
    return (
        [(hit["_id"], hit["_score"]) for hit in hits["hits"]],
        hits.get("total", {}).get("value"),
        json.dumps(response.get("aggregations"), sort_keys=True),
    )


def compare(passes, variants):
    from search.services.client import call

    pid = _node_process()["id"]
    if _proc_cpu_ms(pid) is None:
        raise SystemExit("the node does not run on this machine")
    loaded = {}
    for variant in variants:
        name, index, path = variant.split(":")
        with open(path, encoding="utf-8") as handle:
            loaded[name] = (index, json.load(handle))

    def send(name, position):
        index, bodies = loaded[name]
        return call(
            lambda client: client.search(
                index=index, request_cache=False, **bodies[position]
            )
        )

    order = [
        (name, n) for name, (_i, bodies) in loaded.items() for n in range(len(bodies))
    ]
    for name, position in order:
        send(name, position)
    cpu = {name: [] for name in loaded}
    took = {name: [] for name in loaded}
    outcome = {name: {} for name in loaded}
    for _pass in range(passes):
        random.shuffle(order)
        for name, position in order:
            before = _proc_cpu_ms(pid)
            response = send(name, position)
            cpu[name].append(_proc_cpu_ms(pid) - before)
            took[name].append(response["took"])
            outcome[name][position] = _outcome(response)
    for name in loaded:
        print(
            f"{name}: node CPU {statistics.fmean(cpu[name]):.2f} ms per request "
            f"(trimmed {_trimmed(cpu[name]):.2f}), took trimmed "
            f"{_trimmed(took[name]):.2f} ms, {len(cpu[name])} requests"
        )
    if len(loaded) == 2:
        first, second = (outcome[name] for name in loaded)
        same = [
            sum(first[n][part] == second[n][part] for n in first) for part in range(3)
        ]
        print(
            f"same first page (ids, scores) {same[0]}, totals {same[1]}, "
            f"aggregations {same[2]} of {len(first)}"
        )


if __name__ == "__main__":
    import django

    django.setup()
    if sys.argv[1:2] == ["dump"]:
        print(dump(sys.argv[2]), "bodies")
    elif sys.argv[1:2] == ["compare"]:
        compare(int(sys.argv[2]), sys.argv[3:])
    else:
        raise SystemExit(__doc__)
