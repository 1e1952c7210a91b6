import { afterEach, describe, expect, it } from 'vitest';
import { focusTrap, tabbables, wrapTab } from './focusTrap';

function dialog(html: string): HTMLElement {
  const el = document.createElement('div');
  el.setAttribute('role', 'dialog');
  el.tabIndex = -1;
  el.innerHTML = html;
  document.body.append(el);
  return el;
}

/** Press Tab (or Shift+Tab) on the focused element; true if the trap took it. */
function tab(shiftKey = false): boolean {
  const e = new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, cancelable: true });
  (document.activeElement ?? document.body).dispatchEvent(e);
  return e.defaultPrevented;
}

const focused = () => (document.activeElement as HTMLElement | null)?.dataset.id;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('tabbables', () => {
  it('lists what Tab reaches, skipping disabled and tabindex=-1, one stop per radio group', () => {
    const root = dialog(`
      <input data-id="text">
      <input type="radio" name="f" value="a" data-id="a">
      <input type="radio" name="f" value="b" data-id="b" checked>
      <button disabled data-id="off">x</button>
      <div tabindex="-1" data-id="skip"></div>
      <div tabindex="0" data-id="zero"></div>
      <textarea data-id="area"></textarea>
      <a href="#" data-id="link">l</a>
      <button data-id="ok">ok</button>`);
    expect(tabbables(root).map((el) => el.dataset.id)).toEqual(['text', 'b', 'zero', 'area', 'link', 'ok']);
  });

  it('controls in a disabled fieldset are not reached', () => {
    const root = dialog(`
      <fieldset disabled><input type="radio" name="f" data-id="r" checked></fieldset>
      <button data-id="ok">ok</button>`);
    expect(tabbables(root).map((el) => el.dataset.id)).toEqual(['ok']);
  });

  it('an unchecked radio group is reached at its first radio', () => {
    const root = dialog(`<input type="radio" name="g" data-id="x"><input type="radio" name="g" data-id="y">`);
    expect(tabbables(root).map((el) => el.dataset.id)).toEqual(['x']);
  });
});

describe('focusTrap', () => {
  it('Tab on the last stop wraps to the first, Shift+Tab on the first to the last', () => {
    const root = dialog(`<input data-id="first"><button data-id="middle">m</button><button data-id="last">l</button>`);
    const trap = focusTrap(root);
    root.querySelector<HTMLElement>('[data-id="last"]')!.focus();
    expect(tab()).toBe(true);
    expect(focused()).toBe('first');
    expect(tab(true)).toBe(true);
    expect(focused()).toBe('last');
    // In between, the browser moves the focus itself.
    root.querySelector<HTMLElement>('[data-id="middle"]')!.focus();
    expect(tab()).toBe(false);
    expect(tab(true)).toBe(false);
    trap.destroy();
  });

  it('from the dialog itself, Tab goes to the first stop and Shift+Tab to the last', () => {
    const root = dialog(`<button data-id="first">f</button><button data-id="last">l</button>`);
    const trap = focusTrap(root);
    root.focus();
    expect(tab(true)).toBe(true);
    expect(focused()).toBe('last');
    root.focus();
    expect(tab()).toBe(true);
    expect(focused()).toBe('first');
    trap.destroy();
  });

  it('with nothing to reach, Tab stays in the dialog', () => {
    const root = dialog(`<p>Nur Text</p>`);
    const trap = focusTrap(root);
    root.focus();
    expect(tab()).toBe(true);
    expect(document.activeElement).toBe(root);
    trap.destroy();
  });

  it('gives the focus back to the opener when the dialog goes away', () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const root = dialog(`<button data-id="inside">i</button>`);
    const trap = focusTrap(root);
    root.querySelector<HTMLElement>('[data-id="inside"]')!.focus();
    root.remove();
    trap.destroy();
    expect(document.activeElement).toBe(opener);
  });

  it('does not focus an opener that is gone', () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const root = dialog(`<button>i</button>`);
    const trap = focusTrap(root);
    opener.remove();
    trap.destroy();
    expect(document.activeElement).not.toBe(opener);
  });

  it('stops listening once destroyed', () => {
    const root = dialog(`<button data-id="only">o</button>`);
    const trap = focusTrap(root);
    trap.destroy();
    root.querySelector<HTMLElement>('[data-id="only"]')!.focus();
    expect(tab()).toBe(false);
  });
});

describe('wrapTab', () => {
  it('ignores other keys and events already handled', () => {
    const root = dialog(`<button data-id="only">o</button>`);
    root.querySelector<HTMLElement>('[data-id="only"]')!.focus();
    const other = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true });
    wrapTab(root, other);
    expect(other.defaultPrevented).toBe(false);
  });
});
