"""Every field of the database engine's answers to the benchmark's distinct
search requests, written as JSON lines, so that a change meant to leave results
alone can be shown to: run it on main and on the change, against the same
database, and compare the two files byte for byte.

    python -m bench.same_results OUT.jsonl   (DJANGO_SETTINGS_MODULE and the
    database as the engine to check: PostgreSQL with bench/generate.py's data
    set, or SQLite with the demo content; ELASTICSEARCH_URL unset)

Each request is asked twice in one process (cold, then with whatever the
process kept), and both answers are written: hits (id, URL, title, snippet,
language, country, score as repr), total, facets, "did you mean", "some
words", backend and degraded flag; only the time taken is left out. The
database rescoring's own output (query/scoring.py: every rescored practice's
id and score, as repr) is written beside each answer, so that scores equal
to the last bit are shown too, not only the order they give.
"""

import dataclasses
import json
import sys


def _answer(results):
    found = dataclasses.asdict(results)
    found.pop("took_ms", None)
    found.pop("cached", None)
    for hit in found["hits"]:
        hit["score"] = repr(hit["score"])
    return found


def _record_rescoring():
    """A list that every database rescoring's result is appended to (the
    module's rescoring functions wrapped, whichever names it has)."""
    from search.services.query import scoring

    found = []
    for name in ("rescore", "rescore_arrays"):
        function = getattr(scoring, name, None)
        if function is None:
            continue

        def recorded(*args, _function=function, **kwargs):
            rows = _function(*args, **kwargs)
            found.append(rows[: scoring.RESCORED])
            return rows

        setattr(scoring, name, recorded)
    return found


def main(argv=None):
    import django

    django.setup()
    from bench.search_service import search_workload
    from search.services.query import DatabaseSearch

    out = (argv or sys.argv[1:])[0]
    requests, _repeats = search_workload(500)
    distinct = list({id(request): request for request in requests}.values())
    engine = DatabaseSearch()
    rescored = _record_rescoring()
    with open(out, "w") as handle:
        for label in ("cold", "warm"):
            for number, request in enumerate(distinct):
                rescored.clear()
                answer = _answer(engine.search(request))
                line = {
                    "pass": label,
                    "request": number,
                    "answer": answer,
                    "rescored": [
                        [(page_id, repr(score)) for page_id, score in rows]
                        for rows in rescored
                    ],
                }
                handle.write(json.dumps(line, sort_keys=True, default=repr) + "\n")
    print(f"{len(distinct)} requests, two passes: {out}")


if __name__ == "__main__":
    main()
