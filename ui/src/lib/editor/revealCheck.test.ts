import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PreflightCheck } from '../types';
import { checkTarget, revealCheck } from './revealCheck';

const check = (over: Partial<PreflightCheck>): PreflightCheck => ({
  level: 'error',
  code: 'no_headline',
  field: 'headline',
  photo_id: null,
  detail: '',
  ...over,
});

function editor(): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = `
    <input id="field-headline"><textarea id="field-teaser"></textarea>
    <input id="field-published-at"><input id="field-embargo-until">
    <section data-testid="lead-photo"><button data-testid="lead-photo-choose"></button><textarea id="lead-alt"></textarea></section>
    <section aria-labelledby="related-title"><input id="related-url-0"><input id="related-url-1"><button data-testid="add-link"></button></section>
    <div data-testid="body-editor"><div class="ProseMirror"><a href="www.x.de">x</a>
      <figure data-testid="body-figure" data-photo-id="7"></figure></div></div>`;
  document.body.append(root);
  return root;
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('checkTarget', () => {
  it('finds the field each check is about', () => {
    const root = editor();
    const id = (el: HTMLElement | null) => el?.id || el?.dataset.testid || el?.tagName;
    const of = (over: Partial<PreflightCheck>) => {
      const r = checkTarget(root, check(over));
      return { show: id(r.show), focus: id(r.focus), body: r.body };
    };
    expect(of({ field: 'headline' })).toEqual({ show: undefined, focus: 'field-headline', body: false });
    expect(of({ field: 'teaser' }).focus).toBe('field-teaser');
    expect(of({ field: 'published_at' }).focus).toBe('field-published-at');
    expect(of({ field: 'embargo_until' }).focus).toBe('field-embargo-until');
    expect(of({ field: 'related_links[1]' }).focus).toBe('related-url-1');
    expect(of({ field: 'related_links' })).toEqual({ show: 'SECTION', focus: 'add-link', body: false });
    expect(of({ field: 'lead_photo', code: 'photo_no_credit' })).toEqual({ show: 'lead-photo', focus: 'lead-photo-choose', body: false });
    expect(of({ field: 'lead_photo', code: 'alt_long' }).focus).toBe('lead-alt');
    expect(of({ field: 'body', code: 'photo_no_alt', photo_id: 7 })).toEqual({ show: 'body-figure', focus: undefined, body: true });
    expect(of({ field: 'body', code: 'bad_link', detail: 'www.x.de: relative URL' }).show).toBe('A');
    expect(of({ field: 'body', code: 'bad_link', detail: 'www.y.de: relative URL' }).show).toBe('body-editor');
    expect(of({ field: 'state' })).toEqual({ show: undefined, focus: undefined, body: false });
  });
});

describe('revealCheck', () => {
  it('focuses the field and lets it flash once', () => {
    vi.useFakeTimers();
    const root = editor();
    const focusBody = vi.fn();
    revealCheck(root, check({ field: 'teaser' }), focusBody);
    const teaser = document.getElementById('field-teaser')!;
    expect(document.activeElement).toBe(teaser);
    expect(teaser.classList.contains('check-flash')).toBe(true);
    expect(focusBody).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1600);
    expect(teaser.classList.contains('check-flash')).toBe(false);
  });

  it('body checks focus the body editor and show the figure', () => {
    const root = editor();
    const focusBody = vi.fn();
    revealCheck(root, check({ field: 'body', code: 'photo_no_credit', photo_id: 7 }), focusBody);
    expect(focusBody).toHaveBeenCalledTimes(1);
    expect(root.querySelector('[data-testid="body-figure"]')!.classList.contains('check-flash')).toBe(true);
  });
});
