import { describe, expect, it } from 'vitest';
import { wordDiff } from './diff';

describe('wordDiff', () => {
  it('keeps what both share and marks what only one side has', () => {
    expect(wordDiff('Neue Kita in Hörde eröffnet', 'Neue Kita in Aplerbeck eröffnet')).toEqual([
      { kind: 'same', text: 'Neue Kita in ' },
      { kind: 'mine', text: 'Hörde' },
      { kind: 'theirs', text: 'Aplerbeck' },
      { kind: 'same', text: ' eröffnet' },
    ]);
  });

  it('puts either side back together from its parts', () => {
    const mine = 'Die Stadt baut eine neue Brücke über die Emscher.\n\nSie kostet 2 Mio. Euro.';
    const theirs = 'Die Stadt baut bis 2027 eine Brücke über die Emscher.\n\nSie kostet 2,4 Mio. Euro.';
    const parts = wordDiff(mine, theirs);
    expect(parts.filter((p) => p.kind !== 'theirs').map((p) => p.text).join('')).toBe(mine);
    expect(parts.filter((p) => p.kind !== 'mine').map((p) => p.text).join('')).toBe(theirs);
  });

  it('handles empty sides', () => {
    expect(wordDiff('', 'Neu')).toEqual([{ kind: 'theirs', text: 'Neu' }]);
    expect(wordDiff('Alt', '')).toEqual([{ kind: 'mine', text: 'Alt' }]);
    expect(wordDiff('', '')).toEqual([]);
  });
});
