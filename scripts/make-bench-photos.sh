#!/bin/sh
# (Re)make the benchmark photos for `bench_renditions` (newsroom_bench::renditions).
# A pure upscale is too smooth and flatters decoders, so we add Gaussian noise: the result has
# camera-like entropy (several MB at quality 92).
#   /tmp/bench24.jpg  6000x4000 (24 MP)  -- speed vs vipsthumbnail
#   /tmp/bench45.jpg  8200x5500 (45 MP)  -- peak-RSS check
# Usage: scripts/make-bench-photos.sh [OUTDIR]   (default /tmp)
set -eu
out=${1:-/tmp}
src="$(cd "$(dirname "$0")/.." && pwd)/tests/fixtures/images/gps/DSCN0010.jpg"
convert "$src" -resize '6000x4000!' -attenuate 0.3 +noise Gaussian -quality 92 "$out/bench24.jpg"
convert "$src" -resize '8200x5500!' -attenuate 0.3 +noise Gaussian -quality 92 "$out/bench45.jpg"
ls -l "$out/bench24.jpg" "$out/bench45.jpg"
