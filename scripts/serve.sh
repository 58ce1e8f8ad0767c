#!/usr/bin/env bash
# `make serve`: the production shape on one machine, on loopback, plain HTTP.
#
#   nginx     http://127.0.0.1:$SERVE_PORT  static and media from disk, the page
#             cache for anonymous visitors (purged by the application), /ws/ to
#             Daphne, the rest to gunicorn  (deploy/nginx/vetnet.conf.in)
#   gunicorn  127.0.0.1:$SERVE_PORT+1 and +4, two nodes of one worker each,
#             balanced by nginx (deploy/gunicorn.conf.py: the one restarting is
#             skipped until its application is loaded)
#   daphne    127.0.0.1:$SERVE_PORT+2 and +3, WebSockets only (two processes: one
#             restarting, the other takes the new sockets; SEARCH_WARM_AT_LOAD=false:
#             no search tables built at start)
#   worker    manage.py db_worker (the task worker), when the project has one
#
# against PostgreSQL, Redis and Elasticsearch from scripts/services.sh (started if
# down; DATABASE_URL / REDIS_URL / ELASTICSEARCH_URL already set in the
# environment win), with vetnet.settings.production and DEBUG off. A local
# SECRET_KEY is generated once into the state dir (never into git).
#
# Environment: SERVE_PORT (8080), VETNET_SERVE_DIR (<repo>/.serve),
# VETNET_SERVICES_DIR (passed to services.sh), SERVE_LOAD_DEMO (1), SERVE_REINDEX (1),
# SERVE_WAIT (180: seconds each node has to answer before serve.sh gives up).
# Ctrl-C (or any process exiting) stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"
export PATH="$REPO/.venv/bin:$PATH"
PORT="${SERVE_PORT:-8080}"
PAGES_PORT=$((PORT + 1))
SOCKETS_PORT=$((PORT + 2))
SOCKETS_PORT_2=$((PORT + 3))
PAGES_PORT_2=$((PORT + 4))
STATE="${VETNET_SERVE_DIR:-$REPO/.serve}"
log() { printf 'serve: %s\n' "$*"; }

# --- nginx with the cache purge module (Debian packages) ---------------------------
if ! command -v nginx >/dev/null || ! ls /usr/lib/nginx/modules/ngx_http_cache_purge_module.so >/dev/null 2>&1; then
  [[ "$(id -u)" == 0 ]] || { echo "serve: install nginx libnginx-mod-http-cache-purge (needs root)" >&2; exit 1; }
  log "installing nginx and its cache purge module"
  # The package would start a system nginx on port 80; this script runs its own.
  policy=/usr/sbin/policy-rc.d added=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >$policy && chmod 755 $policy && added=1
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-cache-purge >/dev/null \
    || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-cache-purge >/dev/null; }
  if [[ $added == 1 ]]; then rm -f $policy && trap - EXIT; fi
fi

# --- services ----------------------------------------------------------------------------
kept=()
for name in DATABASE_URL REDIS_URL ELASTICSEARCH_URL; do
  [[ -n "${!name:-}" ]] && kept+=("$name=${!name}")
done
scripts/services.sh start
eval "$(scripts/services.sh env)"
for pair in "${kept[@]}"; do export "${pair?}"; done

# --- production settings, loopback values -------------------------------------------------
mkdir -p "$STATE"
if [[ ! -s "$STATE/secret_key" ]]; then
  (umask 077 && python -c "import secrets; print(secrets.token_urlsafe(64))" >"$STATE/secret_key")
fi
export DJANGO_SETTINGS_MODULE=vetnet.settings.production
SECRET_KEY="$(cat "$STATE/secret_key")"
export SECRET_KEY
export ALLOWED_HOSTS="127.0.0.1,localhost"
export SITE_URL="http://127.0.0.1:$PORT"
export CSRF_TRUSTED_ORIGINS="http://127.0.0.1:$PORT,http://localhost:$PORT"
# Plain HTTP on loopback: no HTTPS redirect, no Secure-only cookies, no HSTS.
export SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false
export SECURE_HSTS_SECONDS=0 SECURE_HSTS_PRELOAD=false
export FRONT_CACHE_PURGE_URL="http://127.0.0.1:$PORT"
# nginx keeps the pages: no second copy in Django's cache (the listing's facet
# counts stay cached, FACET_CACHE_SECONDS).
export PAGE_CACHE_SECONDS="${PAGE_CACHE_SECONDS:-0}"
export MEDIA_ROOT="${MEDIA_ROOT:-$REPO/media}"
export EMAIL_BACKEND="${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}"
mkdir -p "$MEDIA_ROOT"

log "preparing: translations, migrations, demo content, static files"
# The proxy is not up yet: its cache starts empty (below), nothing to purge.
purge_url="$FRONT_CACHE_PURGE_URL"
export FRONT_CACHE_PURGE_URL=
if [[ -d locale ]]; then python manage.py compilemessages --ignore=.venv -v 0; fi
python manage.py migrate --noinput -v 0
if [[ "${SERVE_LOAD_DEMO:-1}" == 1 ]]; then python manage.py load_demo; fi
# The Elasticsearch index (new index, alias swap: no downtime); SERVE_REINDEX=0 skips.
if [[ "${SERVE_REINDEX:-1}" == 1 ]]; then python manage.py search_index rebuild; fi
python manage.py collectstatic --noinput -v 0
export FRONT_CACHE_PURGE_URL="$purge_url"

# --- nginx configuration --------------------------------------------------------------------
rm -rf "$STATE/nginx/cache"  # pages from an earlier run may predate this content
mkdir -p "$STATE/nginx/cache" "$STATE/nginx/tmp"
nginx_user="www-data"
if ! id "$nginx_user" >/dev/null 2>&1 \
  || ! su -s /bin/sh "$nginx_user" -c "test -r '$REPO/staticfiles/staticfiles.json'" 2>/dev/null; then
  # The clone is not readable by www-data (e.g. under /root): this loopback run
  # keeps nginx's workers as the invoking user. Real servers: deploy/README.md.
  nginx_user="$(id -un)"
fi
chown -R "$nginx_user" "$STATE/nginx"
VETNET_LISTEN="127.0.0.1:$PORT" VETNET_SERVER_NAME="127.0.0.1 localhost" \
  VETNET_PAGES="127.0.0.1:$PAGES_PORT 127.0.0.1:$PAGES_PORT_2" \
  VETNET_SOCKETS="127.0.0.1:$SOCKETS_PORT 127.0.0.1:$SOCKETS_PORT_2" \
  VETNET_STATIC_ROOT="$REPO/staticfiles" VETNET_MEDIA_ROOT="$MEDIA_ROOT" \
  VETNET_CACHE_DIR="$STATE/nginx/cache" deploy/render-nginx.sh >"$STATE/nginx/site.conf"
tmp="$STATE/nginx/tmp"
cat >"$STATE/nginx/nginx.conf" <<EOF
# Generated by scripts/serve.sh: a private nginx around deploy/nginx/vetnet.conf.in.
include /etc/nginx/modules-enabled/*.conf;
user $nginx_user;
worker_processes auto;
daemon off;
pid $STATE/nginx/nginx.pid;
error_log $STATE/nginx/error.log warn;
events { worker_connections 2048; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    # No tcp_nopush: with it every cached answer over ~64 KB (the insights map,
    # 106 KB) waited for the client's delayed ACK, 40 ms each: 431 req/s
    # through the front against 12,162 without it.
    keepalive_timeout 65;
    keepalive_requests 100000;
    server_tokens off;
    access_log off;
    client_body_temp_path $tmp/body;
    proxy_temp_path $tmp/proxy;
    fastcgi_temp_path $tmp/fastcgi;
    uwsgi_temp_path $tmp/uwsgi;
    scgi_temp_path $tmp/scgi;
    include $STATE/nginx/site.conf;
}
EOF
nginx -t -q -c "$STATE/nginx/nginx.conf"

# --- processes ---------------------------------------------------------------------------------
# Each runs under a small supervisor that starts it again when it dies (as
# systemd's Restart=always does on a real server): killing Daphne or gunicorn's
# arbiter under load leaves the site answering again within a second or two.
# (gunicorn's arbiter itself replaces a killed worker.)
rm -f "$STATE/stopping"
supervise() {
  local name="$1"
  shift
  while [[ ! -e "$STATE/stopping" ]]; do
    "$@" &
    echo $! >"$STATE/$name.pid"
    wait $! || true
    [[ -e "$STATE/stopping" ]] && break
    log "$name exited; starting it again"
    sleep 0.5
  done
}
loops=()
stop() {
  trap - EXIT INT TERM
  log "stopping"
  touch "$STATE/stopping"
  for pidfile in "$STATE"/*.pid; do
    [[ -f "$pidfile" && "$pidfile" != */nginx.pid ]] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  [[ -f "$STATE/nginx/nginx.pid" ]] && kill -QUIT "$(cat "$STATE/nginx/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -f "$STATE"/*.pid
}
trap stop EXIT INT TERM

for port in "$PAGES_PORT" "$PAGES_PORT_2"; do
  supervise "gunicorn-$port" env GUNICORN_BIND="127.0.0.1:$port" GUNICORN_WORKERS=1 \
    gunicorn --config deploy/gunicorn.conf.py vetnet.wsgi:application &
  loops+=($!)
done
# The Daphne nodes carry WebSockets only (nginx sends pages and searches to
# gunicorn): they skip building the search's tables at load (~4 s of CPU each).
for port in "$SOCKETS_PORT" "$SOCKETS_PORT_2"; do
  supervise "daphne-$port" env SEARCH_WARM_AT_LOAD=false daphne --bind 127.0.0.1 --port "$port" --proxy-headers -v 0 \
    vetnet.asgi:application &
  loops+=($!)
done
if python manage.py help db_worker >/dev/null 2>&1; then
  # Polled every 0.2 s: front-cache purges ride on it (a publish shows within 1 s).
  supervise worker python manage.py db_worker --no-reload --no-startup-delay --interval 0.2 &
  loops+=($!)
else
  log "no task worker in this project (manage.py db_worker): tasks run in the request"
fi
supervise nginx nginx -c "$STATE/nginx/nginx.conf" &
loops+=($!)

# Each node answering before the site is said to be served: gunicorn loads the
# application (and builds the search's tables) before it listens, and until then
# nginx answered 502 (~15 s on a 2-CPU machine). SERVE_WAIT seconds at most
# (default 180), then stop with the nodes that did not come up named.
pages_nodes=()
for port in "$PAGES_PORT" "$PAGES_PORT_2"; do pages_nodes+=("gunicorn :$port=http://127.0.0.1:$port/healthz"); done
for port in "$SOCKETS_PORT" "$SOCKETS_PORT_2"; do pages_nodes+=("daphne :$port=http://127.0.0.1:$port/healthz"); done
log "waiting for gunicorn, daphne and nginx to answer (at most ${SERVE_WAIT:-180} s)"
if ! python scripts/wait_until_answering.py --prefix "serve: " --timeout "${SERVE_WAIT:-180}" \
  "${pages_nodes[@]}" "nginx :$PORT=http://127.0.0.1:$PORT/healthz"; then
  log "not serving: a node did not come up (its output above says why); stopping"
  exit 1
fi
log "serving on http://127.0.0.1:$PORT (nginx -> gunicorn :$PAGES_PORT :$PAGES_PORT_2, daphne :$SOCKETS_PORT :$SOCKETS_PORT_2); Ctrl-C stops"
wait "${loops[@]}"
