// A save that met a colleague's change to the same field: what the editor shows of it. Each
// field with both texts (the colleague's stayed in the article; the writer's is kept as a
// conflict revision) and the word differences between them, so the writer can take their own
// text back whole, or parts of it by copying.
import { wordDiff, type DiffPart } from '../diff';
import type { ArticleInput, LeadPhoto, RelatedLink } from '../types';

export interface ConflictField {
  field: keyof ArticleInput;
  /** The writer's value, to put back whole. */
  mineValue: unknown;
  mine: string;
  theirs: string;
  parts: DiffPart[];
}

export interface ConflictView {
  /** The revision that keeps the writer's text. */
  rev: number | null;
  /** Who stored the text that stayed (null when the library does not know). */
  by: string | null;
  fields: ConflictField[];
}

/** A field's value as text to compare. */
export function fieldText(input: ArticleInput, field: keyof ArticleInput): string {
  const v = input[field] as unknown;
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (field === 'related_links') return (v as RelatedLink[]).map((l) => `${l.label} – ${l.url}`).join('\n');
  if (field === 'lead_photo') {
    const p = v as LeadPhoto;
    return [`#${p.photo_id}`, p.caption, p.alt_text].filter(Boolean).join(' · ');
  }
  if (Array.isArray(v)) return v.join(', ');
  return JSON.stringify(v);
}

/** The comparison for `fields`: the writer's text (`sent`) against what stayed (`stored`). */
export function conflictView(
  fields: readonly string[],
  sent: ArticleInput,
  stored: ArticleInput,
  rev: number | null,
  by: string | null,
): ConflictView {
  const known = fields.filter((f): f is keyof ArticleInput => f in sent);
  return {
    rev,
    by,
    fields: known.map((field) => {
      const mine = fieldText(sent, field);
      const theirs = fieldText(stored, field);
      return { field, mineValue: sent[field], mine, theirs, parts: wordDiff(mine, theirs) };
    }),
  };
}
