import type { Article, ArticleInput, ArticleState, HeldField, ListQuery, RelatedLink } from './types';

/** What "Neuer Artikel" sends to create_article. */
export function emptyArticleInput(): ArticleInput {
  return {
    kicker: '',
    headline: '',
    teaser: '',
    body: '',
    related_links: [],
    topics: [],
    places: [],
    published_at: null,
    embargo_until: null,
    author: '',
    contact: '',
    lead_photo: null,
  };
}

/** The editable part of an article (what save_article takes). */
export function articleToInput(a: Article | ArticleInput): ArticleInput {
  return {
    kicker: a.kicker ?? '',
    headline: a.headline ?? '',
    teaser: a.teaser ?? '',
    body: a.body ?? '',
    related_links: (a.related_links ?? []).map((l: RelatedLink) => ({ label: l.label ?? '', url: l.url ?? '' })),
    topics: [...(a.topics ?? [])],
    places: [...(a.places ?? [])],
    published_at: a.published_at ?? null,
    embargo_until: a.embargo_until ?? null,
    author: a.author ?? '',
    contact: a.contact ?? '',
    lead_photo: a.lead_photo
      ? { photo_id: a.lead_photo.photo_id, caption: a.lead_photo.caption ?? null, alt_text: a.lead_photo.alt_text ?? null }
      : null,
  };
}

/**
 * `input` with each held value (typed, but not taken by the library) back in its field, so the
 * editor shows what was typed and keeps sending it until it fits. Lists held as unreadable
 * JSON, and fields the form does not have, stay as they are (as the backend's `with_held`).
 */
export function withHeld(input: ArticleInput, held: readonly HeldField[] | undefined): ArticleInput {
  const out = { ...input };
  for (const h of held ?? []) {
    switch (h.field) {
      case 'kicker':
      case 'headline':
      case 'teaser':
      case 'body':
      case 'author':
      case 'contact':
      case 'published_at':
      case 'embargo_until':
        out[h.field] = h.value;
        break;
      case 'topics':
      case 'places':
        out[h.field] = parseList(h.value) ?? out[h.field];
        break;
      case 'lead_photo.caption':
        if (out.lead_photo) out.lead_photo = { ...out.lead_photo, caption: h.value };
        break;
      case 'lead_photo.alt_text':
        if (out.lead_photo) out.lead_photo = { ...out.lead_photo, alt_text: h.value };
        break;
    }
  }
  return out;
}

function parseList(json: string): string[] | null {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
  } catch {
    return null;
  }
}

/** Add a tag unless it is blank or already there (case-insensitive). Returns a new list. */
export function addTag(list: string[], raw: string): string[] {
  const tag = raw.replace(/\s+/g, ' ').trim();
  if (!tag) return list;
  if (list.some((x) => x.toLocaleLowerCase('de') === tag.toLocaleLowerCase('de'))) return list;
  return [...list, tag];
}

export function moveItem<T>(list: T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return list;
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

/** The article list's search and filters (kept by App while the editor is open). */
export interface ListFilters {
  text: string;
  state: ArticleState | '';
  topic: string;
}

/** One page of the list as list_articles takes it: blank filters are left out. */
export function buildListQuery(filters: ListFilters, limit: number, offset: number): ListQuery {
  const q: ListQuery = { limit, offset };
  const text = filters.text.trim();
  if (text) q.text = text;
  q.state = filters.state || null;
  q.topic = filters.topic || null;
  return q;
}

/**
 * After a save that merged what another writer stored: the form with the stored value in each
 * field that the save sent unchanged from the form (the user has not typed there since) but
 * that is stored differently now, and those fields. Fields typed into meanwhile keep the
 * typing; the next save merges them.
 */
export function takeStored(
  form: ArticleInput,
  sent: ArticleInput,
  stored: ArticleInput,
): { form: ArticleInput; changed: (keyof ArticleInput)[] } {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const out: Record<string, unknown> = { ...form };
  const changed: (keyof ArticleInput)[] = [];
  for (const key of Object.keys(stored) as (keyof ArticleInput)[]) {
    if (!same(stored[key], sent[key]) && same(form[key], sent[key])) {
      out[key] = stored[key];
      changed.push(key);
    }
  }
  return { form: out as unknown as ArticleInput, changed };
}
