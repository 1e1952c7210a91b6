#!/usr/bin/env bash
# Run the end-to-end tests of the real app window (see tests/e2e/README.md).
# Each test file starts its own Xvfb + tauri-driver; files run one after another.
#
#   tests/e2e/run.sh                         # all e2e tests
#   tests/e2e/run.sh tests/e2e/crash.test.mjs
#   NEWSROOM_SCREENSHOTS=1 tests/e2e/run.sh tests/e2e/screenshots.test.mjs   # refresh docs/*.png
#
# Exit status is non-zero if any test fails. With CI set, missing binaries fail instead of skip.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$#" -eq 0 ]; then
  set -- tests/e2e/
fi

# Per-test timeouts are set in the specs (app start alone takes seconds under Xvfb);
# --test-timeout is a backstop so a hung run cannot outlive CI.
exec node --test --test-concurrency=1 --test-timeout=1200000 "$@"
