import { describe, expect, it } from 'vitest';
import {
  aspectLabel,
  cropName,
  cropWarnings,
  frameKey,
  frameRect,
  inTurn,
  keepOnPicture,
  nudgeFocus,
  pointAt,
  previewPlacement,
  resizeFrame,
} from './framing';
import { translate } from './i18n';
import type { PhotoCrop } from './types';

const WIDE = { w: 16, h: 9 };
const SQUARE = { w: 1, h: 1 };

describe('the focal point', () => {
  it('is where the pointer is, as fractions of the picture kept to 1/10,000, never outside it', () => {
    const box = { left: 10, top: 20, width: 300, height: 200 };
    expect(pointAt(265, 60, box)).toEqual({ x: 0.85, y: 0.2 });
    expect(pointAt(110, 20 + 200 / 3, box)).toEqual({ x: 0.3333, y: 0.3333 });
    expect(pointAt(0, 500, box)).toEqual({ x: 0, y: 1 });
    expect(pointAt(5, 5, { left: 0, top: 0, width: 0, height: 0 })).toEqual({ x: 0.5, y: 0.5 });
  });

  it('moves by 1 % with the arrow keys, 10 % with Shift, stops at the edges; Home unsets it', () => {
    expect(nudgeFocus(null, 'ArrowRight', false)).toEqual({ x: 0.51, y: 0.5 });
    expect(nudgeFocus({ x: 0.85, y: 0.2 }, 'ArrowUp', true)).toEqual({ x: 0.85, y: 0.1 });
    expect(nudgeFocus({ x: 0.97, y: 0.05 }, 'ArrowRight', true)).toEqual({ x: 1, y: 0.05 });
    expect(nudgeFocus({ x: 0.1, y: 0.05 }, 'ArrowUp', true)).toEqual({ x: 0.1, y: 0 });
    // No float drift: seven steps from 0.5 are 0.57.
    let p = nudgeFocus(null, 'ArrowDown', false)!;
    for (let i = 0; i < 6; i++) p = nudgeFocus(p, 'ArrowDown', false)!;
    expect(p.y).toBe(0.57);
    expect(nudgeFocus({ x: 0.2, y: 0.2 }, 'Home', false)).toBeNull();
    expect(nudgeFocus({ x: 0.2, y: 0.2 }, 'a', false)).toBeUndefined();
  });
});

describe('a crop preview', () => {
  it('places the whole picture so that the box shows exactly the rectangle', () => {
    expect(previewPlacement({ x: 500, y: 0, width: 1000, height: 1000 }, 2000, 1000)).toEqual({
      left: '-50%',
      top: '0%',
      width: '200%',
      height: '100%',
    });
    expect(previewPlacement({ x: 600, y: 0, width: 1200, height: 1200 }, 1800, 1200)).toEqual({
      left: '-50%',
      top: '0%',
      width: '150%',
      height: '100%',
    });
    expect(previewPlacement({ x: 0, y: 81, width: 1800, height: 1013 }, 1800, 1200).top).toBe('-7.9961%');
  });

  it('is named and its aspect said as people say it, in either language', () => {
    const de = (k: Parameters<typeof translate>[1]) => translate('de', k);
    expect(['original', 'wide', 'social', 'square', 'classic', 'banner'].map((n) => cropName(n, de))).toEqual([
      'Original',
      'Breit',
      'Social',
      'Quadrat',
      'Klassisch',
      'banner',
    ]);
    expect(aspectLabel('de', WIDE)).toBe('16:9');
    expect(aspectLabel('de', { w: 40, h: 21 })).toBe('1,91:1');
    expect(aspectLabel('en', { w: 40, h: 21 })).toBe('1.91:1');
    expect(aspectLabel('en', { w: 100, h: 37 })).toBe('2.70:1');
    expect(aspectLabel('de', null)).toBe('');
  });

  it('warns when it misses the focal point, is narrower than wanted or no longer fits its shape', () => {
    const c: PhotoCrop = {
      name: 'square',
      aspect: SQUARE,
      rect: { x: 0, y: 0, width: 1000, height: 1000 },
      hand_set: false,
      holds_focus: true,
      target_width: 1200,
      sound: true,
    };
    expect(cropWarnings(c)).toEqual(['narrow']);
    expect(cropWarnings({ ...c, rect: { ...c.rect, width: 1200, height: 1200 } })).toEqual([]);
    expect(cropWarnings({ ...c, holds_focus: false, sound: false, target_width: 0 })).toEqual(['unsound', 'off_focus']);
  });
});

describe('the hand-crop frame', () => {
  it('stays on the picture, at most as large as it allows and at least 8 pixels a side', () => {
    expect(keepOnPicture({ x: 1900, y: 900, width: 5000 }, WIDE, 2000, 1000)).toEqual({ x: 222, y: 0, width: 1778 });
    expect(frameRect({ x: 222, y: 0, width: 1778 }, WIDE)).toEqual({ x: 222, y: 0, width: 1778, height: 1000 });
    expect(keepOnPicture({ x: -5, y: -5, width: 2 }, WIDE, 2000, 1000)).toEqual({ x: 0, y: 0, width: 15 });
    expect(keepOnPicture({ x: 0, y: 0, width: 2 }, SQUARE, 2000, 1000).width).toBe(8);
  });

  it('moves with the arrow keys and grows or shrinks with + and −, by 1 % or with Shift 10 % of the picture', () => {
    const f = { x: 1000, y: 0, width: 1000 };
    expect(frameKey(f, 'ArrowLeft', false, SQUARE, 2000, 1000)).toEqual({ x: 980, y: 0, width: 1000 });
    expect(frameKey(f, 'ArrowLeft', true, SQUARE, 2000, 1000)).toEqual({ x: 800, y: 0, width: 1000 });
    // Already at the foot and the right edge: it stays.
    expect(frameKey(f, 'ArrowDown', false, SQUARE, 2000, 1000)).toEqual(f);
    expect(frameKey(f, 'ArrowRight', true, SQUARE, 2000, 1000)).toEqual(f);
    expect(frameKey(f, '-', true, SQUARE, 2000, 1000)).toEqual({ x: 1000, y: 0, width: 800 });
    expect(frameKey({ x: 0, y: 0, width: 800 }, '+', false, SQUARE, 2000, 1000)).toEqual({ x: 0, y: 0, width: 820 });
    expect(frameKey(f, 'Enter', false, SQUARE, 2000, 1000)).toBeNull();
  });

  it('grows from its top left corner only as far as the picture reaches', () => {
    expect(resizeFrame({ x: 1500, y: 200, width: 100 }, 900, SQUARE, 2000, 1000)).toEqual({ x: 1500, y: 200, width: 500 });
    expect(resizeFrame({ x: 0, y: 600, width: 100 }, 900, WIDE, 2000, 1000)).toEqual({ x: 0, y: 600, width: 711 });
  });
});

describe('changes in turn', () => {
  it('run one after another in the order they came, a failed one not stopping the next', async () => {
    const send = inTurn();
    const seen: string[] = [];
    const later = (v: string, ms: number) => () => new Promise<string>((r) => setTimeout(() => (seen.push(v), r(v)), ms));
    const a = send(later('a', 30));
    const b = send(() => Promise.reject(new Error('refused')));
    const c = send(later('c', 1));
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('refused');
    await expect(c).resolves.toBe('c');
    expect(seen).toEqual(['a', 'c']);
  });
});
