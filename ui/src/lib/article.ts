import type { Article, ArticleInput, ArticleState, ListQuery, RelatedLink } from './types';

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
