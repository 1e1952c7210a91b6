import { describe, expect, it } from 'vitest';
import { checkCounts, focusableField, opensPhoto } from './preflight';
import type { PreflightCheck } from './types';

const check = (over: Partial<PreflightCheck>): PreflightCheck => ({
  code: 'no_headline',
  level: 'error',
  field: 'headline',
  photo_id: null,
  detail: '',
  ...over,
});

describe('preflight helpers', () => {
  it('knows the fields the editor can jump to', () => {
    for (const f of ['headline', 'teaser', 'published_at', 'embargo_until', 'lead_photo', 'body', 'related_links', 'related_links[3]']) {
      expect(focusableField(f), f).toBe(true);
    }
    for (const f of ['state', 'related_links[x]', 'author', '']) expect(focusableField(f), f).toBe(false);
  });

  it('photo checks open the library, except for a missing photo', () => {
    expect(opensPhoto(check({ code: 'photo_no_credit', field: 'lead_photo', photo_id: 4 }))).toBe(true);
    expect(opensPhoto(check({ code: 'photo_missing', field: 'lead_photo', photo_id: 4 }))).toBe(false);
    expect(opensPhoto(check({ code: 'no_headline' }))).toBe(false);
  });

  it('counts errors and warnings', () => {
    expect(checkCounts(null)).toEqual({ errors: 0, warnings: 0 });
    const checks = [check({}), check({ code: 'headline_long', level: 'warning' }), check({ code: 'teaser_long', level: 'warning' })];
    expect(checkCounts({ article_id: 1, ok: false, checks })).toEqual({ errors: 1, warnings: 2 });
  });
});
