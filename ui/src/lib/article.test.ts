import { describe, expect, it } from 'vitest';
import { addTag, buildListQuery, emptyArticleInput, moveItem, takeStored } from './article';

describe('article helpers', () => {
  it('buildListQuery leaves blank filters out', () => {
    expect(buildListQuery({ text: '  ', state: '', topic: '' }, 100, 0)).toEqual({ limit: 100, offset: 0, state: null, topic: null });
    expect(buildListQuery({ text: ' Kita ', state: 'ready', topic: 'Schule' }, 50, 100)).toEqual({
      limit: 50,
      offset: 100,
      text: 'Kita',
      state: 'ready',
      topic: 'Schule',
    });
  });

  it('addTag ignores blanks and case-insensitive duplicates', () => {
    expect(addTag(['Schule'], '  ')).toEqual(['Schule']);
    expect(addTag(['Schule'], 'schule')).toEqual(['Schule']);
    expect(addTag(['Schule'], ' Kita  neu ')).toEqual(['Schule', 'Kita neu']);
  });

  it('moveItem moves within bounds only', () => {
    expect(moveItem([1, 2, 3], 2, 0)).toEqual([3, 1, 2]);
    expect(moveItem([1, 2, 3], 0, 3)).toEqual([1, 2, 3]);
  });
});

describe('takeStored', () => {
  it('takes stored values only where the form still holds what was sent', () => {
    const sent = { ...emptyArticleInput(), headline: 'Meine', teaser: 'Alt', kicker: 'K' };
    const form = { ...sent, kicker: 'K2' };
    const stored = { ...sent, headline: 'Annas', teaser: 'Neu', kicker: 'Andere' };
    const { form: out, changed } = takeStored(form, sent, stored);
    expect(changed).toEqual(['headline', 'teaser']);
    expect(out.headline).toBe('Annas');
    expect(out.teaser).toBe('Neu');
    // Typed into since the save went out: the typing stays.
    expect(out.kicker).toBe('K2');
  });
});
