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
  /** The article's lead photo (Aufmacherbild) or null. */
  lead_photo: LeadPhoto | null;
}

export interface Article extends ArticleInput {
  id: number;
  state: ArticleState;
  created_at: string;
  updated_at: string;
  /** Read-only: when the article was last exported (RFC 3339 UTC), or null. Treat undefined like null. */
  exported_at: string | null;
  /** Read-only: the bundle folder of the last export (absolute path), or null. */
  exported_to: string | null;
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
  lead_photo_id: number | null;
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

// --- Photo desk ---------------------------------------------------------------------------

export type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'tiff';
export type CreditSource = 'none' | 'file' | 'template' | 'edited';

export interface Photo {
  id: number;
  sha256: string;
  format: PhotoFormat;
  bytes: number;
  width: number;
  height: number;
  orientation: number;
  original_name: string;
  caption: string;
  credit: string;
  credit_source: CreditSource;
  creator: string;
  copyright: string;
  alt_text: string;
  headline: string;
  date_created: string | null;
  city: string;
  location: string;
  country: string;
  keywords: string[];
  camera: string;
  has_gps: boolean;
  imported_at: string;
  updated_at: string;
  usage_count: number;
}

export interface PhotoUse {
  article_id: number;
  headline: string;
  role: 'lead' | 'figure';
}

/** What the file itself said at import (null = not in the file). */
export interface FileMeta {
  caption: string | null;
  credit: string | null;
  creator: string | null;
  copyright: string | null;
  alt_text: string | null;
  headline: string | null;
  date_created: string | null;
  city: string | null;
  keywords: string[];
  orientation: number;
  camera: string | null;
  has_gps: boolean;
  [k: string]: unknown;
}

export interface PhotoDetails extends Photo {
  used_in: PhotoUse[];
  /** Other photos that look the same, nearest first. */
  near_duplicates: number[];
  file_meta: FileMeta;
}

export type PhotoFilter = 'all' | 'no_credit' | 'no_alt_text' | 'unused';
export const PHOTO_FILTERS: PhotoFilter[] = ['all', 'no_credit', 'no_alt_text', 'unused'];

export interface PhotoQuery {
  filter?: PhotoFilter;
  text?: string | null;
  limit?: number;
  offset?: number;
}

export interface PhotoPage {
  items: Photo[];
  total: number;
}

/** Only present fields change. `credit` may not be empty (invalid_input). */
export interface PhotoUpdate {
  caption?: string;
  credit?: string;
  creator?: string;
  copyright?: string;
  alt_text?: string;
  headline?: string;
  city?: string;
  location?: string;
  country?: string;
  keywords?: string[];
}

export interface BatchEdit {
  ids: number[];
  creator?: string | null;
  caption?: string | null;
  apply_template: boolean;
}

export interface BatchResult {
  updated: Photo[];
  skipped: { id: number; reason: string }[];
}

/** Default template: "Bild: {organisation} / {creator}". */
export interface CreditSettings {
  organisation: string;
  template: string;
}

/** caption / alt_text null = the photo's own. */
export interface LeadPhoto {
  photo_id: number;
  caption: string | null;
  alt_text: string | null;
}

export interface ImportItem {
  file: string;
  ok: boolean;
  photo?: Photo;
  /** The same file was already in the library. */
  duplicate?: boolean;
  near_duplicates?: number[];
  error?: { code: string; message: string };
}

/** Event newsroom://import-progress, once per file. */
export interface ImportProgress {
  batch: number;
  done: number;
  total: number;
  item: ImportItem;
}

/** Event newsroom://import-finished. */
export interface ImportFinished {
  batch: number;
  imported: number;
  duplicates: number;
  failed: number;
}

// --- Export ------------------------------------------------------------------------------

export type CheckLevel = 'error' | 'warning';

/**
 * One preflight finding. `code` is stable (the UI translates it), `field` is "headline",
 * "teaser", "published_at", "lead_photo", "body", "related_links", "related_links[N]"
 * (0-based) or "embargo_until"; `detail` is English (the URL, the length, the date).
 */
export interface PreflightCheck {
  level: CheckLevel;
  code: string;
  field: string;
  photo_id: number | null;
  /** English detail (shown as is when the UI has nothing better). */
  detail: string;
  /** Length warnings: the length and the most allowed, in characters. */
  chars?: number;
  limit?: number;
  /** embargo_pending: when the embargo ends (RFC 3339). */
  until?: string;
}

/** ok = no errors (warnings allowed). Errors first, then warnings, each in field order. */
export interface Preflight {
  article_id: number;
  ok: boolean;
  checks: PreflightCheck[];
}

export type ExportFormat = 'html' | 'ninjs' | 'both';
export const EXPORT_FORMATS: ExportFormat[] = ['html', 'ninjs', 'both'];

export interface ExportRequest {
  /** null = every article in state ready. */
  ids: number[] | null;
  format: ExportFormat;
  /** HTML only: a fragment for pasting into a CMS instead of a whole page. */
  fragment: boolean;
  /** The target folder (absolute path). */
  out: string;
  /** Replace bundle folders that already exist. */
  force: boolean;
}

export interface ExportedBundle {
  article_id: number;
  headline: string;
  /** e.g. "2025-11-12-kita-eroeffnet" */
  name: string;
  /** absolute path */
  folder: string;
  /** relative to folder, sorted */
  files: string[];
  replaced: boolean;
}

/** The blocking checks (errors), or one check with code 'not_ready' when the article is not Freigegeben/Exportiert. */
export interface HeldBack {
  article_id: number;
  headline: string;
  checks: PreflightCheck[];
}

export interface ExportFailure {
  article_id: number;
  headline: string;
  error: BackendError;
}

/** The bundle folder existed and force was false. */
export interface ExportSkip {
  article_id: number;
  headline: string;
  name: string;
}

/** An article a cancelled batch did not get to; unchanged. */
export interface ExportNotStarted {
  article_id: number;
  headline: string;
}

export interface ExportReport {
  out: string;
  format: ExportFormat;
  exported: ExportedBundle[];
  held_back: HeldBack[];
  failed: ExportFailure[];
  skipped_existing: ExportSkip[];
  /** Not started because the batch was cancelled. */
  cancelled: ExportNotStarted[];
  /** Files written in `out` itself, e.g. ["feed.json", "index.html"], or []. */
  listing: string[];
}

export type ExportItemStatus = 'exported' | 'held_back' | 'failed' | 'exists';

/** Event newsroom://export-progress, once per article. */
export interface ExportProgress {
  batch: number;
  done: number;
  total: number;
  article_id: number;
  headline: string;
  status: ExportItemStatus;
}

/** Event newsroom://export-finished. */
/** The end of a batch: its report, or (report null) why nothing could be written at all,
 *  e.g. an output folder that is a file or cannot be made. */
export interface ExportFinished {
  batch: number;
  report: ExportReport | null;
  error?: BackendError | null;
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
 *   list_photos         { query: PhotoQuery }               -> PhotoPage
 *   get_photo           { id: number }                      -> PhotoDetails
 *   update_photo        { id: number, update: PhotoUpdate } -> Photo
 *   batch_edit_photos   { edit: BatchEdit }                 -> BatchResult
 *   delete_photo        { id: number }                      -> null      (invalid_state while used)
 *   get_credit_settings {}                                  -> CreditSettings
 *   set_credit_settings { settings: CreditSettings }        -> CreditSettings
 *   pick_photo_files    {}                                  -> string[]  (native dialog; [] = cancelled)
 *   import_photos       { paths: string[] }                 -> number    (batch id; runs in the background)
 *   preflight_article   { id: number }                      -> Preflight
 *   pick_export_folder  { start: string | null }            -> string | null (native folder dialog in start; null = cancelled)
 *   export_conflicts    { request: ExportRequest }          -> string[]  (bundle folder names that already exist in out)
 *   export_articles     { request: ExportRequest }          -> number    (batch id; runs in the background)
 *   cancel_export       { batch: number }                   -> boolean   (stop after the article being written; false = not running)
 * Events: newsroom://import-progress (ImportProgress), newsroom://import-finished (ImportFinished),
 *         newsroom://export-progress (ExportProgress), newsroom://export-finished (ExportFinished).
 * Images: nrphoto://localhost/thumb/<id>, nrphoto://localhost/rendition/<id>/<width>
 *         (Windows: http://nrphoto.localhost/...).
 */
