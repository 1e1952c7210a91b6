// The export preflight as the editor uses it: which checks it can jump to, which open the
// media library, and how many errors and warnings there are.

import type { Preflight, PreflightCheck } from './types';

/** Fields the editor can jump to. */
export function focusableField(field: string): boolean {
  return /^(headline|teaser|published_at|embargo_until|lead_photo|body|related_links(\[\d+\])?)$/.test(field);
}

/** Photo checks whose fix is in the media library (credit, alt text). */
export function opensPhoto(check: PreflightCheck): boolean {
  return check.photo_id != null && check.code !== 'photo_missing';
}

/** Blocking checks are errors; everything else is a warning. */
export function checkCounts(preflight: Preflight | null): { errors: number; warnings: number } {
  const checks = preflight?.checks ?? [];
  const errors = checks.filter((c) => c.level === 'error').length;
  return { errors, warnings: checks.length - errors };
}
