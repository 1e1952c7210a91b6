// Word differences between two texts, for the conflict comparison: the longest common run of
// words (and the spaces between them) stays plain; what only one side has is marked.

export interface DiffPart {
  kind: 'same' | 'mine' | 'theirs';
  text: string;
}

/** Beyond this many token pairs the texts are shown whole, each marked as its own. */
const MAX_CELLS = 4_000_000;

const tokens = (s: string): string[] => s.split(/(\s+)/).filter((t) => t !== '');

/** `mine` against `theirs`: parts in reading order, 'mine' only in mine, 'theirs' only in theirs. */
export function wordDiff(mine: string, theirs: string): DiffPart[] {
  const a = tokens(mine);
  const b = tokens(theirs);
  if (a.length * b.length > MAX_CELLS) {
    return [
      ...(mine ? [{ kind: 'mine' as const, text: mine }] : []),
      ...(theirs ? [{ kind: 'theirs' as const, text: theirs }] : []),
    ];
  }
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += text;
    else out.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]);
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      push('mine', a[i++]);
    } else {
      push('theirs', b[j++]);
    }
  }
  while (i < a.length) push('mine', a[i++]);
  while (j < b.length) push('theirs', b[j++]);
  return out;
}
