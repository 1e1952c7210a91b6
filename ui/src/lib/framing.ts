// The photo editor's framing without markup: where a click or a key puts the focal point, how
// a crop's preview box shows exactly its rectangle, how the hand-crop frame moves over the
// picture, and how crops are named. Crop geometry itself (the automatic crops, snapping a
// hand-set one to its aspect, whether it holds the focal point) is the backend's: the crops
// shown are always the ones the backend answered.

import type { Lang, Translator } from './i18n';
import type { Aspect, CropRect, FocalPoint, PhotoCrop } from './types';

/** Where a photo nobody marked is looked at (the backend's default too). */
export const CENTRE: FocalPoint = { x: 0.5, y: 0.5 };

/** Fractions as the backend keeps them: to 1/10,000. */
const fraction = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10_000) / 10_000;

/** The focal point under the pointer on a picture drawn at `box`. */
export function pointAt(clientX: number, clientY: number, box: { left: number; top: number; width: number; height: number }): FocalPoint {
  const x = box.width > 0 ? (clientX - box.left) / box.width : 0.5;
  const y = box.height > 0 ? (clientY - box.top) / box.height : 0.5;
  return { x: fraction(x), y: fraction(y) };
}

/**
 * The focal point after a key on its marker: arrow keys move it by 1 % of the picture (10 %
 * with Shift), Home puts it back in the centre (`null`: unset). `undefined`: not a key of the
 * marker.
 */
export function nudgeFocus(p: FocalPoint | null, key: string, shift: boolean): FocalPoint | null | undefined {
  const step = shift ? 0.1 : 0.01;
  const from = p ?? CENTRE;
  const moved = (dx: number, dy: number) => ({ x: fraction(from.x + dx), y: fraction(from.y + dy) });
  switch (key) {
    case 'ArrowLeft':
      return moved(-step, 0);
    case 'ArrowRight':
      return moved(step, 0);
    case 'ArrowUp':
      return moved(0, -step);
    case 'ArrowDown':
      return moved(0, step);
    case 'Home':
      return null;
  }
  return undefined;
}

export const samePoint = (a: FocalPoint | null, b: FocalPoint | null) => (a === null || b === null ? a === b : a.x === b.x && a.y === b.y);

/** A point as whole percent from the left and from the top (what the marker says). */
export const percent = (p: FocalPoint) => ({ x: Math.round(p.x * 100), y: Math.round(p.y * 100) });

/**
 * Where the whole picture goes inside a crop's preview box so that the box, drawn with the
 * rectangle's own proportions, shows exactly `rect` of a `width` × `height` photo: percentages
 * of the box (the picture is positioned absolutely inside it).
 */
export function previewPlacement(rect: CropRect, width: number, height: number): { left: string; top: string; width: string; height: string } {
  const pct = (v: number) => `${+(v * 100).toFixed(4)}%`;
  const w = Math.max(1, rect.width);
  const h = Math.max(1, rect.height);
  return { left: pct(-rect.x / w), top: pct(-rect.y / h), width: pct(width / w), height: pct(height / h) };
}

/** What a crop's tile warns about: it misses the focal point, is narrower than wanted, or no longer fits its shape. */
export type CropWarning = 'off_focus' | 'narrow' | 'unsound';

export function cropWarnings(c: PhotoCrop): CropWarning[] {
  const out: CropWarning[] = [];
  if (!c.sound) out.push('unsound');
  if (!c.holds_focus) out.push('off_focus');
  if (c.target_width > 0 && c.rect.width < c.target_width) out.push('narrow');
  return out;
}

/** Numbers as the language writes them: 1.200 / 1,200. */
export function formatNumber(lang: Lang, n: number, digits = 0): string {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}

const NAMED_CROPS = ['original', 'wide', 'social', 'square', 'classic'] as const;
type NamedCrop = (typeof NAMED_CROPS)[number];

/** "Breit", "Quadrat" …; a shape the office added is shown by its own name. */
export function cropName(name: string, t: Translator): string {
  return (NAMED_CROPS as readonly string[]).includes(name) ? t(`framing.crop.${name as NamedCrop}`) : name;
}

/** Ratios known by another name: 1,200 × 630 (40:21, 1.905) is called 1.91:1 everywhere. */
const KNOWN_RATIOS: Record<string, number> = { '40:21': 1.91 };

/** An aspect as people say it: 16:9, 4:3, 1:1 — or 1,91:1 where the terms are large. */
export function aspectLabel(lang: Lang, a: Aspect | null): string {
  if (!a) return '';
  if (a.w <= 32 && a.h <= 32) return `${a.w}:${a.h}`;
  const ratio = KNOWN_RATIOS[`${a.w}:${a.h}`] ?? a.w / a.h;
  return `${formatNumber(lang, ratio, 2)}:1`;
}

/** The hand-crop frame: its top left corner and width in pixels of the photo. */
export interface Frame {
  x: number;
  y: number;
  width: number;
}

/** The smallest side a crop may have (the backend refuses smaller ones). */
const MIN_SIDE = 8;

/**
 * The height the frame is drawn at while it is moved: proportional to its width. The backend
 * makes the stored height follow the width itself (and refuses what does not fit).
 */
export const frameHeight = (width: number, a: Aspect) => Math.max(1, Math.round((width * a.h) / a.w));

/** The widest frame whose drawn height fits `room` high, and `across` wide. */
function widestIn(across: number, room: number, a: Aspect): number {
  let w = Math.max(1, Math.min(across, Math.floor(((room + 0.5) * a.w) / a.h)));
  while (w > 1 && frameHeight(w, a) > room) w--;
  return w;
}

/** The frame kept on a `width` × `height` picture: as wide as it may be there, moved inside it. */
export function keepOnPicture(f: Frame, a: Aspect, width: number, height: number): Frame {
  const widest = widestIn(width, height, a);
  const narrowest = Math.min(widest, Math.max(MIN_SIDE, Math.ceil((MIN_SIDE * a.w) / a.h)));
  const w = Math.round(Math.min(widest, Math.max(narrowest, f.width)));
  const h = frameHeight(w, a);
  return {
    x: Math.round(Math.min(width - w, Math.max(0, f.x))),
    y: Math.round(Math.min(height - h, Math.max(0, f.y))),
    width: w,
  };
}

/** The frame resized from its top left corner to `w` wide, as far as the picture allows. */
export function resizeFrame(f: Frame, w: number, a: Aspect, width: number, height: number): Frame {
  return keepOnPicture({ ...f, width: Math.min(widestIn(width - f.x, height - f.y, a), w) }, a, width, height);
}

/**
 * The frame after a key: arrow keys move it by 1 % of the picture, + and − make it wider or
 * narrower by 1 % of the picture's width (10 % with Shift). `null`: not a key of the frame.
 */
export function frameKey(f: Frame, key: string, shift: boolean, a: Aspect, width: number, height: number): Frame | null {
  const share = shift ? 0.1 : 0.01;
  const dx = Math.max(1, Math.round(width * share));
  const dy = Math.max(1, Math.round(height * share));
  const move = (mx: number, my: number) => keepOnPicture({ ...f, x: f.x + mx, y: f.y + my }, a, width, height);
  switch (key) {
    case 'ArrowLeft':
      return move(-dx, 0);
    case 'ArrowRight':
      return move(dx, 0);
    case 'ArrowUp':
      return move(0, -dy);
    case 'ArrowDown':
      return move(0, dy);
    case '+':
    case '=':
      return resizeFrame(f, f.width + dx, a, width, height);
    case '-':
    case '_':
    case '−':
      return keepOnPicture({ ...f, width: f.width - dx }, a, width, height);
  }
  return null;
}

/** The rectangle a frame asks the backend for (which makes the height follow the width). */
export const frameRect = (f: Frame, a: Aspect): CropRect => ({ x: f.x, y: f.y, width: f.width, height: frameHeight(f.width, a) });

/**
 * Changes to the backend one after another, in the order they were made: each task starts
 * when the one before it has settled (whether it succeeded or not).
 */
export function inTurn(): <T>(task: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const next = last.then(task, task);
    last = next.catch(() => {});
    return next;
  };
}
