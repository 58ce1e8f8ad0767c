# Sourced by scripts/eval-search.sh and scripts/eval-loso.sh: one evaluation
# command run on scratch stores, so that the figures never read a developer's
# own data. Starts the local services if needed, unless SEARCH_SERVICES_UP=1
# says they already run (a shared machine where another process owns them).

# eval_on_scratch COMMAND SQLITE [ARGS...]: manage.py COMMAND ARGS on a fresh
# PostgreSQL database EVAL_SEARCH_DB and a throwaway Elasticsearch index with
# prefix EVAL_SEARCH_PREFIX; then, when SQLITE is 1, on a scratch SQLite file
# without Elasticsearch (the embedded default). Both hold the demo content.
eval_on_scratch() {
  local command="$1" sqlite="$2"
  shift 2
  local py=.venv/bin/python
  [ -x "$py" ] || py=python

  if [ "${SEARCH_SERVICES_UP:-}" != 1 ]; then
    scripts/services.sh start >/dev/null
    eval "$(scripts/services.sh env)"
  fi

  local scratch_db="${EVAL_SEARCH_DB:-vetnet_eval_search}"
  local base_url="${DATABASE_URL%/*}"
  local prefix="${EVAL_SEARCH_PREFIX:-evalsearch}"
  export DATABASE_URL="$base_url/$scratch_db"
  export ELASTICSEARCH_INDEX_PREFIX="$prefix" CACHE_KEY_PREFIX="$prefix" CHANNEL_LAYER_PREFIX="$prefix"
  export DJANGO_SETTINGS_MODULE=vetnet.settings.dev
  unset REDIS_URL  # the evaluation needs no cache or channel layer

  # A fresh scratch database each run: the demo loader then starts from nothing.
  "$py" - "$base_url/postgres" "$scratch_db" <<'PYEOF'
import sys
import psycopg
url, name = sys.argv[1], sys.argv[2]
with psycopg.connect(url, autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
    conn.execute(f'CREATE DATABASE "{name}"')
PYEOF
  "$py" manage.py migrate --noinput -v 0
  LOG_LEVEL=WARNING "$py" manage.py load_demo >/dev/null
  LOG_LEVEL=WARNING "$py" manage.py "$command" "$@"

  [ "$sqlite" = 1 ] || return 0
  local scratch_sqlite
  scratch_sqlite="$(mktemp -d)/$command.sqlite3"
  (
    unset DATABASE_URL ELASTICSEARCH_URL
    export SQLITE_PATH="$scratch_sqlite"
    "$py" manage.py migrate --noinput -v 0
    LOG_LEVEL=WARNING "$py" manage.py load_demo >/dev/null
    LOG_LEVEL=WARNING "$py" manage.py "$command" "$@"
  )
  rm -rf "$(dirname "$scratch_sqlite")"
}
