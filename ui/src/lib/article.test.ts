import { describe, expect, it } from 'vitest';
import { addTag, buildListQuery, moveItem } from './article';

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
