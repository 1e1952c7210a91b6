# shellcheck shell=bash
# One throwaway PostgreSQL cluster for a whole test run: the server tests (core, CLI,
# benchmarks) find it through NEWSROOM_TEST_PG instead of each starting their own.
#
#   source scripts/lib/pg.sh
#   pg_start_cluster            # exports NEWSROOM_TEST_PG=postgres://newsroom@127.0.0.1:PORT/postgres
#   trap pg_stop_cluster EXIT
#
# As root the server runs as the user postgres (initdb refuses root). Needs Debian's
# `postgresql` package (15 or later). Test clusters skip fsync (nothing in them outlives the
# run); PG_DURABLE=1 keeps PostgreSQL's durable defaults, as a real server has them, for
# benchmarks.

PG_CLUSTER_DIR=""
PG_BIN=""

# The newest /usr/lib/postgresql/<N>/bin with N >= 15, else `pg_config --bindir`.
pg_bindir() {
  local dir best="" best_version=0 version
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] || continue
    version="$(basename "$(dirname "$dir")")"
    [[ "$version" =~ ^[0-9]+$ ]] || continue
    if [ "$version" -ge 15 ] && [ "$version" -gt "$best_version" ]; then
      best="$dir"; best_version="$version"
    fi
  done
  if [ -z "$best" ] && command -v pg_config >/dev/null; then
    dir="$(pg_config --bindir)"
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && best="$dir"
  fi
  [ -n "$best" ] || {
    printf 'error: PostgreSQL (15 or later) is not installed; install the package postgresql\n' >&2
    return 1
  }
  printf '%s\n' "$best"
}

# Runs a PostgreSQL program as the user who may run the server.
pg_run() {
  local program="$1"; shift
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$PG_CLUSTER_DIR" && runuser -u postgres -- "$PG_BIN/$program" "$@")
  else
    (cd "$PG_CLUSTER_DIR" && "$PG_BIN/$program" "$@")
  fi
}

pg_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_start_cluster() {
  PG_BIN="$(pg_bindir)" || return 1
  # Under /tmp, which the user postgres can always enter (root's TMPDIR may be private).
  PG_CLUSTER_DIR="$(mktemp -d /tmp/newsroom-pg.XXXXXX)"
  chmod 700 "$PG_CLUSTER_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PG_CLUSTER_DIR"
  fi
  if ! pg_run initdb -D "$PG_CLUSTER_DIR/data" -U newsroom -A trust --no-sync -E UTF8 \
    --locale=C.UTF-8 >"$PG_CLUSTER_DIR/initdb.log" 2>&1; then
    cat "$PG_CLUSTER_DIR/initdb.log" >&2
    printf 'error: initdb failed\n' >&2
    return 1
  fi
  local port attempt fast="-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
  [ "${PG_DURABLE:-0}" = 1 ] && fast=""
  for attempt in 1 2 3 4 5; do
    port="$(pg_free_port)"
    printf '%s\n' "-p $port -k $PG_CLUSTER_DIR -c listen_addresses=127.0.0.1 $fast" \
      >"$PG_CLUSTER_DIR/options"
    if pg_run pg_ctl -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/log" -w -t 60 \
      -o "$(cat "$PG_CLUSTER_DIR/options")" start >/dev/null; then
      export NEWSROOM_TEST_PG="postgres://newsroom@127.0.0.1:$port/postgres"
      export PG_CLUSTER_DIR
      return 0
    fi
    grep -qE 'could not bind|in use' "$PG_CLUSTER_DIR/log" 2>/dev/null || break
    printf 'port %s was taken (attempt %s), trying another\n' "$port" "$attempt" >&2
  done
  cat "$PG_CLUSTER_DIR/log" >&2 2>/dev/null || true
  printf 'error: the test PostgreSQL server did not start\n' >&2
  return 1
}

# Stops the cluster in PG_CLUSTER_DIR at once, as a crash or a pulled cable would, keeping it
# to start again (the outage tests).
pg_pause_cluster() {
  PG_BIN="${PG_BIN:-$(pg_bindir)}" || return 1
  pg_run pg_ctl -D "$PG_CLUSTER_DIR/data" -m immediate -w stop >/dev/null
}

# Starts a paused cluster again, on its port with its options.
pg_resume_cluster() {
  PG_BIN="${PG_BIN:-$(pg_bindir)}" || return 1
  pg_run pg_ctl -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/log" -w -t 60 \
    -o "$(cat "$PG_CLUSTER_DIR/options")" start >/dev/null
}

pg_stop_cluster() {
  [ -n "$PG_CLUSTER_DIR" ] && [ -d "$PG_CLUSTER_DIR" ] || return 0
  if [ -f "$PG_CLUSTER_DIR/data/postmaster.pid" ]; then
    pg_run pg_ctl -D "$PG_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_CLUSTER_DIR"
  PG_CLUSTER_DIR=""
  unset NEWSROOM_TEST_PG
}
