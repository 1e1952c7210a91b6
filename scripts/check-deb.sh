#!/usr/bin/env bash
# Builds the .deb, installs it with apt, and checks that the installed app has none of the
# test stand-ins and starts: it must open a fresh default library (seeded with the sample
# articles) and report its list as interactive. Needs root or sudo (apt). Uses Xvfb when there is no display.
#   scripts/check-deb.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_packages "${APP_PACKAGES[@]}" xvfb xauth
ensure_node_modules
build_ui
say "building the .deb (release)"
tauri_cli build --bundles deb
deb="$(find "$ROOT/target/release/bundle/deb" -maxdepth 1 -name '*.deb' -printf '%T@ %p\n' | sort -rn | head -n1 | cut -d' ' -f2-)"
say "installing $deb"
as_root apt-get install -y -qq --reinstall "$deb" >/dev/null
command -v newsroom-app >/dev/null || die "newsroom-app is not on PATH after installing"
# The test seams (dialog and browser stand-ins) are not in what users install.
if grep -aq -e NEWSROOM_PICK_ -e NEWSROOM_OPENED_LOG "$(command -v newsroom-app)"; then
  die "the installed app reads a test stand-in: it was built with the test-seams feature"
fi

tmp="$(mktemp -d)"; xvfb_pid=""
trap '[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
if [ -z "${DISPLAY:-}" ]; then
  export DISPLAY=":$((190 + RANDOM % 50))"
  Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb_pid=$!
  sleep 1
fi
out="$(XDG_DATA_HOME="$tmp" NEWSROOM_EXIT_WHEN_READY=1 timeout 60 newsroom-app 2>&1)" || die "the installed app did not start: $out"
echo "$out" | grep -q 'startup_ms=' || die "the installed app never showed its list: $out"
lib="$tmp/app.newsroom.desk"
[ -f "$lib/newsroom.sqlite3" ] || die "no default library at $lib"
cargo build --release -q -p newsroom-cli
"$ROOT/target/release/newsroom" --library "$lib" check
say "ok: the package installs, starts on the default library and shows its list ($(echo "$out" | grep -o 'startup_ms=[0-9.]*'))"
