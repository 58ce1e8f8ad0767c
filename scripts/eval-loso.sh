#!/usr/bin/env bash
# Ranking choices judged leave-one-set-out on the four development sets
# (manage.py eval_loso, search/eval/README.md): Elasticsearch and PostgreSQL
# on a scratch database and a throwaway index, as scripts/eval-search.sh;
# with --sqlite, SQLite FTS5 on a scratch file too. Other arguments go to
# eval_loso (--json FILE: each engine's figures merged into it, --objective
# ndcg|both). The test sets are never run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=.venv/bin/python
[ -x "$PY" ] || PY=python
SQLITE=0
args=()
for arg in "$@"; do
  if [ "$arg" = --sqlite ]; then SQLITE=1; else args+=("$arg"); fi
done

if [ "${SEARCH_SERVICES_UP:-}" != 1 ]; then
  scripts/services.sh start >/dev/null
  eval "$(scripts/services.sh env)"
fi

SCRATCH_DB="${EVAL_SEARCH_DB:-vetnet_eval_search}"
BASE_URL="${DATABASE_URL%/*}"
export DATABASE_URL="$BASE_URL/$SCRATCH_DB"
PREFIX="${EVAL_SEARCH_PREFIX:-evalsearch}"
export ELASTICSEARCH_INDEX_PREFIX="$PREFIX" CACHE_KEY_PREFIX="$PREFIX" CHANNEL_LAYER_PREFIX="$PREFIX"
export DJANGO_SETTINGS_MODULE=vetnet.settings.dev
unset REDIS_URL

"$PY" - "$BASE_URL/postgres" "$SCRATCH_DB" <<'PYEOF'
import sys
import psycopg
url, name = sys.argv[1], sys.argv[2]
with psycopg.connect(url, autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
    conn.execute(f'CREATE DATABASE "{name}"')
PYEOF

"$PY" manage.py migrate --noinput -v 0
LOG_LEVEL=WARNING "$PY" manage.py load_demo >/dev/null
LOG_LEVEL=WARNING "$PY" manage.py eval_loso "${args[@]}"

if [ "$SQLITE" = 1 ]; then
  SCRATCH_SQLITE="$(mktemp -d)/eval-loso.sqlite3"
  (
    unset DATABASE_URL ELASTICSEARCH_URL
    export SQLITE_PATH="$SCRATCH_SQLITE"
    "$PY" manage.py migrate --noinput -v 0
    LOG_LEVEL=WARNING "$PY" manage.py load_demo >/dev/null
    LOG_LEVEL=WARNING "$PY" manage.py eval_loso "${args[@]}"
  )
  rm -rf "$(dirname "$SCRATCH_SQLITE")"
fi
