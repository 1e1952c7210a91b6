#!/usr/bin/env bash
# Quick start, command 2 (and CI's .ci/run): installs what the tests need, then runs every
# test suite: Rust (core, CLI, app IPC), UI (Vitest), end-to-end (the real app window through
# tauri-driver + WebKitWebDriver under Xvfb). Exits non-zero when any suite fails.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ensure_packages "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_java
ensure_rust
ensure_node
ensure_node_modules
ensure_tauri_driver
build_ui

failed=()
run_suite() {
  local name="$1"; shift
  say "suite: $name"
  if "$@"; then say "suite ok: $name"; else failed+=("$name"); say "suite FAILED: $name"; fi
}

run_suite "rust" cargo test --workspace --locked
run_suite "ui" npm --prefix ui test
say "building the app for the end-to-end tests (debug, UI embedded)"
if tauri_cli build --debug --no-bundle && cargo build -p newsroom-cli --locked \
    && cargo build -p newsroom-core --example validate_ninjs --locked; then
  run_suite "e2e" bash tests/e2e/run.sh
else
  failed+=("e2e build")
fi

if [ ${#failed[@]} -gt 0 ]; then
  printf '\nfailed suites: %s\n' "${failed[*]}"
  exit 1
fi
printf '\nall suites passed\n'
