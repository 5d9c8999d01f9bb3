#!/usr/bin/env bash
# The site on several "machines" on loopback, from Debian's packages: a PostgreSQL primary and a
# streaming hot standby (PostGIS on both), pgbouncer in front of the primary, two app nodes (gunicorn
# and the search-feed follower, each with its own var folder as if on its own machine) and nginx in
# front of them. Used by `make cluster`, `make cluster-stop` and `make cluster-check`.
#   scripts/cluster/cluster.sh start | stop | status | stop-node N | start-node N | stop-standby
# Ports: CLUSTER_PORT_BASE (55410) + 0 primary, 1 standby, 2 pgbouncer, 3.. app nodes, 9 nginx.
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

pg_up() {  # name, port
  local data=$pgroot/$1
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1 && return 0
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$data" -l "$pgroot/$1.log" -w -o "-p $2" start >/dev/null
}

start_databases() {
  mkdir -p "$pgroot"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pgroot" "$(dirname "$pgroot")"
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

start_pgbouncer() {
  local conf=$pgroot/pgbouncer
  mkdir -p "$conf"
  # Session pooling: the feed's followers LISTEN, which a transaction pool cannot carry.
  cat >"$conf/pgbouncer.ini" <<INI
[databases]
culturalmap = host=127.0.0.1 port=$p_primary dbname=culturalmap
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
pidfile = $conf/pgbouncer.pid
logfile = $conf/pgbouncer.log
INI
  echo '"postgres" ""' >"$conf/users.txt"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$conf"
  if ! { [ -s "$conf/pgbouncer.pid" ] && kill -0 "$(cat "$conf/pgbouncer.pid")" 2>/dev/null; }; then
    "${as_pg[@]}" /usr/sbin/pgbouncer -d -q "$conf/pgbouncer.ini"
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
    in_node "$n" "$here/.venv/bin/gunicorn" culturalmap.wsgi --bind "127.0.0.1:$port" --workers 3 \
      --daemon --pid "$dir/app$n/gunicorn.pid" --error-logfile "$dir/app$n/gunicorn.log" --graceful-timeout 5
  fi
  if ! { [ -s "$dir/app$n/follower.pid" ] && kill -0 "$(cat "$dir/app$n/follower.pid")" 2>/dev/null; }; then
    # One subshell that execs the follower: $! is the follower itself, so stop reaches it.
    (cd "$here" && exec env $(node_env "$n") "$py" manage.py follow_changes --poll 5) \
      >>"$dir/app$n/follower.log" 2>&1 </dev/null &
    echo $! >"$dir/app$n/follower.pid"
  fi
  wait_for_port "$port" "app node $n"
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
  proxy_cache_path $dir/nginx/cache levels=1:2 keys_zone=tiles:20m max_size=1g inactive=10m use_temp_path=off;

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
    # A node that fails to answer: the request goes to the next (never a sent POST: no sale twice).
    proxy_next_upstream error timeout http_502 http_503 http_504;
    proxy_next_upstream_tries 2;
    proxy_connect_timeout 1s;
    proxy_read_timeout 30s;

    location /static/ { alias $static/; expires 30d; access_log off; }
    location = /nginx-health { return 200 "ok\n"; }
    location /tiles/ {
      # Public tiles are cached for a second (a layer's change shows within it, as within the
      # standby's lag bound); a signed-in curator's tiles (exact locations) never are.
      proxy_cache tiles;
      proxy_cache_key \$request_uri;
      proxy_ignore_headers Cache-Control Expires Set-Cookie;
      proxy_cache_valid 200 204 1s;
      proxy_cache_lock on;
      proxy_cache_use_stale updating error timeout http_502 http_503;
      proxy_cache_bypass \$cookie_sessionid \$http_authorization \$arg_exact;
      proxy_no_cache \$cookie_sessionid \$http_authorization \$arg_exact;
      add_header X-Cache \$upstream_cache_status;
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
  env) node_env "${2:-1}" ;;
  *) echo "usage: $0 start|stop|start-node N|stop-node N [SIG]|stop-standby|start-standby|env N" >&2; exit 2 ;;
esac
