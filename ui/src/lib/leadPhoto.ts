// The lead photo's per-article overrides of the photo's own caption and alt text.

import type { LeadPhoto } from './types';

/** An override input's value → the stored override: empty (or blank) means the photo's own. */
export function overrideValue(input: string): string | null {
  return input.trim() === '' ? null : input;
}

export function withOverride(lead: LeadPhoto, key: 'caption' | 'alt_text', input: string): LeadPhoto {
  return { ...lead, [key]: overrideValue(input) };
}
