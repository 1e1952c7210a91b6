#!/usr/bin/env bash
# Run the end-to-end tests of the real app window (see tests/e2e/README.md).
# Each test file starts its own Xvfb + tauri-driver; files run one after another.
#
#   tests/e2e/run.sh                         # all e2e tests
#   tests/e2e/run.sh tests/e2e/crash.test.mjs
#   NEWSROOM_SCREENSHOTS=1 tests/e2e/run.sh tests/e2e/screenshots.test.mjs   # refresh docs/*.png
#   NEWSROOM_TEST_PG=postgres://… tests/e2e/run.sh tests/e2e/shared.test.mjs # an existing server
#
# Exit status is non-zero if any test fails. With CI set, missing binaries fail instead of skip.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$#" -eq 0 ]; then
  set -- tests/e2e/
fi

# The shared-library test needs a PostgreSQL server: a throwaway cluster for this run unless
# NEWSROOM_TEST_PG names one.
if [ -z "${NEWSROOM_TEST_PG:-}" ]; then
  # shellcheck source=scripts/lib/pg.sh
  source scripts/lib/pg.sh
  trap pg_stop_cluster EXIT
  if ! pg_start_cluster; then
    [ -z "${CI:-}" ] || exit 1
    printf 'warning: no PostgreSQL server; the shared-library test is skipped\n' >&2
  fi
fi

# Per-test timeouts are set in the specs (app start alone takes seconds under Xvfb);
# --test-timeout is a backstop so a hung run cannot outlive CI.
node --test --test-concurrency=1 --test-timeout=1200000 "$@"
