#!/usr/bin/env bash
# The whole test run: services up, lint, Django checks, pytest, services down.
# Services that were already running before (e.g. `make services`) are left running.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
export PATH="$PWD/$VENV/bin:$PATH"

was_running=0
if scripts/services.sh status >/dev/null 2>&1; then
  was_running=1
fi
cleanup() {
  if [ "$was_running" = 0 ] && [ -z "${KEEP_SERVICES:-}" ]; then
    scripts/services.sh stop || true
  fi
}
trap cleanup EXIT

scripts/services.sh start
eval "$(scripts/services.sh env)"
export DJANGO_SETTINGS_MODULE=vetnet.settings.test

# Browser tests drive Debian's Chromium; axe-core comes from the npm registry.
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# The front-cache tests (tests/deploy) run real nginx with the cache purge module.
if ! command -v nginx >/dev/null \
  || [ ! -f /usr/lib/nginx/modules/ngx_http_cache_purge_module.so ]; then
  echo "installing nginx and libnginx-mod-http-cache-purge (Debian packages)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-cache-purge >/dev/null \
    || { apt-get update -qq >/dev/null \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-cache-purge >/dev/null; }
fi
if [ -f package.json ] && [ ! -d node_modules ]; then
  npm ci --silent --no-audit --no-fund
fi

echo "== ruff"
ruff check .
ruff format --check .
echo "== lint-imports (apps depend one way)"
lint-imports
echo "== compilemessages"
if [ -d locale ]; then python manage.py compilemessages --ignore=.venv -v 0; fi
echo "== manage.py check"
python manage.py check
echo "== makemigrations --check"
python manage.py makemigrations --check --dry-run
echo "== pytest"
python -m pytest "$@"
