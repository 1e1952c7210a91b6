// The only module that talks to Tauri. Everything else in the UI calls the typed
// functions below; no other file may import from `@tauri-apps/*`. Command and event names
// come from the generated bindings (`Command`, `EVENTS`), so a misspelled or removed one
// fails `tsc`; each command has its one wrapper here.
//
// Every rejection is normalised to a plain `BackendError` object ({ code, message, values? })
// so the UI can translate `code` and word the detail from `values`. A rejection that is a string (or
// anything without one of the backend's error codes) becomes { code: 'internal', … }.

import { invoke, isTauri as tauriIsTauri } from '@tauri-apps/api/core';
import { emit, listen } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { rectText } from './figureRef';
import { EVENTS, isErrorCode } from './types';
import type {
  Article,
  ArticleInput,
  ArticlePage,
  ArticleState,
  BackendError,
  BatchEdit,
  BatchPreview,
  BatchResult,
  Command,
  CreditSettings,
  CropRect,
  CropShape,
  DialogText,
  ErrorValues,
  ExportFinished,
  ExportProgress,
  ExportRequest,
  FocalPoint,
  ImportFinished,
  ImportProgress,
  Connected,
  LibraryInfo,
  MenuText,
  ListQuery,
  Photo,
  PhotoCrop,
  PhotoDetails,
  PhotoFraming,
  PhotoPage,
  PhotoQuery,
  PhotoUpdate,
  Preflight,
  RevisionSummary,
  SaveOutcome,
  Changed,
  EditLock,
  Lease,
  TagKind,
} from './types';

/** How Tauri refuses arguments that do not parse, before a command runs (a plain string). */
const TAURI_BAD_ARGS = /^invalid args `[^`]+` for command `[^`]+`/;

/**
 * Map whatever a rejected `invoke` gave us to `{ code, message }`. Commands reject with that
 * shape; Tauri's own refusal of malformed arguments is a string and becomes `invalid_input`.
 * An object with a code the backend does not have is not its error: it becomes `internal`,
 * its code kept in front of the message.
 */
export function toBackendError(e: unknown): BackendError {
  if (typeof e === 'string' && TAURI_BAD_ARGS.test(e)) return { code: 'invalid_input', message: e };
  if (e !== null && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    if (typeof o.code === 'string' && o.code.length > 0) {
      const message = typeof o.message === 'string' ? o.message : o.message == null ? '' : String(o.message);
      if (isErrorCode(o.code)) {
        const values = o.values !== null && typeof o.values === 'object' ? (o.values as ErrorValues) : undefined;
        return values ? { code: o.code, message, values } : { code: o.code, message };
      }
      return { code: 'internal', message: message ? `${o.code}: ${message}` : o.code };
    }
    if (e instanceof Error) return { code: 'internal', message: e.message || String(e) };
    if (typeof o.message === 'string') return { code: 'internal', message: o.message };
  }
  return { code: 'internal', message: String(e) };
}

/** True if `e` looks like a BackendError (code + message strings). */
export function isBackendError(e: unknown): e is BackendError {
  return (
    e !== null &&
    typeof e === 'object' &&
    typeof (e as BackendError).code === 'string' &&
    typeof (e as BackendError).message === 'string'
  );
}

async function call<T>(command: Command, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return (await invoke(command, args)) as T;
  } catch (e) {
    // Reject with a plain { code, message } object: the shape the backend promises.
    throw toBackendError(e);
  }
}

/** True inside the Tauri webview. */
export function isTauri(): boolean {
  try {
    return tauriIsTauri() || (typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window);
  } catch {
    return false;
  }
}

export function libraryInfo(): Promise<LibraryInfo> {
  return call('library_info');
}

/** Opens the library at `location` (a folder or a postgres:// address) and switches to it
 * once it is open; on a failure nothing changes. */
export function connectLibrary(location: string): Promise<Connected> {
  return call('connect_library', { location });
}

/** Switches back to the desk's own library folder. */
export function useOwnLibrary(): Promise<LibraryInfo> {
  return call('use_own_library');
}

export function listArticles(query: ListQuery): Promise<ArticlePage> {
  return call('list_articles', { query });
}

export function getArticle(id: number): Promise<Article> {
  return call('get_article', { id });
}

export function createArticle(input: ArticleInput): Promise<Article> {
  return call('create_article', { input });
}

/**
 * The autosave of content edited from `baseVersion` (the version the editor last loaded):
 * what others stored since is merged; `conflicts` lists the fields where their text stayed.
 */
export function saveArticle(id: number, input: ArticleInput, baseVersion: number): Promise<SaveOutcome> {
  return call('save_article', { id, input, baseVersion });
}

/** Takes the lock on the article's text for this window, or says who holds it. */
export function lockArticle(id: number): Promise<Lease> {
  return call('lock_article', { id });
}

/** Keeps this window's lock while the editor is open; `lost` when someone took it over. */
export function renewLock(id: number): Promise<Lease> {
  return call('renew_lock', { id });
}

/** "Bearbeitung übernehmen": takes the lock from whoever holds it. */
export function takeOverArticle(id: number): Promise<Lease> {
  return call('take_over_article', { id });
}

/** The editor closes: its lock is given up. */
export function releaseLock(id: number): Promise<null> {
  return call('release_lock', { id });
}

/** Who else is editing which article. */
export function editLocks(): Promise<EditLock[]> {
  return call('edit_locks', {});
}

export function deleteArticle(id: number): Promise<null> {
  return call('delete_article', { id });
}

/** Deletes the article if it is an empty draft (the backend guards it); true if it did. */
export function discardEmptyDraft(id: number): Promise<boolean> {
  return call('discard_empty_draft', { id });
}

export function setState(id: number, state: ArticleState): Promise<Article> {
  return call('set_state', { id, state });
}

export function listRevisions(id: number): Promise<RevisionSummary[]> {
  return call('list_revisions', { id });
}

export function getRevision(id: number, rev: number): Promise<Article> {
  return call('get_revision', { id, rev });
}

export function restoreRevision(id: number, rev: number): Promise<Article> {
  return call('restore_revision', { id, rev });
}

export function renderPreview(body: string): Promise<string> {
  return call('render_preview', { body });
}

export function suggest(kind: TagKind, prefix: string): Promise<string[]> {
  return call('suggest', { kind, prefix });
}

export function uiReady(): Promise<null> {
  return call('ui_ready');
}

/**
 * Closing the window: the backend asks first (`EVENTS.closeRequested`), `save` runs (e.g.
 * the autosave flush), then the backend is told to close. If `save` fails or hangs the
 * backend closes after its own timeout anyway.
 */
export async function onCloseRequested(save: () => Promise<unknown>): Promise<() => void> {
  const unlisten = await listen(EVENTS.closeRequested, async () => {
    try {
      await save();
    } catch (e) {
      // Nothing more can be done here: the window closes either way.
      console.error('saving before close failed', e);
    }
    await call('close_ready').catch(() => {});
  });
  return safe(unlisten);
}

// --- Photo desk ---------------------------------------------------------------------------

export function listPhotos(query: PhotoQuery): Promise<PhotoPage> {
  return call('list_photos', { query });
}

export function getPhoto(id: number): Promise<PhotoDetails> {
  return call('get_photo', { id });
}

export function updatePhoto(id: number, update: PhotoUpdate): Promise<Photo> {
  return call('update_photo', { id, update });
}

export function batchEditPhotos(edit: BatchEdit): Promise<BatchResult> {
  return call('batch_edit_photos', { edit });
}

/** What `batchEditPhotos` would change (old → new per photo and field); writes nothing. */
export function previewBatchEditPhotos(edit: BatchEdit): Promise<BatchPreview> {
  return call('preview_batch_edit_photos', { edit });
}

/** Refused with `invalid_state` while an article uses the photo. */
export function deletePhoto(id: number): Promise<null> {
  return call('delete_photo', { id });
}

/** Every crop of a photo as the backend works it out: `original` first, then the office's set. */
export function photoCrops(id: number): Promise<PhotoCrop[]> {
  return call('photo_crops', { id });
}

/**
 * Sets the photo's focal point (null: back to the centre). The crops that follow it move with
 * it; hand-set crops are dropped unless `keepHandSet`.
 */
export function setPhotoFocus(id: number, focus: FocalPoint | null, keepHandSet: boolean): Promise<PhotoFraming> {
  return call('set_photo_focus', { id, focus, keepHandSet });
}

/**
 * Sets a crop by hand (the backend makes its height follow the width, or refuses it with
 * `invalid_input` when it does not fit) or, with `rect` null, lets it follow the focal point again.
 */
export function setPhotoCrop(id: number, name: string, rect: CropRect | null): Promise<PhotoFraming> {
  return call('set_photo_crop', { id, name, rect });
}

/** The office's crop set: the named shapes every photo is cut to, in their order. */
export function cropShapes(): Promise<CropShape[]> {
  return call('crop_shapes');
}

/**
 * Replaces the office's crop set; resolves to it as stored. Refused with `invalid_input` when
 * it breaks a rule of the set (names, the export's four crops, aspects, widths).
 */
export function setCropShapes(shapes: CropShape[]): Promise<CropShape[]> {
  return call('set_crop_shapes', { shapes });
}

/** The crop set a new library starts with (nothing is stored). */
export function defaultCropShapes(): Promise<CropShape[]> {
  return call('default_crop_shapes');
}

/** The press office's spelling word list (names the spell checker accepts), alphabetically. */
export function listDictionaryWords(): Promise<string[]> {
  return call('list_dictionary_words');
}

/** Adds one word to the spelling word list; true if it was new. */
export function addDictionaryWord(word: string): Promise<boolean> {
  return call('add_dictionary_word', { word });
}

/** The words of the web view's context menu, in the UI's language. */
export function setMenuText(text: MenuText): Promise<null> {
  return call('set_menu_text', { text });
}

export function getCreditSettings(): Promise<CreditSettings> {
  return call('get_credit_settings');
}

export function setCreditSettings(settings: CreditSettings): Promise<CreditSettings> {
  return call('set_credit_settings', { settings });
}

/** The multi-select photo dialog (opened by the backend, worded by `text`). [] = cancelled. */
export function pickPhotoFiles(text: DialogText): Promise<string[]> {
  return call('pick_photo_files', { text });
}

/** Starts a background import; resolves with the batch id. Progress arrives as events. */
export function importPhotos(paths: string[]): Promise<number> {
  return call('import_photos', { paths });
}

/** An unsubscribe that never throws (e.g. when the IPC bridge is already gone). */
function safe(unlisten: () => void): () => void {
  return () => {
    try {
      // Tauri's unlisten is async under its `() => void` type.
      void Promise.resolve(unlisten() as unknown).catch(() => {});
    } catch {
      /* nothing left to unsubscribe from */
    }
  };
}

/**
 * The open library changed (a colleague, the CLI, this window): which kinds of rows. Views
 * read what they show again; several changes in a row come as several events.
 */
export async function onLibraryChanged(handler: (changed: Changed) => void): Promise<() => void> {
  return safe(await listen<Changed>(EVENTS.libraryChanged, (e) => handler(e.payload)));
}

/** One event per imported (or refused) file. Resolves with the unsubscribe function. */
export async function onImportProgress(handler: (p: ImportProgress) => void): Promise<() => void> {
  return safe(await listen<ImportProgress>(EVENTS.importProgress, (e) => handler(e.payload)));
}

export async function onImportFinished(handler: (f: ImportFinished) => void): Promise<() => void> {
  return safe(await listen<ImportFinished>(EVENTS.importFinished, (e) => handler(e.payload)));
}

// --- Export ------------------------------------------------------------------------------

/** The export preflight of one article: errors (block the export) and warnings. */
export function preflightArticle(id: number): Promise<Preflight> {
  return call('preflight_article', { id });
}

/** The office's public base URL, if set. */
export function getPublicBaseUrl(): Promise<string | null> {
  return call('get_public_base_url');
}

/** Sets the public base URL (empty: clears it); resolves to it as stored, normalised. */
export function setPublicBaseUrl(url: string): Promise<string | null> {
  return call('set_public_base_url', { url });
}

/** The folder dialog (opened by the backend, worded by `text`), in `start` if given. null = cancelled. */
export function pickExportFolder(start: string | null, text: DialogText): Promise<string | null> {
  return call('pick_export_folder', { start, text });
}

/** Asks a running export batch to stop after the article it is writing. false = not running. */
export function cancelExport(batch: number): Promise<boolean> {
  return call('cancel_export', { batch });
}

/** Names of the bundle folders that already exist in `request.out` for what would be exported. */
export function exportConflicts(request: ExportRequest): Promise<string[]> {
  return call('export_conflicts', { request });
}

/** Starts a background export; resolves with the batch id. Progress arrives as events. */
export function exportArticles(request: ExportRequest): Promise<number> {
  return call('export_articles', { request });
}

/** One event per article of the export. Resolves with the unsubscribe function. */
export async function onExportProgress(handler: (p: ExportProgress) => void): Promise<() => void> {
  return safe(await listen<ExportProgress>(EVENTS.exportProgress, (e) => handler(e.payload)));
}

export async function onExportFinished(handler: (f: ExportFinished) => void): Promise<() => void> {
  return safe(await listen<ExportFinished>(EVENTS.exportFinished, (e) => handler(e.payload)));
}

export type FileDrop = { type: 'enter' | 'over' | 'leave' } | { type: 'drop'; paths: string[] };

/**
 * Files dragged onto the window (the webview's native drag and drop; the browser's own
 * drop events carry no file paths). Resolves with the unsubscribe function.
 */
export async function onFileDrop(handler: (e: FileDrop) => void): Promise<() => void> {
  const unlisten = await getCurrentWebview().onDragDropEvent((event) => {
    const p = event.payload;
    if (p.type === 'drop') handler({ type: 'drop', paths: [...p.paths] });
    else handler({ type: p.type });
  });
  return safe(unlisten);
}

// Images are served by the backend through the `nrphoto` URI scheme. WebView2 (Windows)
// only loads custom schemes as http://<scheme>.localhost/, the other webviews as
// <scheme>://localhost/ (the same switch Tauri's convertFileSrc makes).

export function isWindowsPlatform(): boolean {
  return typeof navigator !== 'undefined' && /windows/i.test(navigator.userAgent);
}

export function photoUrlBase(windows = isWindowsPlatform()): string {
  return windows ? 'http://nrphoto.localhost' : 'nrphoto://localhost';
}

type PhotoUrlOverride = (kind: 'thumb' | 'rendition' | 'crop', id: number, width?: number) => string;
let photoUrlOverride: PhotoUrlOverride | null = null;

/** Development only (fake backend): produce image URLs without the nrphoto scheme. */
export function setPhotoUrlOverride(fn: PhotoUrlOverride | null): void {
  photoUrlOverride = fn;
}

function withVersion(url: string, version?: string | null): string {
  return version ? `${url}?v=${encodeURIComponent(version)}` : url;
}

/** 320 px JPEG thumbnail. `version` (the photo's updated_at) busts the webview's cache. */
export function thumbUrl(id: number, version?: string | null): string {
  if (photoUrlOverride) return photoUrlOverride('thumb', id);
  return withVersion(`${photoUrlBase()}/thumb/${id}`, version);
}

/** The best JPEG rendition at most `width` pixels wide. */
export function renditionUrl(id: number, width: number, version?: string | null): string {
  if (photoUrlOverride) return photoUrlOverride('rendition', id, width);
  return withVersion(`${photoUrlBase()}/rendition/${id}/${Math.round(width)}`, version);
}

/**
 * The best JPEG of the photo's crop `name` at most `width` pixels wide, or of `rect` in its
 * place: article `article`'s own rectangle of that crop (in the upright photo's pixels), kept
 * as that article's set, which its export then takes.
 */
export function cropRenditionUrl(id: number, name: string, rect: CropRect | null, width: number, article = 0): string {
  if (photoUrlOverride) return photoUrlOverride('crop', id, width);
  const url = `${photoUrlBase()}/crop/${id}/${encodeURIComponent(name)}/${Math.round(width)}`;
  if (!rect) return url;
  const own = `${url}?rect=${rectText(rect)}`;
  return article > 0 ? `${own}&a=${Math.trunc(article)}` : own;
}

/**
 * Development only: answer IPC calls in a plain browser (`npm run dev` without Tauri)
 * with `handler`. Loaded lazily so the mock code never runs inside the app. Events
 * (`listen`/`emit`) are mocked in-process too.
 */
export async function installMockBackend(
  handler: (cmd: Command, args: Record<string, unknown>) => unknown,
): Promise<void> {
  const { mockIPC } = await import('@tauri-apps/api/mocks');
  mockIPC((cmd, payload) => handler(cmd as Command, (payload ?? {}) as Record<string, unknown>), { shouldMockEvents: true });
}

/** The name of an event the backend emits. */
export type EventName = (typeof EVENTS)[keyof typeof EVENTS];

/** Development only: emit an event as the backend would (after installMockBackend). */
export async function emitMockEvent(event: EventName, payload: unknown): Promise<void> {
  await emit(event, payload);
}
