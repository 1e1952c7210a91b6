// Credit lines from the credit template ("Bild: {organisation} / {creator}"). Mirrors the
// backend's filling, for the live examples in the UI (the backend stays the authority).

export const DEFAULT_CREDIT_TEMPLATE = 'Bild: {organisation} / {creator}';

/** The filled template, or null without a creator (nobody to credit). */
export function fillCreditTemplate(template: string, organisation: string, creator: string): string | null {
  const c = creator.trim();
  if (!c) return null;
  const org = organisation.trim();
  let s = template.split('{creator}').join(c);
  if (!org) {
    // Separators around a missing organisation go with it.
    for (const pat of ['{organisation} / ', ' / {organisation}', '{organisation}/', '/{organisation}']) {
      s = s.split(pat).join('');
    }
  }
  s = s.split('{organisation}').join(org);
  return s.split(/\s+/).filter(Boolean).join(' ');
}
