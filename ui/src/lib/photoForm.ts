// The media library's edit forms as data: one photo's fields (PhotoEditor) and the batch
// edit of several (BatchPanel), and what each sends to the backend.

import type { BatchEdit, Photo, PhotoUpdate } from './types';
import { PREFLIGHT_LIMITS } from './bindings';

export type PhotoForm = Required<PhotoUpdate>;

export const TEXT_FIELDS = [
  'caption',
  'alt_text',
  'credit',
  'creator',
  'copyright',
  'headline',
  'city',
  'location',
  'country',
] as const;

export type PhotoTextField = (typeof TEXT_FIELDS)[number];

/** Above this many characters the alt text gets a warning (the preflight's limit). */
export const ALT_TEXT_MAX_HINT = PREFLIGHT_LIMITS.alt;

export function photoToForm(p: Photo): PhotoForm {
  return {
    caption: p.caption,
    alt_text: p.alt_text,
    credit: p.credit,
    creator: p.creator,
    copyright: p.copyright,
    headline: p.headline,
    city: p.city,
    location: p.location,
    country: p.country,
    keywords: [...p.keywords],
  };
}

/**
 * What update_photo gets: only the fields that differ from what is stored. An empty
 * credit is never sent (the backend refuses it); the stored credit stays until a new one
 * is typed.
 */
export function buildPhotoUpdate(base: Photo, form: PhotoForm): PhotoUpdate {
  const u: PhotoUpdate = {};
  for (const k of TEXT_FIELDS) {
    if (form[k] !== base[k]) u[k] = form[k];
  }
  if (u.credit !== undefined && u.credit.trim() === '') delete u.credit;
  const kw = form.keywords;
  if (kw.length !== base.keywords.length || kw.some((x, i) => x !== base.keywords[i])) u.keywords = [...kw];
  return u;
}

export interface BatchChoices {
  applyTemplate: boolean;
  creator: string;
  caption: string;
}

/** Empty inputs change nothing (null); the ids keep the grid's order. */
export function buildBatchEdit(ids: number[], c: BatchChoices): BatchEdit {
  const creator = c.creator.trim();
  const caption = c.caption.trim();
  return {
    ids: [...ids],
    creator: creator ? creator : null,
    caption: caption ? caption : null,
    apply_template: c.applyTemplate,
  };
}

export function batchHasChanges(e: BatchEdit): boolean {
  return e.apply_template || e.creator != null || e.caption != null;
}
