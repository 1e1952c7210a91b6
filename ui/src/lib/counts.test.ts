import { describe, expect, it } from 'vitest';
import { charCount, countLevel, PREFLIGHT_LIMITS, readingMinutes, wordCount } from './counts';

describe('live counts', () => {
  it('takes the limits from the preflight constants in the bindings', () => {
    expect(PREFLIGHT_LIMITS).toEqual({ headline: 90, teaser: 300, alt: 250 });
  });

  it('counts characters as the preflight does: Unicode scalar values, not UTF-16 units', () => {
    expect(charCount('Straße')).toBe(6);
    expect('🚲 Radweg'.length).toBe(9);
    expect(charCount('🚲 Radweg')).toBe(8);
    expect(charCount('')).toBe(0);
  });

  it('turns near the limit and over it', () => {
    expect(countLevel(63, 90)).toBe('ok');
    expect(countLevel(81, 90)).toBe('near');
    expect(countLevel(90, 90)).toBe('near');
    expect(countLevel(91, 90)).toBe('over');
  });

  it('counts the body\'s words without markup, link targets or figures', () => {
    const body = '## Neue Radwege\n\nDie Stadt baut **drei** [Radwege](https://example.org/a-b).\n\n![Ein Foto](photo:3 "Bild")\n\n- Ost-West-Achse\n- 2,5 km';
    expect(wordCount(body)).toBe(10);
    expect(wordCount('')).toBe(0);
    expect(wordCount('  \n\n')).toBe(0);
  });

  it('estimates the reading time in whole minutes', () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(12)).toBe(1);
    expect(readingMinutes(312)).toBe(2);
    expect(readingMinutes(1000)).toBe(5);
  });
});
