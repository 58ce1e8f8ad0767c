#!/usr/bin/env bash
# Local backing services for tests and benchmarks: PostgreSQL, Redis and
# Elasticsearch 8, each on 127.0.0.1 only, run from a state directory.
#
#   scripts/services.sh start    install what is missing, start what is down, wait
#   scripts/services.sh stop     stop only the instances this script runs
#   scripts/services.sh status   one line per service (exit 3 if any is down)
#   scripts/services.sh env      export lines: eval "$(scripts/services.sh env)"
#
# Environment:
#   VETNET_SERVICES_DIR  state dir (default: <repo>/.services)
#   PG_PORT (55432) REDIS_PORT (56379) ES_PORT (59200) ES_TRANSPORT_PORT (59300)
#   ES_VERSION (8.19.21) ES_HEAP (512m) ES_TIMEOUT seconds (120)
#
# Must run as root (it installs Debian packages and creates system users).
# The integ-test-zip does ship the x-pack-security module, enabled by default
# (it would auto-configure TLS on HTTP); it is switched off with
# xpack.security.enabled=false, the only xpack setting passed.
# It lacks the analysis-common module (language analyzers, asciifolding, ...):
# our es-plugin/ provides the part our indices use; it is built with
# Maven when its sources are newer than its zip and (re)installed before ES
# starts whenever the zip changed.
# PostgreSQL runs as the `postgres` user, Elasticsearch as `vetnet-es`,
# Redis as root; none of the distro's own service units/clusters are used.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="${VETNET_SERVICES_DIR:-$REPO_ROOT/.services}"
PG_PORT="${PG_PORT:-55432}"
REDIS_PORT="${REDIS_PORT:-56379}"
ES_PORT="${ES_PORT:-59200}"
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-59300}"
ES_VERSION="${ES_VERSION:-8.19.21}"
ES_HEAP="${ES_HEAP:-512m}"
ES_TIMEOUT="${ES_TIMEOUT:-120}"
PG_TIMEOUT="${PG_TIMEOUT:-60}"
REDIS_TIMEOUT="${REDIS_TIMEOUT:-30}"
ES_USER="vetnet-es"
DB_NAME="vetnet" DB_USER="vetnet" DB_PASSWORD="vetnet"
HOST="127.0.0.1"

log() { printf '%s\n' "$*"; }
T0=0
tick() { T0="$(date +%s%N)"; }
elapsed() { awk -v a="$T0" -v b="$(date +%s%N)" 'BEGIN { printf "%.1fs", (b - a) / 1e9 }'; }
warn() { printf 'services.sh: %s\n' "$*" >&2; }
die() { warn "$*"; exit 1; }

# ---------------------------------------------------------------- helpers ---

# Service-owned dirs live under RUN_ROOT. That is the state dir itself, unless
# the service users cannot reach it (e.g. a clone under a 0700 directory): then
# a directory under /var/tmp keyed by the state dir's path is used instead. The
# choice is recorded in the state dir so stop/status find it again.
RUN_ROOT=""
resolve_run_root() {
  if [[ -f "$STATE_DIR/run-root" ]]; then
    RUN_ROOT="$(cat "$STATE_DIR/run-root")"
    return
  fi
  [[ "${1:-}" == create ]] || { RUN_ROOT="$STATE_DIR"; return; }
  RUN_ROOT="$STATE_DIR"
  local u
  for u in "$(pg_user)" "$ES_USER"; do
    if ! runuser -u "$u" -- test -x "$STATE_DIR"; then
      RUN_ROOT="/var/tmp/vetnet-services-$(printf '%s' "$STATE_DIR" | sha1sum | cut -c1-12)"
      warn "user $u cannot reach $STATE_DIR; service data goes to $RUN_ROOT"
      break
    fi
  done
  mkdir -p "$RUN_ROOT"
  chmod 755 "$RUN_ROOT"
  printf '%s\n' "$RUN_ROOT" >"$STATE_DIR/run-root"
}

# pid_matches PID PATTERN: the process exists and its command line contains PATTERN.
pid_matches() {
  local pid="$1" pattern="$2"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$pattern"
}

read_pid() { [[ -f "$1" ]] && tr -dc '0-9' <"$1" || true; }

# kill_pid PID NAME TIMEOUT: TERM, wait, then KILL.
kill_pid() {
  local pid="$1" name="$2" timeout="$3" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < timeout * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  warn "$name (pid $pid) did not stop in ${timeout}s; sending KILL"
  kill -KILL "$pid" 2>/dev/null || true
}

show_log_tail() {
  local file="$1"
  if [[ -f "$file" ]]; then
    warn "---- last lines of $file ----"
    tail -n 40 "$file" >&2 || true
    warn "----"
  fi
}

APT_UPDATED=0
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [[ "$APT_UPDATED" == 0 ]]; then
    log "installing: $* (apt-get update first)"
    apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  # Keep package maintainer scripts from starting the distro's own daemons
  # (postgresql@15-main, redis-server on 6379): we run our own instances.
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    added_policy=1
  fi
  local rc=0
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null || rc=$?
  [[ "$added_policy" == 1 ]] && rm -f "$policy"
  [[ "$rc" == 0 ]] || die "apt-get install $* failed (exit $rc)"
}

ensure_packages() {
  [[ "$(id -u)" == 0 ]] || die "must run as root (installs packages, creates users)"
  local pkgs=()
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || pkgs+=(redis-server)
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || pkgs+=(postgresql)
  command -v curl >/dev/null || pkgs+=(curl ca-certificates)
  command -v unzip >/dev/null || pkgs+=(unzip)
  command -v java >/dev/null || pkgs+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || pkgs+=(maven)
  command -v runuser >/dev/null && command -v flock >/dev/null || pkgs+=(util-linux)
  if ((${#pkgs[@]})); then
    apt_install "${pkgs[@]}"
  fi
  return 0
}

ensure_system_user() {
  local user="$1"
  id -u "$user" >/dev/null 2>&1 && return 0
  useradd --system --create-home --shell /usr/sbin/nologin "$user"
}

# ------------------------------------------------------------- PostgreSQL ---

pg_user() {
  if id -u postgres >/dev/null 2>&1; then echo postgres; else echo vetnet-svc; fi
}

pg_dir() { echo "$RUN_ROOT/postgresql"; }
pg_data() { echo "$(pg_dir)/data"; }
pg_sock() { echo "$(pg_dir)/run"; }
pg_log() { echo "$(pg_dir)/postgresql.log"; }

# Binaries matching the data dir's version if it exists, else the newest installed.
pg_bin() {
  local ver
  if [[ -f "$(pg_data)/PG_VERSION" ]]; then
    ver="$(cat "$(pg_data)/PG_VERSION")"
    if [[ -x "/usr/lib/postgresql/$ver/bin/postgres" ]]; then
      echo "/usr/lib/postgresql/$ver/bin"
      return
    fi
  fi
  local newest
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$newest" ]] || die "no PostgreSQL binaries under /usr/lib/postgresql"
  echo "$newest"
}

pg_answering() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$bin" ]] || return 1
  "$bin/pg_isready" -q -h "$HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1
}

# Our instance: the data dir's postmaster is alive.
pg_ours_running() {
  [[ -f "$(pg_data)/postmaster.pid" ]] || return 1
  local pid
  pid="$(head -n 1 "$(pg_data)/postmaster.pid" | tr -dc '0-9')"
  pid_matches "$pid" "$(pg_data)"
}

pg_as() { runuser -u "$(pg_user)" -- "$@"; }

pg_write_conf() {
  local data
  data="$(pg_data)"
  cat >"$data/vetnet.conf" <<EOF
# Written by scripts/services.sh on every start; edit the script, not this file.
listen_addresses = '$HOST'
port = $PG_PORT
unix_socket_directories = '$(pg_sock)'
max_connections = 300
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
log_destination = 'stderr'
logging_collector = off
log_min_messages = warning
EOF
  chown "$(pg_user):" "$data/vetnet.conf"
  grep -q "^include_if_exists = 'vetnet.conf'" "$data/postgresql.conf" ||
    printf "\ninclude_if_exists = 'vetnet.conf'\n" >>"$data/postgresql.conf"
}

pg_init() {
  local dir data user bin
  dir="$(pg_dir)" data="$(pg_data)" user="$(pg_user)" bin="$(pg_bin)"
  mkdir -p "$dir" "$(pg_sock)"
  chown "$user:" "$dir" "$(pg_sock)"
  chmod 700 "$(pg_sock)"
  if [[ ! -f "$data/PG_VERSION" ]]; then
    log "postgresql: initdb in $data"
    rm -rf "$data"
    mkdir -p "$data"
    chown "$user:" "$data"
    chmod 700 "$data"
    if ! pg_as "$bin/initdb" -D "$data" -U postgres --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
      show_log_tail "$dir/initdb.log"
      rm -rf "$data"
      die "postgresql: initdb failed"
    fi
  fi
  pg_write_conf
}

pg_setup_db() {
  local bin psql
  bin="$(pg_bin)"
  psql=("$bin/psql" -X -q -h "$(pg_sock)" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tA)
  if [[ "$("${psql[@]}" -c "select 1 from pg_roles where rolname = '$DB_USER'")" != 1 ]]; then
    "${psql[@]}" -c "create role $DB_USER login createdb password '$DB_PASSWORD'"
  else
    "${psql[@]}" -c "alter role $DB_USER login createdb password '$DB_PASSWORD'"
  fi
  if [[ "$("${psql[@]}" -c "select 1 from pg_database where datname = '$DB_NAME'")" != 1 ]]; then
    "${psql[@]}" -c "create database $DB_NAME owner $DB_USER"
  fi
}

pg_version_line() {
  local v
  v="$(PGPASSWORD="$DB_PASSWORD" "$(pg_bin)/psql" -X -h "$HOST" -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" \
    -tAc 'show server_version' 2>/dev/null | awk '{print $1}')" || true
  echo "postgresql ${v:-?} answering on $HOST:$PG_PORT"
}

pg_start() {
  if pg_answering; then
    if pg_ours_running; then
      pg_setup_db
      log "$(pg_version_line) (already running)"
    else
      log "postgresql: something already answers on $HOST:$PG_PORT (not started by this script; left alone)"
      PGPASSWORD="$DB_PASSWORD" "$(pg_bin)/psql" -X -h "$HOST" -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" \
        -c 'select 1' >/dev/null 2>&1 ||
        warn "postgresql on $HOST:$PG_PORT does not accept $DB_USER/$DB_PASSWORD on database $DB_NAME"
    fi
    return 0
  fi
  pg_init
  local data bin
  data="$(pg_data)" bin="$(pg_bin)"
  # A postmaster.pid left by a killed server whose pid is now someone else's
  # would make postgres refuse to start; drop it (and the socket lock) if stale.
  if [[ -f "$data/postmaster.pid" ]] && ! pg_ours_running; then
    warn "postgresql: removing stale $data/postmaster.pid"
    rm -f "$data/postmaster.pid" "$(pg_sock)/.s.PGSQL.$PG_PORT.lock" "$(pg_sock)/.s.PGSQL.$PG_PORT"
  fi
  if pg_ours_running; then
    # Alive but not answering on PG_PORT: maybe started with another port.
    pg_as "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true
  fi
  log "postgresql: starting ($data)"
  if ! pg_as "$bin/pg_ctl" -D "$data" -l "$(pg_log)" -w -t "$PG_TIMEOUT" start >/dev/null 9>&-; then
    show_log_tail "$(pg_log)"
    die "postgresql did not start on $HOST:$PG_PORT"
  fi
  local i
  for ((i = 0; i < PG_TIMEOUT * 5; i++)); do
    pg_answering && break
    sleep 0.2
  done
  if ! pg_answering; then
    show_log_tail "$(pg_log)"
    die "postgresql not answering on $HOST:$PG_PORT after ${PG_TIMEOUT}s"
  fi
  pg_setup_db
  if ! PGPASSWORD="$DB_PASSWORD" "$bin/psql" -X -h "$HOST" -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" \
    -c 'select 1' >/dev/null; then
    show_log_tail "$(pg_log)"
    die "postgresql: cannot run 'select 1' as $DB_USER on $DB_NAME"
  fi
  log "$(pg_version_line) (up in $(elapsed))"
}

pg_stop() {
  if pg_ours_running; then
    pg_as "$(pg_bin)/pg_ctl" -D "$(pg_data)" -m fast -w -t 60 stop >/dev/null
    log "postgresql: stopped"
  else
    log "postgresql: not running from $(pg_data); nothing to stop"
  fi
}

pg_status() {
  if pg_answering; then
    if pg_ours_running; then
      echo "postgresql    up    $HOST:$PG_PORT ($(pg_data))"
    else
      echo "postgresql    up    $HOST:$PG_PORT (not started by this script)"
    fi
  else
    echo "postgresql    down  $HOST:$PG_PORT"
    return 1
  fi
}

# ------------------------------------------------------------------ Redis ---

redis_dir() { echo "$RUN_ROOT/redis"; }
redis_pidfile() { echo "$(redis_dir)/redis.pid"; }
redis_log() { echo "$(redis_dir)/redis.log"; }

redis_answering() {
  command -v redis-cli >/dev/null || return 1
  [[ "$(timeout 3 redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

redis_ours_pid() {
  local pid
  pid="$(read_pid "$(redis_pidfile)")"
  [[ -n "$pid" ]] && pid_matches "$pid" "redis-server" || return 0
  # Same pid reused by another redis? Ours runs in our data dir (--dir).
  local cwd
  cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null || true)"
  if [[ "$cwd" == "$(redis_dir)/data" || "$cwd" == "$(redis_dir)/data (deleted)" ]]; then
    echo "$pid"
  fi
}

redis_start() {
  if redis_answering; then
    if [[ -n "$(redis_ours_pid)" ]]; then
      log "redis $(redis_version) answering on $HOST:$REDIS_PORT (already running)"
    else
      log "redis: something already answers on $HOST:$REDIS_PORT (not started by this script; left alone)"
    fi
    return 0
  fi
  if [[ -n "$(redis_ours_pid)" ]]; then
    # Alive but not answering on REDIS_PORT: started with another port. Stop
    # it, as postgresql does, before its pid file is overwritten and lost.
    log "redis: running from $(redis_dir) on another port; restarting on $REDIS_PORT"
    redis_stop
  fi
  local dir
  dir="$(redis_dir)"
  mkdir -p "$dir/data"
  if [[ -f "$(redis_pidfile)" && -z "$(redis_ours_pid)" ]]; then
    warn "redis: removing stale $(redis_pidfile)"
    rm -f "$(redis_pidfile)"
  fi
  log "redis: starting ($dir)"
  if ! redis-server --port "$REDIS_PORT" --bind "$HOST" --daemonize yes \
    --pidfile "$(redis_pidfile)" --logfile "$(redis_log)" --dir "$dir/data" \
    --save '' --appendonly no --maxclients 1000 9>&-; then
    show_log_tail "$(redis_log)"
    die "redis-server failed to start"
  fi
  local i
  for ((i = 0; i < REDIS_TIMEOUT * 5; i++)); do
    redis_answering && break
    sleep 0.2
  done
  if ! redis_answering; then
    show_log_tail "$(redis_log)"
    die "redis not answering on $HOST:$REDIS_PORT after ${REDIS_TIMEOUT}s"
  fi
  log "redis $(redis_version) answering on $HOST:$REDIS_PORT (up in $(elapsed))"
}

redis_version() {
  redis-cli -h "$HOST" -p "$REDIS_PORT" info server 2>/dev/null |
    tr -d '\r' | sed -n 's/^redis_version://p'
}

redis_stop() {
  local pid
  pid="$(redis_ours_pid)"
  if [[ -n "$pid" ]]; then
    kill_pid "$pid" redis 30
    rm -f "$(redis_pidfile)"
    log "redis: stopped"
  else
    rm -f "$(redis_pidfile)"
    log "redis: not running from $(redis_dir); nothing to stop"
  fi
}

redis_status() {
  if redis_answering; then
    if [[ -n "$(redis_ours_pid)" ]]; then
      echo "redis         up    $HOST:$REDIS_PORT (pid $(redis_ours_pid))"
    else
      echo "redis         up    $HOST:$REDIS_PORT (not started by this script)"
    fi
  else
    echo "redis         down  $HOST:$REDIS_PORT"
    return 1
  fi
}

# ---------------------------------------------------------- Elasticsearch ---

es_dir() { echo "$RUN_ROOT/elasticsearch"; }
es_home() { echo "$(es_dir)/elasticsearch-$ES_VERSION"; }
es_pidfile() { echo "$(es_dir)/run/elasticsearch.pid"; }
es_logdir() { echo "$(es_dir)/logs"; }
es_log() { echo "$(es_logdir)/startup.out"; }  # ES's own log: logs/vetnet.log

es_answering() {
  curl -s -o /dev/null -m 3 "http://$HOST:$ES_PORT/" 2>/dev/null
}

es_ours_pid() {
  local pid
  pid="$(read_pid "$(es_pidfile)")"
  if [[ -n "$pid" ]] && pid_matches "$pid" "$(es_home)"; then echo "$pid"; fi
}

es_java_home() {
  if [[ -n "${ES_JAVA_HOME:-}" ]]; then
    echo "$ES_JAVA_HOME"
    return
  fi
  local java
  java="$(command -v java)" || die "java not found"
  dirname "$(dirname "$(readlink -f "$java")")"
}

es_install() {
  local home dist zip
  home="$(es_home)"
  if [[ -x "$home/bin/elasticsearch" ]]; then
    # A node once started with security on rewrites its elasticsearch.yml
    # (TLS on HTTP); start again from a clean copy (data dir is kept).
    grep -q 'BEGIN SECURITY AUTO CONFIGURATION' "$home/config/elasticsearch.yml" 2>/dev/null || return 0
    warn "elasticsearch: $home/config was auto-configured for TLS; unpacking a clean copy"
  fi
  dist="$STATE_DIR/dist"
  zip="$dist/elasticsearch-$ES_VERSION.zip"
  mkdir -p "$dist" "$(es_dir)"
  if [[ ! -s "$zip" ]]; then
    log "elasticsearch: fetching integ-test-zip $ES_VERSION with Maven"
    if ! mvn -q -B dependency:copy \
      "-Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
      "-DoutputDirectory=$dist" >"$dist/mvn.log" 2>&1; then
      show_log_tail "$dist/mvn.log"
      die "elasticsearch: mvn dependency:copy failed"
    fi
  fi
  log "elasticsearch: unpacking into $(es_dir)"
  local tmp
  tmp="$(mktemp -d "$(es_dir)/unpack.XXXXXX")"
  unzip -q "$zip" -d "$tmp" || { rm -rf "$tmp"; die "elasticsearch: unzip $zip failed"; }
  [[ -d "$tmp/elasticsearch-$ES_VERSION" ]] || { rm -rf "$tmp"; die "unexpected layout in $zip"; }
  rm -rf "$home"
  mv "$tmp/elasticsearch-$ES_VERSION" "$home"
  rm -rf "$tmp"
}

# Our analysis plugin (es-plugin/): the integ-test-zip lacks the analysis-common
# module, so the language analyzers, asciifolding and word_delimiter_graph our
# indices use come from vetnet-analysis, built with Maven against the
# distribution's own ES and Lucene versions and installed before ES starts.
ES_PLUGIN_NAME="vetnet-analysis"
es_plugin_src() { echo "$REPO_ROOT/es-plugin"; }
es_plugin_zip() { echo "$(es_plugin_src)/target/$ES_PLUGIN_NAME-es$ES_VERSION.zip"; }
es_plugin_stamp() { echo "$(es_dir)/$ES_PLUGIN_NAME.sha256"; }  # checksum of the installed zip

es_plugin_build() {
  local src zip lucene
  src="$(es_plugin_src)" zip="$(es_plugin_zip)"
  if [[ -s "$zip" && -z "$(find "$src/pom.xml" "$src/src" -newer "$zip" -print -quit)" ]]; then
    return 0
  fi
  lucene="$(ls "$(es_home)"/lib/lucene-core-*.jar 2>/dev/null | sed -n 's/.*lucene-core-\(.*\)\.jar$/\1/p' | head -n 1)"
  [[ -n "$lucene" ]] || die "elasticsearch: no lucene-core jar in $(es_home)/lib"
  log "elasticsearch: building $ES_PLUGIN_NAME plugin (ES $ES_VERSION, Lucene $lucene)"
  mkdir -p "$(es_dir)"
  if ! mvn -q -B -f "$src/pom.xml" package "-Delasticsearch.version=$ES_VERSION" "-Dlucene.version=$lucene" \
    >"$(es_dir)/plugin-build.log" 2>&1; then
    show_log_tail "$(es_dir)/plugin-build.log"
    die "elasticsearch: building $src failed"
  fi
  [[ -s "$zip" ]] || die "elasticsearch: $zip missing after the build"
}

# Install (or replace) the plugin when the installed copy is not this zip.
es_plugin_install() {
  local home zip sum
  home="$(es_home)" zip="$(es_plugin_zip)"
  sum="$(sha256sum "$zip" | cut -d' ' -f1)"
  if [[ -f "$home/plugins/$ES_PLUGIN_NAME/plugin-descriptor.properties" &&
    "$(cat "$(es_plugin_stamp)" 2>/dev/null)" == "$sum" ]]; then
    return 0
  fi
  log "elasticsearch: installing $ES_PLUGIN_NAME plugin"
  rm -f "$(es_plugin_stamp)"
  local cli=(env ES_JAVA_HOME="$(es_java_home)" "$home/bin/elasticsearch-plugin")
  if [[ -d "$home/plugins/$ES_PLUGIN_NAME" ]]; then
    "${cli[@]}" remove --purge "$ES_PLUGIN_NAME" >"$(es_dir)/plugin-install.log" 2>&1 ||
      rm -rf "${home:?}/plugins/$ES_PLUGIN_NAME"
  fi
  if ! "${cli[@]}" install --batch "file://$zip" >>"$(es_dir)/plugin-install.log" 2>&1; then
    show_log_tail "$(es_dir)/plugin-install.log"
    die "elasticsearch: installing $zip failed"
  fi
  printf '%s\n' "$sum" >"$(es_plugin_stamp)"
}

# After start: the node must list the plugin, or analysis-dependent indices break.
es_plugin_check() {
  curl -s -m 5 "http://$HOST:$ES_PORT/_cat/plugins?h=component" 2>/dev/null | grep -qx "$ES_PLUGIN_NAME" ||
    warn "elasticsearch: plugin $ES_PLUGIN_NAME not loaded on $HOST:$ES_PORT (language analyzers missing)"
}

es_start() {
  if es_answering; then
    if [[ -n "$(es_ours_pid)" ]]; then
      es_wait_health || true
      es_plugin_check
      log "$(es_version_line) (already running)"
    else
      log "elasticsearch: something already answers on $HOST:$ES_PORT (not started by this script; left alone)"
    fi
    return 0
  fi
  if [[ -n "$(es_ours_pid)" ]]; then
    # Alive but not answering on ES_PORT: started with other ports. Stop it, as
    # postgresql does: a second node fails on the data folder's lock and its
    # start overwrites the pid file, so the first could no longer be stopped.
    log "elasticsearch: running from $(es_home) on other ports; restarting on $ES_PORT"
    es_stop
  fi
  ensure_system_user "$ES_USER"
  es_install
  es_plugin_build
  es_plugin_install
  local dir home
  dir="$(es_dir)" home="$(es_home)"
  mkdir -p "$dir/data" "$(es_logdir)" "$dir/run"
  chown -R "$ES_USER:" "$home" "$dir/data" "$(es_logdir)" "$dir/run"
  if [[ -f "$(es_pidfile)" && -z "$(es_ours_pid)" ]]; then
    warn "elasticsearch: removing stale $(es_pidfile)"
    rm -f "$(es_pidfile)"
  fi
  log "elasticsearch: starting ($home)"
  local rc=0
  # cwd = log dir: jvm.options writes gc.log (and heap dumps) relative to it.
  (cd "$(es_logdir)" && runuser -u "$ES_USER" -- env \
    ES_JAVA_HOME="$(es_java_home)" \
    ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP" \
    "$home/bin/elasticsearch" -d -p "$(es_pidfile)" \
    -E cluster.name=vetnet \
    -E discovery.type=single-node \
    -E network.host="$HOST" \
    -E http.port="$ES_PORT" \
    -E transport.port="$ES_TRANSPORT_PORT" \
    -E path.data="$dir/data" \
    -E path.logs="$(es_logdir)" \
    -E cluster.routing.allocation.disk.threshold_enabled=false \
    -E xpack.security.enabled=false \
    >"$(es_log)" 2>&1 9>&-) || rc=$?
  if [[ "$rc" != 0 ]]; then
    show_log_tail "$(es_log)"
    show_log_tail "$(es_logdir)/vetnet.log"
    die "elasticsearch failed to start (exit $rc)"
  fi
  if ! es_wait_health; then
    show_log_tail "$(es_log)"
    show_log_tail "$(es_logdir)/vetnet.log"
    die "elasticsearch not healthy (yellow) on $HOST:$ES_PORT after ${ES_TIMEOUT}s"
  fi
  es_plugin_check
  log "$(es_version_line) (up in $(elapsed))"
}

es_wait_health() {
  local deadline=$((SECONDS + ES_TIMEOUT)) out left
  while ((SECONDS < deadline)); do
    left=$((deadline - SECONDS))
    ((left <= 60)) || left=60
    out="$(curl -s -m $((left + 5)) \
      "http://$HOST:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=${left}s" 2>/dev/null || true)"
    if [[ "$out" =~ \"status\":\"(green|yellow)\" && ! "$out" =~ \"timed_out\":true ]]; then
      return 0
    fi
    # Started by us but the process is gone: no point waiting.
    if [[ -f "$(es_pidfile)" && -z "$(es_ours_pid)" ]]; then return 1; fi
    sleep 1
  done
  return 1
}

es_version_line() {
  local v
  # No GET / here: the integ-test-zip lacks the rest-root module.
  v="$(curl -s -m 5 "http://$HOST:$ES_PORT/_nodes/_local?filter_path=nodes.*.version" 2>/dev/null |
    sed -n 's/.*"version":"\([^"]*\)".*/\1/p')" || true
  echo "elasticsearch ${v:-?} answering on $HOST:$ES_PORT"
}

es_stop() {
  local pid
  pid="$(es_ours_pid)"
  if [[ -n "$pid" ]]; then
    kill_pid "$pid" elasticsearch 60
    rm -f "$(es_pidfile)"
    log "elasticsearch: stopped"
  else
    rm -f "$(es_pidfile)"
    log "elasticsearch: not running from $(es_home); nothing to stop"
  fi
}

es_status() {
  if es_answering; then
    if [[ -n "$(es_ours_pid)" ]]; then
      echo "elasticsearch up    $HOST:$ES_PORT (pid $(es_ours_pid))"
    else
      echo "elasticsearch up    $HOST:$ES_PORT (not started by this script)"
    fi
  else
    echo "elasticsearch down  $HOST:$ES_PORT"
    return 1
  fi
}

# ----------------------------------------------------------------- main ---

with_lock() {
  mkdir -p "$STATE_DIR"
  exec 9>"$STATE_DIR/.lock"
  flock -w 600 9 || die "another services.sh holds $STATE_DIR/.lock"
}

cmd_start() {
  ensure_packages
  with_lock
  ensure_system_user "$ES_USER"
  if ! id -u "$(pg_user)" >/dev/null 2>&1; then ensure_system_user "$(pg_user)"; fi
  resolve_run_root create
  tick
  pg_start
  tick
  redis_start
  tick
  es_start
}

cmd_stop() {
  [[ -d "$STATE_DIR" ]] || { log "nothing started from $STATE_DIR"; return 0; }
  with_lock
  resolve_run_root
  es_stop
  redis_stop
  pg_stop
}

cmd_status() {
  resolve_run_root
  local rc=0
  pg_status || rc=3
  redis_status || rc=3
  es_status || rc=3
  return "$rc"
}

cmd_env() {
  cat <<EOF
export DATABASE_URL=postgres://$DB_USER:$DB_PASSWORD@$HOST:$PG_PORT/$DB_NAME
export REDIS_URL=redis://$HOST:$REDIS_PORT/0
export ELASTICSEARCH_URL=http://$HOST:$ES_PORT
EOF
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *)
    echo "usage: $0 {start|stop|status|env}" >&2
    exit 2
    ;;
esac
