#!/usr/bin/env bash
# `make bench`: benchmark the full stack on loopback (see bench/run.py).
#
# Installs wrk and nginx (Debian packages) when missing, starts the shared test
# services (idempotent), and runs the benchmark against its own database
# (vetnet_bench), Redis database 7 and Elasticsearch index prefix `bench`, so it
# never touches the data of `make test` or `make run`.
#
#   BENCH_DURATION=10     seconds per HTTP scenario (plus a short warm-up)
#   BENCH_CONNECTIONS=16  wrk connections
#   BENCH_FRESH=1         regenerate the data set even if the fingerprint matches
#   BENCH_SKIP_NOCACHE=1  skip the page-cache-off pass
#   BENCH_UPDATE_README=0 leave README.md alone
#   BENCH_SERVICES=external  use DATABASE_URL, REDIS_URL, ELASTICSEARCH_URL as given
#                         (services run by someone else; start and stop nothing)
#   BENCH_GUNICORN_PORT, BENCH_DAPHNE_PORT, BENCH_NGINX_PORT, BENCH_FRONT_PORT,
#   BENCH_SECOND_DAPHNE_PORT  other loopback ports (several benchmarks on one machine)
#   BENCH_RUN=uncached|fault  run bench/uncached.py (repeated uncached rounds) or
#                         bench/fault.py (processes killed under load) instead
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
if ((${#missing[@]})); then
  [[ "$(id -u)" == 0 ]] || { echo "bench.sh: install ${missing[*]} (needs root)" >&2; exit 1; }
  echo "installing ${missing[*]}"
  policy=/usr/sbin/policy-rc.d added=0
  # The package would start a system nginx on port 80: the benchmark runs its own.
  if [[ ! -e $policy ]]; then printf '#!/bin/sh\nexit 101\n' >$policy; chmod 755 $policy; added=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
  [[ $added == 1 ]] && rm -f $policy
fi

if [[ "${BENCH_SERVICES:-}" == external ]]; then
  # Services someone else runs (a shared machine): the URLs given are used as they
  # are, database and Redis numbers included; nothing is started or stopped.
  for name in DATABASE_URL REDIS_URL; do
    [[ -n "${!name:-}" ]] || { echo "bench.sh: BENCH_SERVICES=external needs $name" >&2; exit 1; }
  done
  export ELASTICSEARCH_INDEX_PREFIX="${ELASTICSEARCH_INDEX_PREFIX:-bench}"
else
  scripts/services.sh start
  eval "$(scripts/services.sh env)"
  export DATABASE_URL="${DATABASE_URL%/*}/vetnet_bench"
  export REDIS_URL="${REDIS_URL%/*}/7"
  export ELASTICSEARCH_INDEX_PREFIX=bench
fi
export CHANNEL_LAYER_PREFIX="${CHANNEL_LAYER_PREFIX:-bench}" CACHE_KEY_PREFIX="${CACHE_KEY_PREFIX:-bench}"
export MEDIA_ROOT="${BENCH_MEDIA_ROOT:-/tmp/vetnet-bench-media}"

case "${BENCH_RUN:-run}" in
  run | uncached | fault) exec .venv/bin/python -m "bench.${BENCH_RUN:-run}" "$@" ;;
  *) echo "bench.sh: BENCH_RUN is run, uncached or fault" >&2; exit 2 ;;
esac
