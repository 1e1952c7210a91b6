#!/usr/bin/env bash
# The photo desk's speed and memory figures, beside the peer in the same run:
#   1. `newsroom bench renditions` on a 24-megapixel camera-like JPEG with --vs-vips
#      (ours: decode once, DCT-scaled, SIMD cascade; vipsthumbnail ×4, shrink-on-load)
#   2. every crop (wide, social, square, classic × 320/640/1200 px × JPEG/WebP) from one decode,
#      with --vs-vips (vipsthumbnail --size WxH --smartcrop centre, once per file)
#   3. peak RSS of importing one 45-megapixel JPEG (whole CLI process, GNU time)
#   4. a batch of 50 such 24 MP photos imported with renditions on both cores
# Usage: scripts/bench-renditions.sh [ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/common.sh
ensure_packages "${BENCH_PACKAGES[@]}" time
ensure_rust
cargo build --release --locked -p newsroom-cli
NEWSROOM=target/release/newsroom
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scripts/make-bench-photos.sh "$work" >/dev/null

if [ "${SKIP_SINGLE:-0}" != 1 ]; then
say "renditions of one 24 MP JPEG, ours vs vipsthumbnail"
"$NEWSROOM" bench renditions "$work/bench24.jpg" --iterations "${1:-7}" --vs-vips

say "every crop of one 24 MP JPEG from one decode, ours vs vipsthumbnail --smartcrop centre"
"$NEWSROOM" bench crops "$work/bench24.jpg" --iterations "${1:-5}" --vs-vips

say "peak memory importing one 45 MP JPEG (whole process)"
/usr/bin/time -f "peak RSS %M KiB, %e s" "$NEWSROOM" --library "$work/lib45" --no-samples photo import "$work/bench45.jpg"
fi

say "a batch of 50 photos (24 MP each) on both cores"
mkdir -p "$work/batch"
for i in $(seq -w 1 50); do
  # Same pixels, different bytes (a comment): 50 distinct originals for the library.
  { head -c 2 "$work/bench24.jpg"; printf '\xff\xfe\x00\x09photo%02d' "$((10#$i))"; tail -c +3 "$work/bench24.jpg"; } > "$work/batch/p$i.jpg"
done
/usr/bin/time -f "50 photos: %e s wall, %U s user, peak RSS %M KiB" \
  "$NEWSROOM" --library "$work/lib50" --no-samples photo import "$work"/batch/*.jpg > /dev/null
