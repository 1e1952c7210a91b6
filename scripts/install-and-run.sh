#!/usr/bin/env bash
# Quick start, command 1: installs what is missing (system packages, Rust, Node, npm
# dependencies, crates), builds the UI and the release app, and launches it on the default
# library (the OS app-data dir; a new library opens with sample articles).
#   scripts/install-and-run.sh [--library DIR] [--no-launch]
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

launch=1
args=()
for a in "$@"; do
  case "$a" in
    --no-launch) launch=0 ;;
    *) args+=("$a") ;;
  esac
done

ensure_packages "${APP_PACKAGES[@]}"
ensure_rust
ensure_node
ensure_node_modules
build_ui
say "building the app and the CLI (release; the first build takes a quarter of an hour on 2 cores)"
# One cargo run for both, so the crates they share are compiled once. The app embeds ui/dist
# (its default custom-protocol feature), as `tauri build` would make it.
cargo build --release --locked -p newsroom-app -p newsroom-cli

app="$ROOT/target/release/newsroom-app"
say "built: $app and $ROOT/target/release/newsroom (CLI)"
if [ "$launch" -eq 1 ]; then
  if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    say "no display found: start it later with $app"
  else
    say "launching Newsroom"
    exec "$app" "${args[@]}"
  fi
fi
