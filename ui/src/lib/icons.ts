// The app's icons, drawn on a 16×16 grid (components/Icon.svelte renders them). A shape is
// stroked in the text colour with `stroke` as its width, or filled with `fill`; `white`
// paints it white (a mark on a filled shape).

export interface IconShape {
  d?: string;
  circle?: [cx: number, cy: number, r: number];
  rect?: [x: number, y: number, width: number, height: number, rx: number];
  stroke?: number;
  fill?: true;
  white?: true;
  round?: true;
}

export const ICONS = {
  back: [{ d: 'M10 3L5 8l5 5', stroke: 1.8 }],
  export: [{ d: 'M8 10V2.5M5 5.5l3-3 3 3M3 9.5v4h10v-4', stroke: 1.5 }],
  history: [{ circle: [8, 8, 5.5], stroke: 1.5 }, { d: 'M8 5v3l2 1.5', stroke: 1.5 }],
  trash: [{ d: 'M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 8.5h5.6l.7-8.5', stroke: 1.4 }],
  close: [{ d: 'M4 4l8 8M12 4l-8 8', stroke: 1.8 }],
  calendar: [{ d: 'M2.5 4h11v9.5h-11zM2.5 7h11M5.5 2.5v3M10.5 2.5v3', stroke: 1.4 }],
  up: [{ d: 'M4 10l4-4 4 4', stroke: 1.8 }],
  down: [{ d: 'M4 6l4 4 4-4', stroke: 1.8 }],
  plus: [{ d: 'M8 3v10M3 8h10', stroke: 2 }],
  refresh: [{ d: 'M13 8a5 5 0 11-1.5-3.6M13 3v3h-3', stroke: 1.5 }],
  search: [{ circle: [7, 7, 4.5], stroke: 1.6 }, { d: 'M10.5 10.5L14 14', stroke: 1.6 }],
  link: [{ d: 'M6.5 9.5l3-3M7 4.5l1-1a2.8 2.8 0 014 4l-1 1M9 11.5l-1 1a2.8 2.8 0 01-4-4l1-1', stroke: 1.6, round: true }],
  photo: [
    { rect: [2, 3, 12, 10, 1.5], stroke: 1.4 },
    { circle: [6, 6.5, 1.2], fill: true },
    { d: 'M3 12l3.5-3.5 2.5 2.5 2-2 2 2', stroke: 1.3 },
  ],
  ok: [{ circle: [8, 8, 7], fill: true }, { d: 'M4.8 8.2l2.1 2.1 4.3-4.6', stroke: 1.8, white: true }],
  error: [{ circle: [8, 8, 7], fill: true }, { d: 'M5.5 5.5l5 5M10.5 5.5l-5 5', stroke: 1.7, white: true }],
  warning: [{ d: 'M8 1.5l7 12.5H1z', fill: true }, { d: 'M8 6v4M8 11.4v1.2', stroke: 1.6, white: true }],
  lock: [{ rect: [3, 7, 10, 7.5, 1.2], fill: true }, { d: 'M5 7V5a3 3 0 016 0v2', stroke: 1.6 }],
  pin: [{ d: 'M8 15s5-5.2 5-8.5A5 5 0 003 6.5C3 9.8 8 15 8 15z', fill: true }, { circle: [8, 6.5, 1.8], fill: true, white: true }],
} satisfies Record<string, IconShape[]>;

export type IconName = keyof typeof ICONS;

/** The SVG paint attributes of a shape. */
export function paint(s: IconShape): Record<string, string | number | undefined> {
  const color = s.white ? '#fff' : 'currentColor';
  return {
    fill: s.fill ? color : 'none',
    stroke: s.stroke ? color : undefined,
    'stroke-width': s.stroke,
    'stroke-linecap': s.round ? 'round' : undefined,
  };
}
