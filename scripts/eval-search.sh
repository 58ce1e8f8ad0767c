#!/usr/bin/env bash
# make eval-search: nDCG@10 and cross-language recall@10 of every engine on the
# development set (search/eval/queries.json over the demo practices), the second
# development set (search/eval/dev2/), the third (search/eval/dev3/, judged over
# the demo, dev2 and its own practices), the fourth (search/eval/dev4/, judged
# over the demo, dev2, dev3 and its own practices), the fifth (search/eval/dev5/,
# judged over the demo, dev2, dev3, dev4 and its own practices), the test set
# (search/eval/test/) and the second test set (search/eval/test2/, judged over
# the demo, dev2 and its own practices), the last six with practices of their
# own loaded for the evaluation only, each reported apart: Elasticsearch and PostgreSQL full text
# (a scratch PostgreSQL database EVAL_SEARCH_DB, a throwaway index with prefix
# EVAL_SEARCH_PREFIX), then SQLite FTS5 (the embedded default, a scratch SQLite
# file). Starts the local services
# if needed, unless SEARCH_SERVICES_UP=1 says they already run (a shared machine
# where another process owns them). Arguments go to manage.py eval_search
# (--per-query lists the development sets; --set development-2, --set
# development-3, --set development-4, --set development-5, --set test, --set
# test-2; the test sets are only ever reported whole).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/eval-scratch.sh
eval_on_scratch eval_search 1 "$@"
