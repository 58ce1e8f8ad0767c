"""The servers' application modules build the search's tables (the thesaurus's
term indexes, the translation lexicon) when they load, so a visitor's first
search does not wait for them: Daphne (``make run``, the rooms) as gunicorn."""

import json
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


@pytest.mark.parametrize("module", ["vetnet.asgi", "vetnet.wsgi"])
def test_loading_the_application_leaves_the_thesaurus_and_lexicon_built(module):
    done = subprocess.run(
        [sys.executable, "-c", CHECK, module],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    built = json.loads(done.stdout.strip().splitlines()[-1])
    assert built["lexicon_tables"] == built["languages"]
    assert built["term_indexes"] >= 1
    # Building them is ~3.4 s of CPU (search/warming.py); a first search's
    # own words cost milliseconds.
    assert built["first_search_cpu_s"] < 0.5
