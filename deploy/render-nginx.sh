#!/usr/bin/env bash
# Render deploy/nginx/vetnet.conf.in to stdout. Every value comes from the
# environment, with the defaults of a real server (deploy/README.md):
#   VETNET_LISTEN (80)  VETNET_SERVER_NAME (_)
#   VETNET_PAGES (127.0.0.1:8001 127.0.0.1:8004: gunicorn nodes, space-separated)
#   VETNET_SOCKETS (127.0.0.1:8002 127.0.0.1:8003: Daphne processes, space-separated)
#   VETNET_STATIC_ROOT (/srv/vetnet/staticfiles)
#   VETNET_MEDIA_ROOT (/srv/vetnet/media)  VETNET_CACHE_DIR (/var/cache/nginx/vetnet)
#   VETNET_MAX_BODY (25m)
set -euo pipefail
template="$(dirname "${BASH_SOURCE[0]}")/nginx/vetnet.conf.in"
# One `server` line per address; nginx sends a request that finds one refusing
# connections to the next, and tries the refusing one again after fail_timeout.
# Daphne processes (VETNET_SOCKETS): one restarting, new sockets open on another.
# gunicorn nodes (VETNET_PAGES): a node starting refuses connections until its
# application is loaded (deploy/gunicorn.conf.py, preload_app), so no request
# waits for it, and it is tried again a second later.
servers() {
  local lines="" address
  for address in $1; do
    lines+="    server ${address} max_fails=1 fail_timeout=$2;\\n"
  done
  printf '%s' "${lines%\\n}"
}
page_servers="$(servers "${VETNET_PAGES:-127.0.0.1:8001 127.0.0.1:8004}" 1s)"
socket_servers="$(servers "${VETNET_SOCKETS:-127.0.0.1:8002 127.0.0.1:8003}" 2s)"
sed \
  -e "s|@LISTEN@|${VETNET_LISTEN:-80}|g" \
  -e "s|@SERVER_NAME@|${VETNET_SERVER_NAME:-_}|g" \
  -e "s|@PAGE_SERVERS@|${page_servers}|g" \
  -e "s|@SOCKET_SERVERS@|${socket_servers}|g" \
  -e "s|@STATIC_ROOT@|${VETNET_STATIC_ROOT:-/srv/vetnet/staticfiles}|g" \
  -e "s|@MEDIA_ROOT@|${VETNET_MEDIA_ROOT:-/srv/vetnet/media}|g" \
  -e "s|@CACHE_DIR@|${VETNET_CACHE_DIR:-/var/cache/nginx/vetnet}|g" \
  -e "s|@MAX_BODY@|${VETNET_MAX_BODY:-25m}|g" \
  "$template"
