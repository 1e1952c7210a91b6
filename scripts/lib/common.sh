# shellcheck shell=bash
# Shared by install-and-run.sh and test-all.sh: find the repo, install what is missing.
# Every step checks first and does nothing when the thing is already there, so both
# commands are idempotent and fast on a machine that is set up.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1;34m==>\033[0m [%02d:%02d] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@";
  elif command -v sudo >/dev/null; then sudo "$@";
  else die "need root for: $* (run as root or install sudo)"; fi
}

# Debian 12 / Ubuntu 24.04 package names (the package lists are used by the sourcing scripts).
# shellcheck disable=SC2034
APP_PACKAGES=(build-essential pkg-config file curl ca-certificates libwebkit2gtk-4.1-dev
  libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev hunspell-de-de)
# x11-utils (xwininfo) lets the end-to-end tests see the native dialogs and menus; xdotool
# right-clicks for real (WebDriver's clicks never open GTK's context menu).
# exiftool reads renditions back (credit in XMP and IIM, no GPS); ImageMagick makes the
# orientation references and test inputs. postgresql is the server of the shared-library
# tests: they start their own throwaway cluster from its binaries (scripts/lib/pg.sh);
# openssl makes the certificates of the cluster that speaks TLS.
# shellcheck disable=SC2034
TEST_PACKAGES=(xvfb xauth x11-utils xdotool webkit2gtk-driver imagemagick dbus-x11 fonts-dejavu-core
  python3 libimage-exiftool-perl postgresql openssl)
# Java runs the W3C Nu HTML checker (vnu-jar from npm) in the export tests; any Java 11+ will
# do, so the package is installed only when there is no `java` at all.
ensure_java() {
  command -v java >/dev/null || ensure_packages default-jre-headless
}
# The rendition benchmark's peer (vipsthumbnail).
# shellcheck disable=SC2034
BENCH_PACKAGES=(libvips-tools imagemagick)

ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

ensure_rust() {
  if ! command -v cargo >/dev/null; then
    say "installing Rust (rustup, stable)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  fi
  # The gates need rustfmt and clippy (rustup's minimal profile has neither).
  if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
    say "installing rustfmt and clippy"
    rustup component add rustfmt clippy
  fi
}

# The settings of the test command's one build, for every cargo run of the scripts, so that
# none of them rebuilds what another built: no incremental caches (one clean build, as CI does
# it), and clippy as the compiler of our own crates (RUSTC_WORKSPACE_WRAPPER, what `cargo
# clippy` sets) with warnings denied.
use_test_build_settings() {
  export CARGO_INCREMENTAL=0
  RUSTC_WORKSPACE_WRAPPER="$(command -v clippy-driver)" \
    || die "clippy-driver not found (rustup component add clippy)"
  export RUSTC_WORKSPACE_WRAPPER
  export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
}

NODE_MIN_MAJOR=20
NODE_MIN_MINOR=19
ensure_node() {
  local v major minor
  if command -v node >/dev/null; then
    v="$(node -p 'process.versions.node')"; major="${v%%.*}"; minor="$(echo "$v" | cut -d. -f2)"
    if [ "$major" -gt $NODE_MIN_MAJOR ] || { [ "$major" -eq $NODE_MIN_MAJOR ] && [ "$minor" -ge $NODE_MIN_MINOR ]; }; then
      return
    fi
  fi
  # Debian 12 and Ubuntu 24.04 ship Node 18; the UI toolchain (Vite 8) needs >= 20.19.
  say "installing Node.js 22 (the distribution's is missing or older than $NODE_MIN_MAJOR.$NODE_MIN_MINOR)"
  local arch; case "$(uname -m)" in x86_64) arch=x64;; aarch64) arch=arm64;; *) die "unsupported CPU $(uname -m)";; esac
  local ver=v22.12.0 dir="$HOME/.local/node"
  mkdir -p "$dir"
  curl -fsSL "https://nodejs.org/dist/$ver/node-$ver-linux-$arch.tar.xz" | tar -xJ -C "$dir" --strip-components=1
  export PATH="$dir/bin:$PATH"
  say "Node.js installed in $dir (add $dir/bin to your PATH)"
}

# npm ci only when the lockfile changed since the last install.
ensure_node_modules() {
  local stamp=ui/node_modules/.newsroom-lock-sha
  local want; want="$(sha256sum ui/package-lock.json | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing npm dependencies (ui/)"
    npm --prefix ui ci --no-audit --no-fund
    echo "$want" > "$stamp"
  fi
}

TAURI_DRIVER_VERSION="2.1.0"
ensure_tauri_driver() {
  if ! tauri-driver --help >/dev/null 2>&1; then
    say "installing tauri-driver $TAURI_DRIVER_VERSION (cargo install)"
    cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked
  fi
}

# Builds the UI when a source file is newer than the last build.
build_ui() {
  if [ ! -f ui/dist/index.html ] || [ -n "$(find ui/src ui/index.html ui/vite.config.ts ui/package-lock.json ui/public -newer ui/dist/index.html -print -quit 2>/dev/null)" ]; then
    say "building the UI"
    npm --prefix ui run build
  fi
}

# The Tauri CLI reads $CI and accepts only true/false there; CI systems often set CI=1.
tauri_cli() {
  if [ -n "${CI:-}" ]; then CI=true ui/node_modules/.bin/tauri "$@"; else ui/node_modules/.bin/tauri "$@"; fi
}
