#!/usr/bin/env bash
# The site on several "machines" on loopback, from Debian's packages: a PostgreSQL primary and a
# streaming hot standby (PostGIS on both), pgbouncer in front of the primary, two app nodes (gunicorn
# and the search-feed follower, each with its own var folder as if on its own machine) and nginx in
# front of them. Used by `make cluster`, `make cluster-stop` and `make cluster-check`.
#   scripts/cluster/cluster.sh start | stop | stop-node N | start-node N | stop-standby | start-standby
#                              | stop-primary | failover | env N
# Ports: CLUSTER_PORT_BASE (55410) + 0 primary, 1 standby, 2 pgbouncer, 3.. app nodes, 9 nginx.
# After `failover` the promoted standby (port +1) is the primary; the next `start` makes it the
# primary on port +0 again and a fresh standby from it (docs/scaling.md, "When the primary fails").
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
base=${CLUSTER_PORT_BASE:-55410}
nodes=${CLUSTER_NODES:-2}
p_primary=$base p_standby=$((base + 1)) p_bouncer=$((base + 2)) p_nginx=$((base + 9))
pgbin=/usr/lib/postgresql/15/bin
dir=$here/var/cluster
py=$here/.venv/bin/python
mkdir -p "$dir"

if [ "$(id -u)" -eq 0 ]; then
  pgroot=/var/lib/postgresql/culturalmap-cluster/$(printf '%s' "$here" | md5sum | cut -c1-12)
  as_pg=(runuser -u postgres --)
else
  pgroot=$dir/pg
  as_pg=()
fi

node_port() { echo $((base + 2 + $1)); }

node_env() {  # the environment of app node $1: its own var folder, the shared media, both databases
  local n=$1
  echo "DJANGO_SETTINGS_MODULE=culturalmap.settings.production DJANGO_SECURE_SSL=0"
  echo "DJANGO_SECRET_KEY=$(cat "$dir/secret_key") DJANGO_TRUSTED_PROXIES=127.0.0.1"
  echo "PGHOST=127.0.0.1 PGPORT=$p_bouncer CULTURALMAP_REPLICA_PORT=$p_standby"
  echo "CULTURALMAP_VAR_DIR=$dir/app$n CULTURALMAP_NODE=app$n CULTURALMAP_MEDIA_ROOT=$dir/media"
  echo "PYTHAINLP_OFFLINE=1 PYTHONUNBUFFERED=1"
}

in_node() { local n=$1; shift; (cd "$here" && exec env $(node_env "$n") "$@"); }  # exec: $! is the server

wait_for_port() {  # port, what
  for _ in $(seq 1 150); do
    (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.2
  done
  echo "$2 did not start on port $1" >&2
  return 1
}

wait_for_health() {  # port, what: /healthz answers 200 (the node reaches the primary)
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/healthz" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "$2 on port $1 did not become healthy (GET /healthz)" >&2
  return 1
}

pg_up() {  # name, port
  local data=$pgroot/$1
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1 && return 0
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$data" -l "$pgroot/$1.log" -w -o "-p $2" start >/dev/null
}

promoted() {  # the standby was promoted (failover): it, not the old primary, holds the newest data
  [ -s "$pgroot/standby/PG_VERSION" ] && [ ! -e "$pgroot/standby/standby.signal" ]
}

rejoin_after_failover() {
  # The promoted standby becomes the primary on the primary's port; the old primary, which may hold
  # transactions the standby never received (and must never come back with them), is discarded and
  # a fresh standby is taken from the new primary below (pg_rewind could reuse it; a base backup of
  # the demo catalogue takes seconds).
  echo "the standby was promoted: it becomes the primary again on port $p_primary, a new standby follows"
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgroot/standby" -m fast stop >/dev/null 2>&1 || true
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgroot/primary" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pgroot/primary"
  mv "$pgroot/standby" "$pgroot/primary"
  sed -i "s/^port = .*/port = $p_primary/" "$pgroot/primary/postgresql.conf"
  sed -i "/^primary_conninfo/d" "$pgroot/primary/postgresql.auto.conf"
}

start_databases() {
  mkdir -p "$pgroot"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pgroot" "$(dirname "$pgroot")"
  if promoted; then rejoin_after_failover; fi
  local psql=(env PGOPTIONS=-cclient_min_messages=warning psql -h 127.0.0.1 -U postgres -qAt -v ON_ERROR_STOP=1)
  if [ ! -s "$pgroot/primary/PG_VERSION" ]; then
    "${as_pg[@]}" "$pgbin/initdb" -D "$pgroot/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # initdb's pg_hba.conf trusts replication from loopback already.
    cat >>"$pgroot/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $p_primary
unix_socket_directories = ''
wal_level = replica
max_wal_senders = 5
wal_keep_size = 512MB
hot_standby = on
hot_standby_feedback = on
max_standby_streaming_delay = 5s
shared_buffers = 256MB
max_connections = 300
synchronous_commit = on
CONF
  fi
  pg_up primary "$p_primary"
  if [ "$("${psql[@]}" -p "$p_primary" -d postgres -c "select 1 from pg_database where datname='culturalmap'")" != 1 ]; then
    "${psql[@]}" -p "$p_primary" -d postgres -c "create database culturalmap"
  fi
  "${psql[@]}" -p "$p_primary" -d culturalmap -c "create extension if not exists postgis"
  # The schema and the demo catalogue, written on the primary (the standby replays them).
  (cd "$here" && env PGHOST=127.0.0.1 PGPORT=$p_primary CULTURALMAP_VAR_DIR="$dir/setup" PYTHAINLP_OFFLINE=1 \
    sh -c "$py manage.py migrate --noinput --skip-checks -v 0 && $py manage.py createcachetable -v 0 && $py manage.py load_demo -v 0")
  if [ ! -s "$pgroot/standby/PG_VERSION" ]; then
    "${as_pg[@]}" "$pgbin/pg_basebackup" -h 127.0.0.1 -p "$p_primary" -U postgres -D "$pgroot/standby" -R -X stream -c fast
    sed -i "s/^port = .*/port = $p_standby/" "$pgroot/standby/postgresql.conf"
  fi
  pg_up standby "$p_standby"
}

write_pgbouncer_ini() {  # the port of the database that takes the writes
  local conf=$pgroot/pgbouncer
  mkdir -p "$conf"
  # Session pooling: the feed's followers LISTEN, which a transaction pool cannot carry.
  # server_login_retry 1: after a failover the new primary is tried within a second (default 15 s).
  cat >"$conf/pgbouncer.ini" <<INI
[databases]
culturalmap = host=127.0.0.1 port=$1 dbname=culturalmap
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $p_bouncer
unix_socket_dir =
auth_type = trust
auth_file = $conf/users.txt
pool_mode = session
max_client_conn = 500
default_pool_size = 120
server_idle_timeout = 30
server_login_retry = 1
pidfile = $conf/pgbouncer.pid
logfile = $conf/pgbouncer.log
INI
  echo '"postgres" ""' >"$conf/users.txt"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$conf"
}

pgbouncer_running() {
  [ -s "$pgroot/pgbouncer/pgbouncer.pid" ] && kill -0 "$(cat "$pgroot/pgbouncer/pgbouncer.pid")" 2>/dev/null
}

start_pgbouncer() {
  write_pgbouncer_ini "$p_primary"
  if pgbouncer_running; then
    kill -HUP "$(cat "$pgroot/pgbouncer/pgbouncer.pid")"  # re-read: it may point at a promoted standby
  else
    "${as_pg[@]}" /usr/sbin/pgbouncer -d -q "$pgroot/pgbouncer/pgbouncer.ini"
  fi
  wait_for_port "$p_bouncer" pgbouncer
}

start_node() {
  local n=$1 port
  port=$(node_port "$n")
  mkdir -p "$dir/app$n" "$dir/media"
  if ! { [ -s "$dir/app$n/gunicorn.pid" ] && kill -0 "$(cat "$dir/app$n/gunicorn.pid")" 2>/dev/null; }; then
    # A node restarted (start-node) keeps the static files it collected when the cluster started.
    if [ "${2:-}" != restart ] || [ ! -s "$dir/app$n/staticfiles/staticfiles.json" ]; then
      in_node "$n" "$py" manage.py collectstatic --noinput -v 0
    fi
    in_node "$n" "$py" manage.py rebuild_search_index --if-stale
    in_node "$n" "$here/.venv/bin/gunicorn" -c python:culturalmap.gunicorn_conf culturalmap.wsgi --bind "127.0.0.1:$port" --workers 3 \
      --daemon --pid "$dir/app$n/gunicorn.pid" --error-logfile "$dir/app$n/gunicorn.log" --graceful-timeout 5
  fi
  if ! { [ -s "$dir/app$n/follower.pid" ] && kill -0 "$(cat "$dir/app$n/follower.pid")" 2>/dev/null; }; then
    # One subshell that execs the follower: $! is the follower itself, so stop reaches it.
    (cd "$here" && exec env $(node_env "$n") "$py" manage.py follow_changes --poll 5) \
      >>"$dir/app$n/follower.log" 2>&1 </dev/null &
    echo $! >"$dir/app$n/follower.pid"
  fi
  wait_for_health "$port" "app node $n"
}

stop_pidfile() {  # pidfile, signal
  [ -s "$1" ] || return 0
  local pid
  pid=$(cat "$1")
  if kill "-${2:-TERM}" "$pid" 2>/dev/null; then
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -f "$1"
}

stop_node() {
  stop_pidfile "$dir/app$1/gunicorn.pid" "${2:-TERM}"
  stop_pidfile "$dir/app$1/follower.pid" "${2:-TERM}"
}

start_nginx() {
  local servers="" static=$dir/app1/staticfiles user_line=""
  for n in $(seq 1 "$nodes"); do servers+="    server 127.0.0.1:$(node_port "$n") max_fails=1 fail_timeout=3s;"$'\n'; done
  [ "$(id -u)" -eq 0 ] && user_line="user root;"
  mkdir -p "$dir/nginx/cache" "$dir/nginx/temp"
  cat >"$dir/nginx/nginx.conf" <<CONF
$user_line
worker_processes 2;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 2048; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $dir/nginx/temp/body;
  proxy_temp_path $dir/nginx/temp/proxy;
  fastcgi_temp_path $dir/nginx/temp/fastcgi;
  uwsgi_temp_path $dir/nginx/temp/uwsgi;
  scgi_temp_path $dir/nginx/temp/scgi;
  gzip on;
  gzip_types text/css application/javascript application/json application/geo+json
             application/vnd.mapbox-vector-tile image/svg+xml text/plain;
  # Tiles under a layer's generation are kept for as long as they are asked for (a new generation
  # is a new URL); max_size bounds the folder, least recently used first.
  proxy_cache_path $dir/nginx/cache levels=1:2 keys_zone=tiles:20m max_size=1g inactive=30d use_temp_path=off;

  upstream app {
$servers    keepalive 32;
  }
  server {
    listen 127.0.0.1:$p_nginx;
    client_max_body_size 20m;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host \$http_host;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto \$scheme;
    # Passive health checks (open-source nginx has no active ones): a node that fails to connect,
    # times out or answers 502/504 is skipped for fail_timeout (max_fails above), and the request
    # goes to the next node, at most once more and within 10 s. nginx never passes on a request that
    # is not idempotent (a POST, a PATCH) once it was sent: a sale is resent by its client, with its
    # Idempotency-Key, never twice by the proxy. A 503 is not a failed node: it is a node's answer
    # (the database is away for a moment, Retry-After), the same on every node, and counting it
    # took every node out for 3 s at a time during a failover (8.4 s of 502s instead of ~2 s of 503s).
    proxy_next_upstream error timeout http_502 http_504;
    proxy_next_upstream_tries 2;
    proxy_next_upstream_timeout 10s;
    proxy_connect_timeout 1s;
    proxy_read_timeout 30s;

    location /static/ { alias $static/; expires 30d; access_log off; }
    location = /nginx-health { return 200 "ok\n"; }
    # Tiles under their layer's generation (what the map and the TileJSON ask for): kept as the node
    # says. It says a year, immutable, for the current generation, and nothing for an older one (it
    # answers the current tile there, for the map to move on), so a change is a new URL and nothing
    # stale is kept. A signed-in visitor's or a curator's tiles are neither served from nor kept.
    location /tiles/v/ {
      proxy_cache tiles;
      proxy_cache_key \$request_uri;
      proxy_cache_lock on;
      proxy_cache_use_stale error timeout updating http_502 http_503;
      proxy_cache_bypass \$cookie_sessionid \$http_authorization \$arg_exact;
      proxy_no_cache \$cookie_sessionid \$http_authorization \$arg_exact;
      add_header X-Cache-Status \$upstream_cache_status always;
      proxy_pass http://app;
    }
    # Tiles without a generation (clients that keep no URL): a one-second micro-cache, which absorbs
    # a burst and shows a change within a second (the node says revalidate every time).
    location /tiles/ {
      proxy_cache tiles;
      proxy_cache_key \$request_uri;
      proxy_ignore_headers Cache-Control Expires;
      proxy_cache_valid 200 204 1s;
      proxy_cache_lock on;
      proxy_cache_use_stale updating error timeout http_502 http_503;
      proxy_cache_bypass \$cookie_sessionid \$cookie_culturalmap_primary_until \$http_authorization \$arg_exact;
      proxy_no_cache \$cookie_sessionid \$cookie_culturalmap_primary_until \$http_authorization \$arg_exact;
      add_header X-Cache-Status \$upstream_cache_status always;
      proxy_pass http://app;
    }
    location / { proxy_pass http://app; }
  }
}
CONF
  if [ -s "$dir/nginx/nginx.pid" ] && kill -0 "$(cat "$dir/nginx/nginx.pid")" 2>/dev/null; then
    /usr/sbin/nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -s reload
  else
    /usr/sbin/nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx"
  fi
  wait_for_port "$p_nginx" nginx
}

stop_primary() {  # as the primary's machine failing: no clean shutdown, nothing more sent to the standby
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgroot/primary" -m immediate stop >/dev/null 2>&1 || true
}

failover() {
  # The primary is gone (or is taken down here first, so two primaries never take writes): promote
  # the hot standby and point pgbouncer, where every app node writes, at it. The nodes' reads already
  # go to the standby's port, which is now the primary's; their broken connections are replaced at
  # their next request, the feed's followers reconnect by themselves.
  local t0 t1
  t0=$(date +%s.%N)
  if "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgroot/primary" status >/dev/null 2>&1; then
    echo "the primary still runs: stopping it first (fencing)"
    stop_primary
  fi
  promoted || "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgroot/standby" -w -t 30 promote >/dev/null
  write_pgbouncer_ini "$p_standby"
  kill -HUP "$(cat "$pgroot/pgbouncer/pgbouncer.pid")"
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v p="$p_standby" \
    'BEGIN { printf "standby promoted, pgbouncer points at port %s: %.2f s\n", p, b - a }'
}

start() {
  "$here/scripts/install_system.sh"
  test -s "$dir/secret_key" || "$py" -c "import secrets; print(secrets.token_urlsafe(64))" >"$dir/secret_key"
  start_databases
  start_pgbouncer
  for n in $(seq 1 "$nodes"); do start_node "$n"; done
  start_nginx
  echo "cluster up: nginx http://127.0.0.1:$p_nginx/ ; app nodes $(for n in $(seq 1 "$nodes"); do printf '%s ' "$(node_port "$n")"; done); primary $p_primary, standby $p_standby, pgbouncer $p_bouncer"
}

stop() {
  [ -s "$dir/nginx/nginx.pid" ] && /usr/sbin/nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -s quit 2>/dev/null || true
  for app in "$dir"/app*; do [ -d "$app" ] && stop_node "${app##*/app}"; done
  stop_pidfile "$pgroot/pgbouncer/pgbouncer.pid"
  for db in standby primary; do
    [ -s "$pgroot/$db/PG_VERSION" ] && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgroot/$db" -m fast stop >/dev/null 2>&1 || true
  done
  echo "cluster stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  start-node) start_node "$2" restart ;;
  stop-node) stop_node "$2" "${3:-TERM}" ;;
  stop-standby) "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgroot/standby" -m immediate stop >/dev/null ;;
  start-standby) pg_up standby "$p_standby" ;;
  stop-primary) stop_primary ;;
  failover) failover ;;
  env) node_env "${2:-1}" ;;
  *) echo "usage: $0 start|stop|start-node N|stop-node N [SIG]|stop-standby|start-standby|stop-primary|failover|env N" >&2; exit 2 ;;
esac
