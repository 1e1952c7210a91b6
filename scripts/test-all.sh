#!/usr/bin/env bash
# Quick start, command 2 (and CI's .ci/run): installs what the tests need, then runs every gate
# and every test suite, compiling each crate once:
#
#   format        cargo fmt --check
#   shell lint    shellcheck on the scripts, .ci/run and the e2e runner
#   svelte-check  Svelte and TypeScript diagnostics, warnings fail
#   tsc           the TypeScript type check of the UI
#   build+clippy  one `cargo test --no-run` of every target of the workspace, with clippy as
#                 the compiler of our own crates and warnings denied: the same lints as
#                 `cargo clippy --workspace --all-targets -- -D warnings`, without checking
#                 every dependency a second time. It also builds what the end-to-end tests
#                 run: the app (UI embedded), the CLI and the validate_ninjs example.
#   rust          the Rust tests: core, CLI, the app's IPC, the repository's tidy checks
#   rust server   the core conformance suites again, on a shared library (PostgreSQL): the
#                 store, search, photos, preflight and export tests, same binaries
#   ui            Vitest
#   e2e           the real app window through tauri-driver + WebKitWebDriver under Xvfb
#
# Every step's time is printed as it ends and again in the summary. Exits non-zero when any
# step fails; a failed build skips the Rust and end-to-end tests (nothing to run).
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/pg.sh"

ensure_packages "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}" shellcheck
ensure_java
ensure_rust
ensure_node
ensure_node_modules
ensure_tauri_driver
# One throwaway PostgreSQL cluster for the whole run (the shared-library tests use it through
# NEWSROOM_TEST_PG), stopped however the run ends.
pg_start_cluster
trap pg_stop_cluster EXIT
say "setup done"
build_ui

use_test_build_settings

# The core suites that open their libraries through tests/common.rs `open_at`, so they run on
# either backend.
CONFORMANCE_SUITES=(articles drafts search photos batch_preview preflight export export_folder
  export_embargo export_ownership export_social import_limits orphans rendition_cache crops
  spelling sample import_large versions locks watch journal)

failed=()
summary=()
step() { # NAME COMMAND...: runs it, times it, records a failure
  local name="$1" start=$SECONDS status=ok
  shift
  say "step: $name"
  "$@" || status=FAILED
  local took=$((SECONDS - start))
  summary+=("$(printf '%-14s %3dm%02ds  %s' "$name" $((took / 60)) $((took % 60)) "$status")")
  say "step $status: $name ($((took / 60))m$((took % 60))s)"
  if [ "$status" != ok ]; then failed+=("$name"); return 1; fi
}

step "format" cargo fmt --all --check || true
step "shell lint" shellcheck scripts/*.sh scripts/lib/*.sh .ci/run tests/e2e/run.sh \
  tests/fixtures/generate-images.sh || true
step "svelte-check" npm --prefix ui run --silent check || true
step "tsc" npm --prefix ui run --silent typecheck || true
# Every cargo step with the same features, so nothing compiles twice: the app with its test
# seams (the dialog and browser stand-ins the end-to-end tests need; never in a release build).
# newsroom-raster is built (optimised) as the core's dependency and linted with it, but not
# selected: a selected library also gets a unit-test build, which would compile its optimised
# resizer a second time; its tests are the core's.
SELECT=(--features newsroom-app/test-seams --exclude newsroom-raster)
if step "build+clippy" cargo test --workspace --all-targets --locked "${SELECT[@]}" --no-run; then
  step "rust" cargo test --workspace --locked "${SELECT[@]}" || true
  # --workspace, as in the build: selecting one package would resolve its dependencies'
  # features anew and compile them a second time.
  step "rust server" env NEWSROOM_TEST_BACKEND=postgres cargo test --locked --workspace \
    "${SELECT[@]}" "${CONFORMANCE_SUITES[@]/#/--test=}" || true
  build_ok=1
else
  build_ok=0
fi
step "ui" npm --prefix ui test || true
if [ "$build_ok" = 1 ]; then
  step "e2e" bash tests/e2e/run.sh || true
fi

printf '\nsteps (total %dm%02ds):\n' $((SECONDS / 60)) $((SECONDS % 60))
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  [ "$build_ok" = 1 ] || printf '  (rust and e2e not run: the build failed)\n'
  printf '\nfailed: %s\n' "${failed[*]}"
  exit 1
fi
printf '\nall steps passed\n'
