#!/usr/bin/env bash
# Benchmark: the release app's time from launch to an interactive article list (target ≤ 1.5 s).
# Starts target/release/newsroom-app RUNS times on a fresh library and on one that has been
# opened before; the app reports when the UI called `ui_ready` and exits
# (NEWSROOM_EXIT_WHEN_READY=1). Uses Xvfb when there is no display.
#   scripts/bench-startup.sh [RUNS]
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
runs="${1:-10}"
app="$ROOT/target/release/newsroom-app"
[ -x "$app" ] || die "build the release app first: scripts/install-and-run.sh --no-launch"

xvfb_pid=""
if [ -z "${DISPLAY:-}" ]; then
  export DISPLAY=":$((90 + RANDOM % 100))"
  Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  sleep 1
fi
trap '[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
tmp="$(mktemp -d)"

measure() { # $1 = library dir; prints "in-process-ms wall-ms"
  local t0 t1 out
  t0=$(date +%s%N)
  out=$(NEWSROOM_EXIT_WHEN_READY=1 XDG_DATA_HOME="$tmp/xdg" timeout 60 "$app" --library "$1" 2>/dev/null | grep -o 'startup_ms=[0-9.]*' | cut -d= -f2)
  t1=$(date +%s%N)
  [ -n "$out" ] || die "the app did not report ready"
  echo "$out $(( (t1 - t0) / 1000000 ))"
}

stats() { sort -n | awk '{a[NR]=$1} END {printf "min %.0f  median %.0f  max %.0f ms", a[1], a[int((NR+1)/2)], a[NR]}'; }

first=(); warm=()
for i in $(seq "$runs"); do
  first+=("$(measure "$tmp/new-$i")")
  warm+=("$(measure "$tmp/new-$i")")
done
printf 'launch → interactive list (release, %s runs; target ≤ 1500 ms)\n' "$runs"
printf '  new library (created + seeded): %s\n' "$(printf '%s\n' "${first[@]}" | cut -d' ' -f1 | stats)"
printf '  existing library:               %s\n' "$(printf '%s\n' "${warm[@]}" | cut -d' ' -f1 | stats)"
printf '  wall clock incl. exit:          %s\n' "$(printf '%s\n' "${warm[@]}" | cut -d' ' -f2 | stats)"
