"""The search's per-process tables built before a visitor's first search needs
them: the thesaurus's term indexes (thesaurus.warm, ~1 s of CPU) and the
translation lexicon's (translation.warm, ~2.4 s and ~50 MB).

The page server (gunicorn, vetnet/wsgi.py) builds them while it loads the
application, before it forks its workers: :func:`warm`. Daphne (vetnet/asgi.py:
``make run``'s server) starts answering first and builds them in
a thread of its own: :func:`warm_in_background`. A search arriving meanwhile
waits for that thread (:func:`wait_until_warm`, called by run_search and
suggest) instead of building a second copy beside it: measured on a loaded
machine, a first search that raced the thread cost 7.5 s of CPU, against 5.4 s
with no thread and 0.26 s once built (s19k).

A process that serves no searches skips both: settings.SEARCH_WARM_AT_LOAD
false (``make serve``'s and deploy/systemd's Daphne nodes, which carry the
WebSockets only)."""

import threading

from django.conf import settings

from . import thesaurus, translation


def warm():
    """Build the thesaurus's term indexes and the lexicon's tables now."""
    thesaurus.warm()
    translation.warm()


# Set while nothing is being built in the background: searches go ahead.
_ready = threading.Event()
_ready.set()


def warm_in_background():
    """Build them in a daemon thread, started now; returns the thread."""
    _ready.clear()

    def run():
        try:
            warm()
        finally:
            _ready.set()

    thread = threading.Thread(target=run, name="search-warming", daemon=True)
    thread.start()
    return thread


def warm_at_load(background=False):
    """What a server's application module calls as it loads: build the tables
    now (gunicorn, before it forks) or, with ``background``, in a thread
    (Daphne, answering meanwhile); nothing when settings.SEARCH_WARM_AT_LOAD is
    false. One switch for every entry point, so a new one cannot forget it."""
    if not settings.SEARCH_WARM_AT_LOAD:
        return
    if background:
        warm_in_background()
    else:
        warm()


def wait_until_warm():
    """Return once the background build (if one runs) has finished."""
    _ready.wait()
