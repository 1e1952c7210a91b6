// Multi-select like a photo app: click selects one, Ctrl/Cmd+click toggles, Shift+click
// selects the range from the anchor (Ctrl+Shift adds it), Ctrl+A selects everything shown.

export interface Selection {
  /** Selected ids in display order. */
  ids: number[];
  /** Where a Shift+click range starts. */
  anchor: number | null;
}

export const EMPTY_SELECTION: Selection = { ids: [], anchor: null };

export interface ClickMods {
  /** Ctrl (Windows/Linux) or Cmd (macOS) */
  toggle?: boolean;
  range?: boolean;
}

function inOrder(order: number[], ids: Iterable<number>): number[] {
  const set = new Set(ids);
  return order.filter((id) => set.has(id));
}

export function clickSelect(sel: Selection, order: number[], id: number, mods: ClickMods = {}): Selection {
  if (mods.range && sel.anchor !== null && order.includes(sel.anchor) && order.includes(id)) {
    const a = order.indexOf(sel.anchor);
    const b = order.indexOf(id);
    const range = order.slice(Math.min(a, b), Math.max(a, b) + 1);
    const ids = mods.toggle ? inOrder(order, [...sel.ids, ...range]) : range;
    return { ids, anchor: sel.anchor };
  }
  if (mods.toggle) {
    const ids = sel.ids.includes(id) ? sel.ids.filter((x) => x !== id) : inOrder(order, [...sel.ids, id]);
    return { ids, anchor: id };
  }
  return { ids: [id], anchor: id };
}

export function selectAll(order: number[]): Selection {
  return { ids: [...order], anchor: order[0] ?? null };
}

/** Keep only what is still shown (after a reload, filter or delete). */
export function pruneSelection(sel: Selection, order: number[]): Selection {
  const ids = inOrder(order, sel.ids);
  const anchor = sel.anchor !== null && order.includes(sel.anchor) ? sel.anchor : (ids[0] ?? null);
  return ids.length === sel.ids.length && anchor === sel.anchor ? sel : { ids, anchor };
}
