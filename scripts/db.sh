#!/usr/bin/env bash
# The project's own PostGIS cluster: created once, started when down, database and extension
# ensured. Safe and fast to re-run. As root the server runs as the `postgres` user (initdb and
# pg_ctl refuse root); as a normal user it runs as that user.
#   scripts/db.sh start | stop | status | psql [args]
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
pgbin=/usr/lib/postgresql/15/bin
port=${PGPORT:-54329}
dbname=${CULTURALMAP_DB_NAME:-culturalmap}

if [ "$(id -u)" -eq 0 ]; then
  # postgres must own and reach its data directory, wherever the clone lives.
  pgdata=${CULTURALMAP_PGDATA:-/var/lib/postgresql/culturalmap/$(printf '%s' "$here" | md5sum | cut -c1-12)}
  as_owner=(runuser -u postgres --)
else
  pgdata=${CULTURALMAP_PGDATA:-$here/.pgdata}
  as_owner=()
fi
psql_cmd=(env PGOPTIONS=-cclient_min_messages=warning psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt)

start() {
  if [ ! -s "$pgdata/PG_VERSION" ]; then
    mkdir -p "$pgdata"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pgdata" "$(dirname "$pgdata")"
    chmod 700 "$pgdata"
    "${as_owner[@]}" "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 \
      --locale=C.UTF-8 >/dev/null
    cat >>"$pgdata/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 512MB
work_mem = 32MB
max_connections = 200
CONF
  fi
  if ! "${as_owner[@]}" "$pgbin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    if ! "${as_owner[@]}" "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -o "-p $port" start \
        >/dev/null; then
      # Another checkout's cluster may already serve this port: use it rather than fail.
      if "${psql_cmd[@]}" -d postgres -c "select 1" >/dev/null 2>&1; then
        echo "note: port $port is served by another PostGIS cluster; using it (set PGPORT to change)" >&2
      else
        tail -n 20 "$pgdata/server.log" >&2
        exit 1
      fi
    fi
  fi
  if [ "$("${psql_cmd[@]}" -d postgres -c "select 1 from pg_database where datname='$dbname'")" != 1 ]; then
    "${psql_cmd[@]}" -d postgres -c "create database $dbname"
  fi
  "${psql_cmd[@]}" -d "$dbname" -c "create extension if not exists postgis"
  # Test databases are created from template1: give them PostGIS too.
  "${psql_cmd[@]}" -d template1 -c "create extension if not exists postgis"
}

case "${1:-start}" in
  start) start ;;
  stop) "${as_owner[@]}" "$pgbin/pg_ctl" -D "$pgdata" -m fast stop ;;
  status) "${as_owner[@]}" "$pgbin/pg_ctl" -D "$pgdata" status ;;
  psql) shift; exec psql -h 127.0.0.1 -p "$port" -U postgres -d "$dbname" "$@" ;;
  *) echo "usage: $0 start|stop|status|psql" >&2; exit 2 ;;
esac
