import { describe, expect, it } from 'vitest';
import { clickSelect, EMPTY_SELECTION, pruneSelection, selectAll } from './selection';

const order = [10, 20, 30, 40, 50];

describe('photo selection', () => {
  it('click selects one and sets the anchor', () => {
    expect(clickSelect(EMPTY_SELECTION, order, 30)).toEqual({ ids: [30], anchor: 30 });
    expect(clickSelect({ ids: [10, 20], anchor: 10 }, order, 40)).toEqual({ ids: [40], anchor: 40 });
  });

  it('Ctrl/Cmd+click toggles, keeping display order', () => {
    let s = clickSelect(EMPTY_SELECTION, order, 40);
    s = clickSelect(s, order, 10, { toggle: true });
    expect(s).toEqual({ ids: [10, 40], anchor: 10 });
    s = clickSelect(s, order, 40, { toggle: true });
    expect(s.ids).toEqual([10]);
  });

  it('Shift+click selects the range from the anchor, either direction', () => {
    let s = clickSelect(EMPTY_SELECTION, order, 20);
    s = clickSelect(s, order, 40, { range: true });
    expect(s).toEqual({ ids: [20, 30, 40], anchor: 20 });
    s = clickSelect(s, order, 10, { range: true });
    expect(s).toEqual({ ids: [10, 20], anchor: 20 });
  });

  it('Ctrl+Shift+click adds the range to the selection', () => {
    let s = clickSelect(EMPTY_SELECTION, order, 50);
    s = clickSelect(s, order, 10, { toggle: true });
    s = clickSelect(s, order, 30, { toggle: true, range: true });
    expect(s.ids).toEqual([10, 20, 30, 50]);
  });

  it('Shift+click without an anchor selects one', () => {
    expect(clickSelect(EMPTY_SELECTION, order, 30, { range: true })).toEqual({ ids: [30], anchor: 30 });
  });

  it('select all and pruning after a reload', () => {
    expect(selectAll(order)).toEqual({ ids: order, anchor: 10 });
    expect(pruneSelection({ ids: [20, 30], anchor: 20 }, [30, 40])).toEqual({ ids: [30], anchor: 30 });
  });
});
