#!/usr/bin/env bash
# Benchmark: the store benchmark on a shared library, on a throwaway PostgreSQL cluster on this
# machine with PostgreSQL's durable defaults (fsync, synchronous commit), beside the same run on
# a library folder, then 30 desks at once on that shared library (`bench team`). Targets:
# shared library save p95 ≤ 25 ms, search p95 ≤ 30 ms; the team run also fails on any lost
# update or error.
#   scripts/bench-server.sh [ARTICLES]
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/pg.sh"
articles="${1:-10000}"
cli="$ROOT/target/release/newsroom"
[ -x "$cli" ] || die "build the CLI first: cargo build --release -p newsroom-cli"

PG_DURABLE=1 pg_start_cluster || die "could not start PostgreSQL"
trap pg_stop_cluster EXIT
say "library folder, $articles articles"
"$cli" bench store --articles "$articles"
say "shared library, $articles articles (PostgreSQL, durable defaults)"
"$cli" bench store --articles "$articles" --server "$NEWSROOM_TEST_PG"
say "30 desks at once on the shared library"
"$cli" bench team "$NEWSROOM_TEST_PG" --desks 30 --articles "$articles"
