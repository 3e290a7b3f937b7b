#!/usr/bin/env bash
# Runs a command with real PostgreSQL and Redis servers beside it, on 127.0.0.1, with their data
# in a temporary folder that is removed afterwards:
#
#   bash scripts/services.sh npm run test:unit
#
# The command gets TEST_DATABASE_URL and TEST_REDIS_URL, and TEST_PG_CTL (`start` or `stop`, for
# tests of an outage) when the script started PostgreSQL. A variable already set is kept and its
# server is not started (point them at servers of your own). When postgres or redis-server is
# not installed, the script says so and fails: the tests that need them are part of the suite.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/services.sh <command> [args...]" >&2
  exit 64
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/portal-services.XXXXXX")"
chmod 755 "$work"
pg_bin=""
stop_all() {
  if [ -n "$pg_bin" ] && [ -f "$work/pg/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [ -f "$work/redis.pid" ]; then
    kill "$(cat "$work/redis.pid")" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# A free TCP port on 127.0.0.1, chosen by the kernel.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# PostgreSQL refuses to run as root; as root, its files and processes belong to `postgres`.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "services: PostgreSQL is not installed (apt-get install postgresql), and TEST_DATABASE_URL is not set" >&2
    exit 1
  fi
  port="$(free_port)"
  mkdir -p "$work/pg"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$work/pg"; fi
  as_postgres "$pg_bin/initdb" -D "$work/pg" -U portal --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 ||
    { cat "$work/initdb.log" >&2; exit 1; }
  # `$TEST_PG_CTL stop` and `$TEST_PG_CTL start`: tests of a database outage stop this server
  # and start it again, on the same port with the same data.
  cat >"$work/pg-ctl" <<SCRIPT
#!/usr/bin/env bash
set -euo pipefail
case "\${1:-}" in
  start) opts=(-l "$work/pg/server.log" -w -t 60 -o "-h 127.0.0.1 -p $port -k $work/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start) ;;
  stop) opts=(-m fast -w -t 60 stop) ;;
  *) echo "usage: \$0 start|stop" >&2; exit 64 ;;
esac
if [ "\$(id -u)" -eq 0 ]; then
  exec runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" "\${opts[@]}"
fi
exec "$pg_bin/pg_ctl" -D "$work/pg" "\${opts[@]}"
SCRIPT
  chmod 755 "$work/pg-ctl"
  "$work/pg-ctl" start >/dev/null || { cat "$work/pg/server.log" >&2; exit 1; }
  as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U portal portal
  export TEST_DATABASE_URL="postgres://portal@127.0.0.1:$port/portal"
  export TEST_PG_CTL="$work/pg-ctl"
  echo "services: PostgreSQL on 127.0.0.1:$port (data in $work/pg)"
fi

if [ -z "${TEST_REDIS_URL:-}" ]; then
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "services: redis-server is not installed (apt-get install redis-server), and TEST_REDIS_URL is not set" >&2
    exit 1
  fi
  port="$(free_port)"
  redis-server --bind 127.0.0.1 --port "$port" --dir "$work" --save '' --appendonly no \
    --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log"
  for _ in $(seq 50); do
    if redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then break; fi
    sleep 0.1
  done
  export TEST_REDIS_URL="redis://127.0.0.1:$port"
  echo "services: Redis on 127.0.0.1:$port"
fi

"$@"
