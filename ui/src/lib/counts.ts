// The live counts beside the editor's fields: lengths against the preflight's limits (from
// the Rust constants in the bindings) and the body's words and reading time.
import { PREFLIGHT_LIMITS } from './bindings';

export { PREFLIGHT_LIMITS };

/** Share of a limit from which a count is shown as getting near it. */
export const NEAR_SHARE = 0.9;

/** Reading speed for the estimate, words per minute. */
export const WORDS_PER_MINUTE = 200;

/** Length the way the preflight counts it: Unicode scalar values, not UTF-16 units. */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export type CountLevel = 'ok' | 'near' | 'over';

/** How a length stands against its limit. */
export function countLevel(n: number, limit: number): CountLevel {
  if (n > limit) return 'over';
  if (n >= Math.ceil(limit * NEAR_SHARE)) return 'near';
  return 'ok';
}

/** The words of a CommonMark body (markup, link targets and figure references left out). */
export function wordCount(markdown: string): number {
  const text = markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, ' ') // figures: the alt is not read
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links: their text
    .replace(/<[^>]+>/g, ' ')
    .replace(/^\s*(?:[-+*]|\d+[.)])\s/gm, ' ') // list markers
    .replace(/[#>*_`~|]+/g, ' ');
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,:-]*/gu);
  return words ? words.length : 0;
}

/** Estimated reading time in whole minutes (at least 1 once there is a word). */
export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
