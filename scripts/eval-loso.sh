#!/usr/bin/env bash
# Ranking choices judged leave-one-set-out on the four development sets
# (manage.py eval_loso, search/eval/README.md): Elasticsearch and PostgreSQL
# on a scratch database and a throwaway index, as scripts/eval-search.sh;
# with --sqlite, SQLite FTS5 on a scratch file too. Other arguments go to
# eval_loso (--json FILE: each engine's figures merged into it, --objective
# ndcg|both). The test sets are never run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SQLITE=0
args=()
for arg in "$@"; do
  if [ "$arg" = --sqlite ]; then SQLITE=1; else args+=("$arg"); fi
done

. scripts/eval-scratch.sh
eval_on_scratch eval_loso "$SQLITE" "${args[@]}"
