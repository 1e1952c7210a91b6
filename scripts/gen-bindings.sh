#!/usr/bin/env bash
# Writes the files the UI takes from the Rust side: the TypeScript bindings of the IPC types
# (ui/src/lib/bindings.ts) and the backend's recorded answers (ui/src/dev/golden.json). The
# tests that check they are fresh (src-tauri/tests/bindings.rs, golden.rs) write them instead
# of failing. Commit what changed.
#   scripts/gen-bindings.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
build_ui
use_test_build_settings
NEWSROOM_WRITE_GENERATED=1 cargo test -p newsroom-app --test bindings --test golden
git -C "$ROOT" status --short -- ui/src/lib/bindings.ts ui/src/dev/golden.json
