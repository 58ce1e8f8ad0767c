"""The servers' application modules build the search's tables (the thesaurus's
term indexes, the translation lexicon) when they load, so a visitor's first
search does not wait for them: Daphne (``make run``) as gunicorn; a node that
carries only WebSockets (``make serve``'s Daphne, SEARCH_WARM_AT_LOAD=false)
spends no CPU on them."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

# Loads a server's application module in a fresh process as the server does,
# waits for what it started at load (Daphne's build runs in a thread), then
# asks what a first search asks of the thesaurus and the lexicon.
CHECK = """
import json, sys, threading, time
import importlib

importlib.import_module(sys.argv[1])
for thread in threading.enumerate():
    if thread is not threading.main_thread():
        thread.join(timeout=300)

from search import thesaurus, translation
from search.lexicon_build import LANGUAGES

built = {
    "lexicon_tables": translation.lookup.cache_info().currsize,
    "term_indexes": thesaurus._index.cache_info().currsize,
}
started = time.process_time()
thesaurus.concepts_in("vetrina degli artigiani")
translation.translate("vetrina")
built["first_search_cpu_s"] = time.process_time() - started
built["languages"] = len(LANGUAGES)
print(json.dumps(built))
"""


def _loaded(module, **environ):
    """What loading ``module`` in a fresh process (with ``environ``) built."""
    done = subprocess.run(
        [sys.executable, "-c", CHECK, module],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **environ},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", ["vetnet.asgi", "vetnet.wsgi"])
def test_loading_the_application_leaves_the_thesaurus_and_lexicon_built(module):
    built = _loaded(module)
    assert built["lexicon_tables"] == built["languages"]
    assert built["term_indexes"] >= 1
    # Building them is ~3.4 s of CPU (search/warming.py); a first search's
    # own words cost milliseconds.
    assert built["first_search_cpu_s"] < 0.5


@pytest.mark.parametrize("module", ["vetnet.asgi", "vetnet.wsgi"])
def test_a_node_serving_no_searches_builds_nothing_at_load(module):
    """scripts/serve.sh and deploy/systemd start the Daphne nodes of the rooms
    so: no ~4 s of CPU at each start for tables no search there reads (before,
    each node built them in its thread). Both entry points obey the one switch
    (warming.warm_at_load)."""
    built = _loaded(module, SEARCH_WARM_AT_LOAD="false")
    assert built["lexicon_tables"] == 0
    assert built["term_indexes"] == 0
