// A body figure's destination: the photo and the crop the page shows it in. The crop follows
// the ID: `photo:ID#wide`, or with this article's own rectangle of that crop (pixels of the
// upright photo) `photo:ID#wide=x,y,w,h`. The backend reads the same form (photos/usage.rs).

/** A rectangle of the photo in its pixels. */
export interface FigureRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A crop name as the backend takes it (lowercase letters, digits, "-"). */
const CROP_NAME = /^[a-z0-9-]{1,24}$/;

/** `photo:ID`, `photo:ID#crop` or `photo:ID#crop=x,y,w,h`. */
export function figureDestination(f: { photoId: number; crop?: string; rect?: FigureRect | null }): string {
  const base = `photo:${Math.trunc(f.photoId)}`;
  const crop = f.crop ?? '';
  if (!crop || crop === 'original' || !CROP_NAME.test(crop)) return base;
  const r = f.rect;
  if (!r || !(r.width > 0 && r.height > 0)) return `${base}#${crop}`;
  return `${base}#${crop}=${rectText(r)}`;
}

/** A rectangle as destinations, `data-rect` and crop URLs write it: `x,y,w,h` in whole pixels. */
export function rectText(r: FigureRect): string {
  const n = (v: number) => Math.max(0, Math.round(v));
  return `${n(r.x)},${n(r.y)},${n(r.width)},${n(r.height)}`;
}

/** The crop part of a destination (`#wide`, `#wide=x,y,w,h`); the inverse of [`figureDestination`]. */
export function parseCropFragment(fragment: string): { crop: string; rect: FigureRect | null } {
  const m = /^([a-z0-9-]{1,24})(?:=(\d+,\d+,\d+,\d+))?$/.exec(fragment);
  if (!m || m[1] === 'original') return { crop: '', rect: null };
  return { crop: m[1], rect: parseRectText(m[2] ?? null) };
}

/** `x,y,w,h` (as [`rectText`] writes it) → the rectangle; null when it is none. */
export function parseRectText(s: string | null): FigureRect | null {
  const m = /^(\d+),(\d+),(\d+),(\d+)$/.exec(s ?? '');
  if (!m) return null;
  const [x, y, width, height] = m.slice(1).map(Number);
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}
