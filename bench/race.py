"""Registration race: 200 visitors submit the registration form at the same moment
for an event of 50 seats.

Each visitor has its own connection and cookies: it loads the form (CSRF cookie and
token), waits at a barrier, then all POST together. Reported: wall time from the
release to the last answer, per-request latency percentiles, HTTP statuses, and the
outcome read back from the database (confirmed must equal the seats, nobody lost).
"""

import json
import statistics
from collections import Counter

from bench.browser import crowd

VISITORS = 200


def percentile(values, q):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def run(port, paths, helper, visitors=VISITORS):
    slug = paths["race_event"]
    event_paths = [p for p in paths["event"] if slug in p]
    register_path = (
        event_paths[0] if event_paths else f"/events/{slug}/"
    ) + "register/"
    helper("--race-reset")
    try:
        people, wall = crowd(port, register_path, visitors)
    except RuntimeError as error:
        return {"skipped": str(error), "summary": f"skipped: {error}"}
    statuses = Counter(str(p.status or p.error) for p in people)
    latencies = [p.latency * 1000 for p in people if p.latency is not None]
    outcome = json.loads(helper("--race-outcome"))
    seats = paths.get("race_seats", 50)
    result = {
        "visitors": visitors,
        "seats": seats,
        "wall_seconds": round(wall, 3),
        "registrations_per_second": round(visitors / wall, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "http_statuses": dict(statuses),
        "outcome": outcome,
        "correct": outcome.get("confirmed") == seats
        and sum(outcome.values()) == visitors,
    }
    result["summary"] = (
        f"{visitors} concurrent POSTs for {seats} seats in {wall:.2f}s "
        f"({result['registrations_per_second']}/s; p50 {result['p50_ms']} ms, "
        f"p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms); HTTP "
        f"{dict(statuses)}; database: {outcome}; "
        f"{'correct' if result['correct'] else 'NOT CORRECT'}"
    )
    return result
