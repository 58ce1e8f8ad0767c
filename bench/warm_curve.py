"""The node's CPU per search as it warms up: blocks of searches on a node just
started, from its first search on, none stopping early (search/eval/README.md,
"Follow-up: warm-up until steady"). The node must run on this machine (its
CPU is read from /proc) and have the benchmark's index behind the alias
(``search_bench --keep``, then ``--index``).

``python -m bench.warm_curve INDEX SEARCHES [BLOCK]``: prints one JSON object,
the CPU per search of every block of BLOCK (500) searches.
"""

import json
import sys


def main(index, searches, block=500):
    from bench import search_service
    from bench.search_cpu import warm_up_node

    search_service.use_index(index)
    requests, _repeats = search_service.search_workload(500)
    distinct = list({id(request): request for request in requests}.values())
    # A negative tolerance: no block is "steady", every block is run.
    return warm_up_node(
        search_service._run_concurrently,
        distinct,
        2,
        block=block,
        cap=searches,
        tolerance=-1.0,
    )


if __name__ == "__main__":
    import django

    django.setup()
    args = [int(arg) for arg in sys.argv[2:]]
    print(json.dumps(main(sys.argv[1], *args)))
