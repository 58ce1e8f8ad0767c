"""Python's cycle collector and what a page worker keeps for long.

A gunicorn worker holds about 300,000 long-lived objects: the application, its
templates and URL patterns, and the tables kept per content version
(memo_per_version: the routing pages, the listing's facet table, the taxonomy
names). CPython's full collection walks every one of them: 150-180 ms of CPU at
10,000 practices, and it ran about once per 150 requests, because each young
collection promotes the objects of the requests then in flight and a full one
follows when those exceed a quarter of the old generation. Every request queued
on that worker waited for it: with 8 connections per worker, about 5% of the
uncached listing's requests waited 100+ ms (its p95 in `make bench`).

So what is known to live long is moved out of the collector's sight
(gc.freeze()) when it is made: once the worker has loaded the application, after
its first requests (templates, translations), and after each table built for a
new content version. Young garbage is collected as before, and a frozen object
is still freed by reference counting when nothing holds it; only cyclic garbage
that was alive at a freeze (an old version's tables, objects of a request in
flight) waits: every FULL_EVERY-th freeze unfreezes, collects everything once
and freezes again, which bounds it.

Only the page server turns this on (deploy/gunicorn.conf.py): tests and
management commands collect as usual.
"""

import gc
import threading

FULL_EVERY = 32

_lock = threading.Lock()
_state = {"enabled": False, "freezes": 0}


def enable():
    """Turn the policy on for this process and freeze what it holds now."""
    _state["enabled"] = True
    settle()


def disable():
    """Turn it off and give every frozen object back to the collector."""
    _state["enabled"] = False
    _state["freezes"] = 0
    gc.unfreeze()


def enabled():
    return _state["enabled"]


def settle():
    """Long-lived objects were just made: freeze everything tracked now (O(1)).
    Every FULL_EVERY-th call first collects everything, frozen objects included."""
    if not _state["enabled"]:
        return
    with _lock:
        _state["freezes"] += 1
        if _state["freezes"] % FULL_EVERY == 0:
            gc.unfreeze()
            gc.collect()
        gc.freeze()
