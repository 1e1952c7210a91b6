#!/usr/bin/env bash
# Exports the sample articles (with photos from tests/fixtures/images and credits) through the CLI
# and photographs the exported article page and the batch listing in headless Chromium:
# docs/screenshot-export-page.png, docs/screenshot-export-mobile.png, docs/screenshot-export-listing.png,
# and the page of an article under an embargo until tomorrow: docs/screenshot-export-embargo.png.
# Before that, Chromium opens the listing and checks that every teaser picture is 16:9, as
# loaded (its pixels) and as laid out; the script fails otherwise.
# Needs: target/debug/newsroom (cargo build -p newsroom-cli) and chromium (apt-get install chromium).
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_packages chromium
CLI="${NEWSROOM_CLI:-$ROOT/target/debug/newsroom}"
[ -x "$CLI" ] || cargo build -p newsroom-cli
FIX="$ROOT/tests/fixtures/images"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
lib="$work/lib"; out="$work/out"
nr() { "$CLI" --library "$lib" "$@"; }

nr photo settings --organisation "Stadt Dortmund" >/dev/null
p1=$(nr photo import "$FIX/gps/DSCN0021.jpg" --json | sed -n 's/.*"photo":{"id":\([0-9]*\).*/\1/p')
p2=$(nr photo import "$FIX/gps/DSCN0010.jpg" --json | sed -n 's/.*"photo":{"id":\([0-9]*\).*/\1/p')
nr photo update "$p1" --creator "Erika Mustermann" --credit "Bild: Stadt Dortmund / Erika Mustermann" \
  --caption "Der Platz vor der Bezirksverwaltungsstelle: Hier beginnt am Samstag das Fest." \
  --alt-text "Ein Platz mit Bäumen und Bänken vor einem Verwaltungsgebäude" >/dev/null
nr photo update "$p2" --creator "Max Beispiel" --credit "Bild: Stadt Dortmund / Max Beispiel" \
  --caption "Die Uferpromenade, an der die Flohmarktstände stehen." \
  --alt-text "Eine Straße mit parkenden Autos und Häusern" >/dev/null
# What matters is off centre: the crops follow it.
nr photo focus "$p1" 0.8 0.35 >/dev/null
nr photo focus "$p2" 0.25 0.6 >/dev/null
for id in $(nr article list --json | sed -n 's/^    "id": \([0-9]*\),/\1/p'); do
  printf '{"lead_photo":{"photo_id":%s,"caption":null,"alt_text":null}}' "$(( id % 2 ? p1 : p2 ))" > "$work/lead.json"
  nr article update "$id" "$work/lead.json" --latest >/dev/null
  nr article state "$id" ready >/dev/null
done
first=$(nr article list --json | sed -n 's/^    "id": \([0-9]*\),/\1/p' | head -1)
nr article show "$first" --json > "$work/a.json"
python3 - "$work/a.json" "$p2" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
body = a["body"].split("\n\n")
body.insert(3, f'![](photo:{sys.argv[2]})')
json.dump({"body": "\n\n".join(body)}, open(sys.argv[1], "w"))
PY
nr article update "$first" "$work/a.json" --latest >/dev/null
# The library article is under an embargo until 10:30 tomorrow (Berlin): exported, not listed.
embargoed_id=$(nr article list --json | python3 -c 'import json,sys; print(next(a["id"] for a in json.load(sys.stdin) if "Stadtbibliothek" in a["headline"]))')
tomorrow="$(TZ=Europe/Berlin date -d tomorrow +%F)"
printf '{"embargo_until":"%s"}' "$(date -u -d "TZ=\"Europe/Berlin\" $tomorrow 10:30" +%Y-%m-%dT%H:%M:%SZ)" > "$work/embargo.json"
nr article update "$embargoed_id" "$work/embargo.json" --latest >/dev/null
nr export --ready --format both --out "$out" --base-url https://www.dortmund.de/presse/

# Chromium: every teaser picture of the listing, loaded and laid out, is 16:9 (to a pixel).
check="$out/.check.html"
sed 's/ decoding="async"//; s/ loading="lazy"//' "$out/index.html" > "$check"
cat >> "$check" <<'JS'
<script>
addEventListener('load', () => {
  const rows = [...document.querySelectorAll('main img')].map((i) => {
    const r = i.getBoundingClientRect();
    return [i.currentSrc.split('/').pop(), i.naturalWidth, i.naturalHeight, r.width.toFixed(1), r.height.toFixed(1)].join(' ');
  });
  const pre = document.createElement('pre');
  pre.id = 'teasers';
  pre.textContent = rows.join('\n');
  document.body.append(pre);
});
</script>
JS
timeout 90 chromium --headless=new --no-sandbox --disable-gpu --virtual-time-budget=5000 \
  --window-size=1280,1100 --dump-dom "file://$check" 2>/dev/null \
  | sed -n '/<pre id="teasers">/,/<\/pre>/p' | sed 's/<[^>]*>//g' | grep . > "$work/teasers.txt" || true
rm -f "$check"
[ -s "$work/teasers.txt" ] || die "Chromium showed no teaser pictures"
python3 - "$work/teasers.txt" <<'PY' || die "a teaser picture in the listing is not 16:9"
import sys
bad = 0
for line in open(sys.argv[1]):
    name, nw, nh, w, h = line.split()
    nw, nh, w, h = int(nw), int(nh), float(w), float(h)
    ok = nw > 0 and abs(nh - nw * 9 / 16) <= 1 and abs(h - w * 9 / 16) <= 1
    bad += not ok
    print(f"{'ok ' if ok else 'BAD'} {name}: {nw}x{nh} loaded, {w:.0f}x{h:.0f} shown")
sys.exit(1 if bad else 0)
PY
say "Chromium: every teaser picture of the listing is 16:9"

shot() { # page.html out.png WIDTH,HEIGHT — headless Chromium paints below-the-fold images
  # with decoding="async" only after the screenshot, so a copy without it is photographed.
  local src="$1" png="$2" size="$3" tmp; tmp="$(dirname "$1")/.shot.html"
  sed 's/ decoding="async"//; s/ loading="lazy"//' "$src" > "$tmp"
  timeout 90 chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
    --run-all-compositor-stages-before-draw --virtual-time-budget=5000 \
    --window-size="$size" --screenshot="$png" "file://$tmp" >/dev/null 2>&1
  rm -f "$tmp"
}
page="$(find "$out" -mindepth 1 -maxdepth 1 -type d ! -name '.*' | sort | head -1)/index.html"
for d in "$out"/*/; do d="${d%/}"; grep -q "photo-$p2-" "$d/index.html" 2>/dev/null && grep -q '<div class="body">' "$d/index.html" && grep -q '<figure><picture>' "$d/index.html" && page="$d/index.html"; done
shot "$page" "$ROOT/docs/screenshot-export-page.png" 1280,2400
shot "$page" "$ROOT/docs/screenshot-export-mobile.png" 390,1800
shot "$out/index.html" "$ROOT/docs/screenshot-export-listing.png" 1280,1100
embargoed="$(grep -l 'class="embargo"' "$out"/*/index.html | head -1)"
[ -n "$embargoed" ] || die "no exported page says Sperrfrist"
shot "$embargoed" "$ROOT/docs/screenshot-export-embargo.png" 1280,900
say "wrote docs/screenshot-export-{page,mobile,listing,embargo}.png from $page and $embargoed"
