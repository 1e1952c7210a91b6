// The IPC contract between the UI and the Rust backend (src-tauri/src/commands.rs).
// Field names are the public article JSON format (snake_case), identical to the CLI's `--json`.

export type ArticleState = 'draft' | 'review' | 'ready' | 'exported';
export const ARTICLE_STATES: ArticleState[] = ['draft', 'review', 'ready', 'exported'];

export interface RelatedLink {
  label: string;
  url: string;
}

/** What the editor sends on create/save: every editable field. */
export interface ArticleInput {
  kicker: string;
  headline: string;
  teaser: string;
  /** CommonMark. Rendered to HTML by the backend only. */
  body: string;
  related_links: RelatedLink[];
  topics: string[];
  places: string[];
  /** RFC 3339 in UTC ("2025-11-12T09:30:00Z") or null. Shown in Europe/Berlin. */
  published_at: string | null;
  embargo_until: string | null;
  author: string;
  contact: string;
}

export interface Article extends ArticleInput {
  id: number;
  state: ArticleState;
  created_at: string;
  updated_at: string;
  /** Seam for the photo desk (issue 3); always null for now. */
  lead_photo: null | { photo_id: number; caption: string | null; alt_text: string | null };
}

export interface ArticleSummary {
  id: number;
  kicker: string;
  headline: string;
  teaser: string;
  state: ArticleState;
  topics: string[];
  places: string[];
  published_at: string | null;
  updated_at: string;
}

export interface ListQuery {
  /** Full-text query; empty or absent lists everything newest first. */
  text?: string;
  state?: ArticleState | null;
  topic?: string | null;
  limit?: number;
  offset?: number;
}

export interface ArticlePage {
  items: ArticleSummary[];
  total: number;
  /** true: ordered by relevance; false: newest first (no text, or a search with > 2,000 hits). */
  ranked: boolean;
}

export interface RevisionSummary {
  /** 1, 2, 3 ... per article */
  rev: number;
  created_at: string;
  state: ArticleState;
  headline: string;
  /** why it was kept: "create" | "edit" | "state" | "restore" */
  reason: string;
}

export interface LibraryInfo {
  path: string;
  article_count: number;
}

/** Every backend error crosses IPC in this shape. `code` is stable and translated by the UI. */
export interface BackendError {
  code:
    | 'not_found'
    | 'invalid_input'
    | 'invalid_state'
    | 'database'
    | 'io'
    | 'library_locked'
    | 'internal'
    | string;
  message: string;
}

/*
 * Commands (invoke name -> args -> result):
 *   library_info        {}                                  -> LibraryInfo
 *   list_articles       { query: ListQuery }                -> ArticlePage
 *   get_article         { id: number }                      -> Article
 *   create_article      { input: ArticleInput }             -> Article
 *   save_article        { id: number, input: ArticleInput } -> Article   (autosave; backend decides on revisions)
 *   delete_article      { id: number }                      -> null
 *   set_state           { id: number, state: ArticleState } -> Article
 *   list_revisions      { id: number }                      -> RevisionSummary[]   (newest first)
 *   get_revision        { id: number, rev: number }         -> Article   (the content as it was; not saved)
 *   restore_revision    { id: number, rev: number }         -> Article
 *   render_preview      { body: string }                    -> string    (sanitized HTML)
 *   suggest             { kind: 'topic' | 'place', prefix: string } -> string[]
 *   ui_ready            {}                                  -> null      (list is interactive; startup timing)
 *   close_ready         {}                                  -> null      (after the event newsroom://close-requested: saved, close the window)
 */
