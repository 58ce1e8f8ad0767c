#!/usr/bin/env bash
# Render deploy/nginx/vetnet.conf.in to stdout. Every value comes from the
# environment, with the defaults of a real server (deploy/README.md):
#   VETNET_LISTEN (80)  VETNET_SERVER_NAME (_)  VETNET_PAGES (127.0.0.1:8001)
#   VETNET_SOCKETS (127.0.0.1:8002 127.0.0.1:8003: Daphne processes, space-separated)
#   VETNET_STATIC_ROOT (/srv/vetnet/staticfiles)
#   VETNET_MEDIA_ROOT (/srv/vetnet/media)  VETNET_CACHE_DIR (/var/cache/nginx/vetnet)
#   VETNET_MAX_BODY (25m)
set -euo pipefail
template="$(dirname "${BASH_SOURCE[0]}")/nginx/vetnet.conf.in"
# One `server` line per Daphne process; a refused connection moves on to the next.
socket_servers=""
for address in ${VETNET_SOCKETS:-127.0.0.1:8002 127.0.0.1:8003}; do
  socket_servers+="    server ${address} max_fails=1 fail_timeout=2s;\\n"
done
sed \
  -e "s|@LISTEN@|${VETNET_LISTEN:-80}|g" \
  -e "s|@SERVER_NAME@|${VETNET_SERVER_NAME:-_}|g" \
  -e "s|@PAGES@|${VETNET_PAGES:-127.0.0.1:8001}|g" \
  -e "s|@SOCKET_SERVERS@|${socket_servers%\\n}|g" \
  -e "s|@STATIC_ROOT@|${VETNET_STATIC_ROOT:-/srv/vetnet/staticfiles}|g" \
  -e "s|@MEDIA_ROOT@|${VETNET_MEDIA_ROOT:-/srv/vetnet/media}|g" \
  -e "s|@CACHE_DIR@|${VETNET_CACHE_DIR:-/var/cache/nginx/vetnet}|g" \
  -e "s|@MAX_BODY@|${VETNET_MAX_BODY:-25m}|g" \
  "$template"
