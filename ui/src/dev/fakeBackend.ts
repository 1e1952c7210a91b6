// Development and tests only: the backend as it once answered. golden.json is recorded from
// the real backend (src-tauri/tests/golden.rs: a library built from real photos, and what its
// commands returned); reads are served from it, writes are stored as they come, with none of
// the backend's rules. Nothing is worked out here: what was not recorded fails loudly in
// tests (the call rejects and the test fails after it) and answers something empty in the
// browser dev server. A test that needs another answer gives it: an override in installIpc,
// or an answer added to the library (its previews, preflights, export runs …).
// Never part of a production build (main.ts loads it behind `import.meta.env.DEV`).

import { emitMockEvent, installMockBackend, setPhotoUrlOverride, type EventName } from '../lib/backend';
import {
  EVENTS,
  type Article,
  type ArticlePage,
  type ArticleState,
  type ArticleSummary,
  type BatchEdit,
  type Command,
  type CreditSettings,
  type CropRect,
  type CropShape,
  type EditLock,
  type ErrorCode,
  type ErrorPayload,
  type ExportProgress,
  type ExportReport,
  type ExportRequest,
  type FocalPoint,
  type ImportItem,
  type Connected,
  type LibraryInfo,
  type ListQuery,
  type Photo,
  type PhotoCrop,
  type PhotoDetails,
  type PhotoFraming,
  type PhotoPage,
  type PhotoQuery,
  type PhotoUpdate,
  type Preflight,
  type RevisionSummary,
  type TagKind,
} from '../lib/types';
import recording from './golden.json';

/** One export as the backend played it: its progress (without the batch id) and its report. */
export interface ExportRun {
  request: ExportRequest;
  progress: Omit<ExportProgress, 'batch'>[];
  report: ExportReport;
  /** The report when the batch is cancelled while it runs. */
  cancelled?: ExportReport;
}

/** A photo's crops as the backend worked them out for one framing (focal point, hand-set crops). */
export interface RecordedCrops {
  photo_id: number;
  focus: FocalPoint | null;
  hand_set: Record<string, CropRect>;
  crops: PhotoCrop[];
}

/** What golden.json holds (see src-tauri/tests/golden.rs). */
export interface Golden {
  now: string;
  ids: Record<string, number>;
  library_info: LibraryInfo;
  credit_settings: CreditSettings;
  crop_shapes: CropShape[];
  default_crop_shapes: CropShape[];
  articles: Article[];
  revisions: Record<string, RevisionSummary[]>;
  revision_content: Record<string, Article>;
  previews: Record<string, string>;
  preflights: Record<string, Preflight>;
  bundle_names: Record<string, string>;
  lists: { query: ListQuery; page: ArticlePage }[];
  suggestions: { kind: TagKind; prefix: string; result: string[] }[];
  photos: PhotoDetails[];
  photo_lists: { query: PhotoQuery; page: PhotoPage }[];
  crops: RecordedCrops[];
  imports: ImportItem[];
  export: Omit<ExportRun, 'cancelled'>;
  conflicts: { request: ExportRequest; names: string[] }[];
  errors: Partial<Record<ErrorCode, ErrorPayload>>;
}

export const golden = recording as unknown as Golden;

type Args = Record<string, unknown>;
/** An event as the backend emits it, without its batch id. */
type Emitted = [EventName, object];

const copy = <T>(v: T): T => structuredClone(v);
/** JSON with sorted keys: requests compare equal whatever order their fields came in. */
const sorted = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
const same = (a: unknown, b: unknown) => sorted(a) === sorted(b);
/** The filters of a query, without paging: how recorded lists are found. */
const listKey = (q: ListQuery) => JSON.stringify([q.text || null, q.state ?? null, q.topic ?? null]);
const photoKey = (q: PhotoQuery) => JSON.stringify([q.filter, q.text || null]);

const newest = <T>(list: T[], match: (x: T) => boolean): T | undefined => [...list].reverse().find(match);

/** Nothing typed or chosen (the fake's copy of the backend's guard). */
function isBlank(a: Article): boolean {
  const texts = [a.kicker, a.headline, a.teaser, a.body, a.author, a.contact];
  return (
    texts.every((x) => !x.trim()) &&
    !a.related_links.length &&
    !a.topics.length &&
    !a.places.length &&
    !a.published_at &&
    !a.embargo_until &&
    !a.lead_photo &&
    !a.held?.length
  );
}

function fail(code: ErrorCode, message: string): never {
  throw { code, message } satisfies ErrorPayload;
}

/** A page of a recorded result, as the query's offset and limit cut it. */
function paged<T>(items: T[], q: { offset?: number | null; limit?: number | null }): T[] {
  const from = q.offset ?? 0;
  return items.slice(from, from + (q.limit ?? items.length));
}

export class FakeLibrary {
  /** The library as stored: the recorded one, then what was written. */
  readonly articles = new Map(golden.articles.map((a) => [a.id, copy(a)]));
  readonly photos = new Map(golden.photos.map((p) => [p.id, copy(p)]));
  credit = copy(golden.credit_settings);
  cropShapes = copy(golden.crop_shapes);
  baseUrl: string | null = null;
  /** Recorded answers, keyed as they are asked for. */
  readonly previews = new Map(Object.entries(golden.previews));
  readonly preflights = new Map(Object.entries(golden.preflights).map(([id, p]) => [Number(id), copy(p)]));
  readonly revisions = new Map(Object.entries(golden.revisions).map(([id, r]) => [Number(id), copy(r)]));
  readonly revisionContent = new Map(Object.entries(golden.revision_content));
  readonly lists = copy(golden.lists);
  readonly photoLists = copy(golden.photo_lists);
  readonly suggestions = copy(golden.suggestions);
  /** The crops recorded per framing; one a test adds wins over the recorded one. */
  readonly crops = copy(golden.crops);
  /** Export runs and conflict answers; one a test adds wins over the recorded one. */
  readonly conflicts = copy(golden.conflicts);
  readonly exports: ExportRun[] = [copy(golden.export)];
  /** The import batch import_photos plays, for the files pick_photo_files answers. */
  imports = copy(golden.imports);
  pickedFiles = golden.imports.map((i) => i.file);
  /** What pick_export_folder answers (null = the dialog was cancelled). */
  exportFolder: string | null = golden.export.request.out;
  /** ms between two events of an import or export. */
  stepMs = 250;
  /** How events reach the UI (installIpc and installFakeBackend wire it). */
  emit: (event: EventName, payload: unknown) => void = () => {};
  /** Locks other windows hold on articles' text; a test sets one to stand for a colleague. */
  readonly locks = new Map<number, EditLock>();
  /** The articles this window holds the lock on. */
  readonly held = new Set<number>();
  /** Calls nothing was recorded for (strict mode), for the test to fail on. */
  readonly unrecorded: string[] = [];
  private readonly strict: boolean;
  private nextId = Math.max(...golden.articles.map((a) => a.id)) + 1;
  private nextBatch = 1;
  private readonly running = new Map<number, () => void>();

  /** `strict` (tests): an unrecorded read rejects and is kept in `unrecorded`. */
  constructor({ strict = true } = {}) {
    this.strict = strict;
  }

  /** The library a connect switched to (recorded answers are the own library's). */
  private library: LibraryInfo | null = null;

  private ownLock(id: number): EditLock {
    return { article_id: id, holder: 'Ich', since: golden.now, expires_at: golden.now };
  }

  private libraryInfo(): LibraryInfo {
    return { ...(this.library ?? golden.library_info), article_count: this.articles.size };
  }

  handle(cmd: Command, args: Args): unknown {
    const id = args.id as number;
    switch (cmd) {
      case 'library_info':
        return this.libraryInfo();
      case 'connect_library': {
        const location = String(args.location).trim();
        const kind = location.startsWith('postgres') ? 'server' : 'folder';
        this.library = { ...golden.library_info, kind, display: location, name: location, own: false };
        return { library: this.libraryInfo(), remembered: true } satisfies Connected;
      }
      case 'use_own_library':
        this.library = null;
        return this.libraryInfo();
      case 'list_articles':
        return this.listArticles(args.query as ListQuery);
      case 'get_article':
        return copy(this.article(id));
      case 'create_article': {
        const t = golden.now;
        const stamps = { created_at: t, updated_at: t, exported_at: null, exported_to: null };
        const a: Article = { ...copy(args.input as Article), id: this.nextId++, state: 'draft', ...stamps };
        this.articles.set(a.id, a);
        return copy(a);
      }
      case 'save_article': {
        // Stored without rules, as the one writer: nothing to merge.
        const version = this.article(id).version + 1;
        const saved = this.store(id, { ...(args.input as Partial<Article>), version });
        return { ...saved, conflicts: [], merged: false };
      }
      case 'lock_article':
      case 'renew_lock': {
        this.article(id);
        const other = this.locks.get(id);
        if (other) {
          const lost = cmd === 'renew_lock' && this.held.delete(id);
          return { status: lost ? 'lost' : 'busy', lock: copy(other) };
        }
        this.held.add(id);
        return { status: 'held', lock: this.ownLock(id) };
      }
      case 'take_over_article':
        this.article(id);
        this.locks.delete(id);
        this.held.add(id);
        return { status: 'held', lock: this.ownLock(id) };
      case 'release_lock':
        this.held.delete(id);
        return null;
      case 'edit_locks':
        return [...this.locks.values()].map(copy);
      case 'delete_article':
        this.article(id);
        this.articles.delete(id);
        return null;
      case 'discard_empty_draft': {
        const a = this.article(id);
        const blank = a.state === 'draft' && !a.exported_at && isBlank(a) && !this.revisions.get(id)?.length;
        if (blank) this.articles.delete(id);
        return blank;
      }
      case 'set_state':
        return this.store(id, { state: args.state as ArticleState });
      case 'list_revisions':
        return this.answer(cmd, args, this.revisions.get(id), () => []);
      case 'get_revision':
        return this.answer(cmd, args, this.revisionContent.get(`${id}:${String(args.rev)}`));
      case 'restore_revision': {
        const rev = this.answer(cmd, args, this.revisionContent.get(`${id}:${String(args.rev)}`));
        const { id: _id, state: _s, created_at: _c, updated_at: _u, exported_at: _ea, exported_to: _et, ...content } = rev;
        return this.store(id, content);
      }
      case 'render_preview':
        return this.answer(cmd, args, this.previews.get(String(args.body)), () => '');
      case 'suggest': {
        const s = this.suggestions.find((x) => x.kind === args.kind && x.prefix === args.prefix);
        return this.answer(cmd, args, s?.result, () => []);
      }
      case 'ui_ready':
      case 'close_ready':
      case 'set_menu_text':
        return null;
      case 'list_photos':
        return this.listPhotos(args.query as PhotoQuery);
      case 'get_photo':
        return copy(this.photo(id));
      case 'update_photo':
        Object.assign(this.photo(id), copy(args.update as PhotoUpdate));
        return this.photoOut(id);
      case 'batch_edit_photos':
        return this.batchEdit(args.edit as BatchEdit);
      case 'preview_batch_edit_photos':
        // The preview is the backend's rule: tests give it; the dev server overwrites nothing.
        return this.answer(cmd, args, undefined, () => ({ changes: [], caption_warnings: [], skipped: [], overwrites: false }));
      case 'delete_photo':
        this.photo(id);
        this.photos.delete(id);
        return null;
      case 'photo_crops':
        return this.cropsOf(cmd, args, id);
      case 'set_photo_focus': {
        // Stored as it comes; the crops are the ones recorded for the framing it makes.
        const p = this.photo(id);
        p.focus = copy(args.focus as FocalPoint | null);
        if (!args.keepHandSet) p.crops = {};
        return this.framing(cmd, args, id);
      }
      case 'set_photo_crop': {
        const p = this.photo(id);
        const { [String(args.name)]: _old, ...others } = p.crops;
        const rect = args.rect as CropRect | null;
        p.crops = rect ? { ...others, [String(args.name)]: copy(rect) } : others;
        return this.framing(cmd, args, id);
      }
      case 'crop_shapes':
        return copy(this.cropShapes);
      case 'set_crop_shapes':
        // Stored as it comes: the set's rules are the backend's.
        this.cropShapes = copy(args.shapes as CropShape[]);
        return copy(this.cropShapes);
      case 'default_crop_shapes':
        return copy(golden.default_crop_shapes);
      case 'get_credit_settings':
        return copy(this.credit);
      case 'set_credit_settings':
        this.credit = copy(args.settings as CreditSettings);
        return copy(this.credit);
      case 'pick_photo_files':
        return [...this.pickedFiles];
      case 'import_photos':
        return this.startImport(cmd, args);
      case 'preflight_article':
        return this.answer(cmd, args, this.preflights.get(id));
      case 'get_public_base_url':
        return this.baseUrl;
      case 'set_public_base_url':
        // Kept as typed: checking and normalising it is the backend's.
        this.baseUrl = String(args.url ?? '').trim() || null;
        return this.baseUrl;
      case 'pick_export_folder':
        return this.exportFolder;
      case 'export_conflicts': {
        const c = newest(this.conflicts, (x) => same(x.request, args.request));
        return this.answer(cmd, args, c?.names, () => []);
      }
      case 'export_articles':
        return this.startExport(cmd, args);
      case 'cancel_export': {
        const stop = this.running.get(args.batch as number);
        stop?.();
        return stop !== undefined;
      }
    }
    return fail('internal', `unknown command ${String(cmd)}`);
  }

  /**
   * A recorded answer. Nothing recorded: in tests the call rejects and the test fails after
   * it; the dev server answers `harmless` (or, without one, rejects too).
   */
  private answer<T>(cmd: Command, args: Args, recorded: T | undefined, harmless?: () => T): T {
    if (recorded !== undefined) return copy(recorded);
    const what = `${cmd} ${JSON.stringify(args)}`;
    const message = `fake backend: nothing recorded for ${what}`;
    if (this.strict) this.unrecorded.push(what);
    else {
      console.warn(message);
      if (harmless) return harmless();
    }
    return fail('internal', message);
  }

  private article(id: number): Article {
    return this.articles.get(id) ?? fail('not_found', `article ${id} not found`);
  }

  private store(id: number, fields: Partial<Article>): Article {
    return copy(Object.assign(this.article(id), copy(fields)));
  }

  private summary(a: Article): ArticleSummary {
    const { id, kicker, headline, teaser, state, topics, places, published_at, updated_at } = a;
    const lead_photo_id = a.lead_photo?.photo_id ?? null;
    return { id, kicker, headline, teaser, state, topics, places, published_at, updated_at, lead_photo_id };
  }

  /** The recorded result of these filters, with what is stored now (deleted articles left out). */
  private listArticles(q: ListQuery): ArticlePage {
    const rec = this.lists.find((l) => listKey(l.query) === listKey(q));
    const page = this.answer('list_articles', { query: q }, rec?.page, () => ({ items: [], total: 0, ranked: false }));
    const items = page.items.filter((i) => this.articles.has(i.id)).map((i) => this.summary(this.article(i.id)));
    return { ...page, items: paged(items, q), total: page.total - (page.items.length - items.length) };
  }

  private photo(id: number): PhotoDetails {
    return this.photos.get(id) ?? fail('not_found', `photo ${id} not found`);
  }

  private photoOut(id: number): Photo {
    const { used_in: _u, near_duplicates: _n, file_meta: _f, ...photo } = copy(this.photo(id));
    return photo;
  }

  private listPhotos(q: PhotoQuery): PhotoPage {
    const rec = this.photoLists.find((l) => photoKey(l.query) === photoKey(q));
    const page = this.answer('list_photos', { query: q }, rec?.page, () => ({ items: [], total: 0 }));
    const items = page.items.filter((p) => this.photos.has(p.id)).map((p) => this.photoOut(p.id));
    return { items: paged(items, q), total: page.total - (page.items.length - items.length) };
  }

  /**
   * The crops recorded for the photo's framing as stored now. The dev server shows a framing
   * nobody recorded with the photo's crops as first recorded.
   */
  private cropsOf(cmd: Command, args: Args, id: number): PhotoCrop[] {
    const p = this.photo(id);
    const rec = newest(this.crops, (c) => c.photo_id === id && same(c.focus, p.focus) && same(c.hand_set, p.crops));
    return this.answer(cmd, args, rec?.crops, () => copy(this.crops.find((c) => c.photo_id === id)?.crops ?? []));
  }

  private framing(cmd: Command, args: Args, id: number): PhotoFraming {
    return { photo: this.photoOut(id), crops: this.cropsOf(cmd, args, id) };
  }

  /** Creator and caption are stored; the credit template is the backend's to apply. */
  private batchEdit(edit: BatchEdit) {
    if (edit.apply_template) this.answer('batch_edit_photos', { edit }, undefined, () => null);
    for (const id of edit.ids) {
      const p = this.photo(id);
      if (edit.creator != null) p.creator = edit.creator;
      if (edit.caption != null) p.caption = edit.caption;
    }
    return { updated: edit.ids.map((id) => this.photoOut(id)), skipped: [] };
  }

  /** Emits `events` of a new batch one step apart, then `last`; `stop` skips to `last` at once. */
  private play(events: Emitted[], last: (stopped: boolean) => Emitted): { batch: number; stop: () => void } {
    const batch = this.nextBatch++;
    let done = false;
    const send = ([name, payload]: Emitted) => this.emit(name, { batch, ...payload });
    const timers = events.map((e, i) => setTimeout(() => send(e), this.stepMs * (i + 1)));
    const end = (stopped: boolean) => {
      if (done) return;
      done = true;
      timers.forEach(clearTimeout);
      this.running.delete(batch);
      send(last(stopped));
    };
    timers.push(setTimeout(() => end(false), this.stepMs * (events.length + 1)));
    return { batch, stop: () => void setTimeout(() => end(true), 0) };
  }

  /** Plays the recorded import batch for the files it was recorded with. */
  private startImport(cmd: Command, args: Args): number {
    const recorded = same(args.paths, this.pickedFiles) ? this.imports : undefined;
    const items = this.answer(cmd, args, recorded, (): ImportItem[] => []);
    const total = items.length;
    const count = (f: (i: ImportItem) => boolean) => items.filter(f).length;
    return this.play(
      items.map((item, i) => [EVENTS.importProgress, { done: i + 1, total, item }]),
      () => [
        EVENTS.importFinished,
        { imported: count((i) => i.ok && !i.duplicate), duplicates: count((i) => !!i.duplicate), failed: count((i) => !i.ok) },
      ],
    ).batch;
  }

  /** Plays the export recorded (or given) for this request; what it exported is stored so. */
  private startExport(cmd: Command, args: Args): number {
    const request = args.request as ExportRequest;
    const { out, format } = request;
    const nothing: ExportReport = {
      out,
      format,
      exported: [],
      held_back: [],
      failed: [],
      skipped_existing: [],
      cancelled: [],
      listing: [],
      listing_kept: [],
      unlisted_embargoed: [],
    };
    const recorded = newest(this.exports, (r) => same(r.request, request));
    const run = this.answer(cmd, args, recorded, () => ({ request, progress: [], report: nothing }));
    const { batch, stop } = this.play(
      run.progress.map((p) => [EVENTS.exportProgress, p]),
      (stopped) => {
        let report = run.report;
        try {
          if (stopped) report = this.answer('cancel_export', { request }, run.cancelled, () => run.report);
        } catch (error) {
          return [EVENTS.exportFinished, { report: null, error }];
        }
        for (const b of report.exported.filter((x) => this.articles.has(x.article_id))) {
          this.store(b.article_id, { state: 'exported', exported_at: golden.now, exported_to: b.folder });
        }
        return [EVENTS.exportFinished, { report, error: null }];
      },
    );
    this.running.set(batch, stop);
    return batch;
  }
}

/** A placeholder picture for the dev server (no nrphoto scheme in a plain browser). */
export function placeholderImage(id: number, width = 320): string {
  const hue = (id * 67) % 360;
  const h = Math.round((width * 3) / 4);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}">` +
    `<rect width="100%" height="100%" fill="hsl(${hue} 45% 62%)"/>` +
    `<circle cx="${width * 0.75}" cy="${h * 0.3}" r="${h * 0.12}" fill="hsl(${hue} 70% 88%)"/>` +
    `<path d="M0 ${h} L${width * 0.35} ${h * 0.45} L${width * 0.6} ${h * 0.75} L${width * 0.8} ${h * 0.55} L${width} ${h} Z" fill="hsl(${hue} 40% 35%)"/>` +
    `<text x="12" y="${h - 14}" font-family="sans-serif" font-size="${Math.round(width / 10)}" fill="#fff">#${id}</text></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export async function installFakeBackend(lib = new FakeLibrary({ strict: false })): Promise<FakeLibrary> {
  setPhotoUrlOverride((_kind, id, width) => placeholderImage(id, width ?? 320));
  lib.emit = (event, payload) => void emitMockEvent(event, payload);
  await installMockBackend((cmd, args) => {
    // Answer asynchronously, a little later, like real IPC.
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        try {
          resolve(lib.handle(cmd, args));
        } catch (e) {
          reject(e);
        }
      }, 40);
    });
  });
  return lib;
}
