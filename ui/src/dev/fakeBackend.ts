// Development only: an in-memory stand-in for the Rust backend so the UI can be run and
// looked at in a plain browser (`npm run dev`). Never part of a production build (main.ts
// loads it behind `import.meta.env.DEV`), and it does not sanitize like the real backend.
// The component tests use it too.

import MarkdownIt from 'markdown-it';
import { emitMockEvent, installMockBackend, setPhotoUrlOverride, type EventName } from '../lib/backend';
import { fillCreditTemplate } from '../lib/credit';
import { utcToBerlinInput } from '../lib/dates';
import { extractFigures, findFigures } from '../lib/figures';
import type {
  Article,
  ArticleInput,
  ArticlePage,
  ArticleState,
  ArticleSummary,
  BackendError,
  BatchEdit,
  BatchResult,
  CheckCode,
  CreditSettings,
  ErrorCode,
  ExportedBundle,
  ExportFailure,
  ExportItemStatus,
  ExportReport,
  ExportRequest,
  ExportSkip,
  FileMeta,
  HeldBack,
  ImportItem,
  ListQuery,
  Photo,
  PhotoDetails,
  PhotoPage,
  PhotoQuery,
  PhotoUpdate,
  PhotoUse,
  Preflight,
  PreflightCheck,
  RevisionReason,
  RevisionSummary,
} from '../lib/types';
import { EVENTS } from '../lib/types';

const md = new MarkdownIt('commonmark', { html: false });
// For the preflight: every link target, also the ones the renderer would refuse.
const linkParser = new MarkdownIt('commonmark', { html: false });
linkParser.validateLink = () => true;

/** Every link target in a body (figures aside), in order. */
function bodyLinks(body: string): string[] {
  const out: string[] = [];
  const walk = (tokens: ReturnType<typeof linkParser.parse>) => {
    for (const tok of tokens) {
      if (tok.type === 'link_open') out.push((tok.attrGet('href') ?? '').trim());
      if (tok.children) walk(tok.children);
    }
  };
  walk(linkParser.parse(extractFigures(body).markdown, {}));
  return out;
}

/** Why a URL may not leave in an export (like the backend's bad_url), or null. */
export function badUrl(url: string): string | null {
  if (!url) return 'empty URL';
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) return 'relative URL (needs https://…)';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a valid URL';
  }
  const scheme = parsed.protocol.replace(/:$/, '').toLowerCase();
  if (!['http', 'https', 'mailto'].includes(scheme)) return `scheme ${scheme}: not allowed (only http, https, mailto)`;
  if (scheme === 'mailto' && !parsed.pathname.trim()) return 'mailto: without an address';
  if (scheme !== 'mailto' && !parsed.hostname) return 'no host';
  return null;
}

/** "Kita in Hörde eröffnet!" → "kita-in-hoerde-eroeffnet" */
export function slug(s: string): string {
  const map: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };
  return (
    s
      .toLowerCase()
      .replace(/[äöüß]/g, (c) => map[c])
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'artikel'
  );
}

interface Stored {
  article: Article;
  revisions: { summary: RevisionSummary; article: Article }[];
}

function fail(code: ErrorCode, message: string): never {
  const e: BackendError = { code, message };
  throw e;
}

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Photo ids a body references as figures: `![alt](photo:ID "caption")`. */
function bodyPhotoIds(body: string): number[] {
  return [...body.matchAll(/\]\(<?photo:(\d+)/g)].map((m) => Number(m[1]));
}

const EMPTY_FILE_META: FileMeta = {
  caption: null,
  credit: null,
  creator: null,
  copyright: null,
  alt_text: null,
  headline: null,
  date_created: null,
  city: null,
  sublocation: null,
  state: null,
  country: null,
  keywords: [],
  orientation: 1,
  camera: null,
  has_gps: false,
};

interface StoredPhoto {
  photo: Photo;
  near: number[];
  fileMeta: FileMeta;
}

export class FakeLibrary {
  private items = new Map<number, Stored>();
  private nextId = 1;
  private photos = new Map<number, StoredPhoto>();
  private nextPhotoId = 1;
  private nextBatch = 1;
  credit: CreditSettings = { organisation: 'Stadt Dortmund', template: 'Bild: {organisation} / {creator}' };
  /** What pick_photo_files answers. */
  pickedFiles: string[] = [
    '/home/presse/Bilder/Rathaus am Abend.jpg',
    '/home/presse/Bilder/Phoenix-See.jpg',
    '/home/presse/Bilder/kaputt.jpg',
    '/home/presse/Bilder/Spatenstich.png',
  ];
  /** How events reach the UI (installFakeBackend wires it to the mocked event bus). */
  emit: (event: EventName, payload: unknown) => void = () => {};
  /** ms between two import progress events. */
  importStepMs = 250;
  path = '/home/presse/Newsroom/Stadt Dortmund.newsroom';
  /** Saves closer together than this update the newest revision instead of adding one. */
  revisionEveryMs = 60_000;
  /** What pick_export_folder answers (null = the dialog was cancelled). */
  exportFolder: string | null = '/home/presse/Export';
  /** Bundle folders that exist, per target folder (a stand-in for the file system). */
  existingBundles = new Map<string, Set<string>>();
  /** ms between two export progress events. */
  exportStepMs = 300;
  private runningExports = new Set<number>();
  private cancelledExports = new Set<number>();
  /** Articles whose export fails, with the error. */
  exportFailures = new Map<number, BackendError>();
  /** The preflight's clock (the embargo is compared with it). */
  clock: () => number = () => Date.now();

  constructor(seed = true) {
    if (seed) this.seed();
  }

  handle(cmd: string, args: Record<string, unknown>): unknown {
    switch (cmd) {
      case 'library_info':
        return { path: this.path, article_count: this.items.size };
      case 'list_articles':
        return this.list((args.query ?? {}) as ListQuery);
      case 'get_article':
        return this.get(args.id as number).article;
      case 'create_article':
        return this.create(args.input as ArticleInput);
      case 'save_article':
        return this.save(args.id as number, args.input as ArticleInput);
      case 'delete_article':
        this.get(args.id as number);
        this.items.delete(args.id as number);
        return null;
      case 'set_state':
        return this.setState(args.id as number, args.state as ArticleState);
      case 'list_revisions':
        return this.get(args.id as number)
          .revisions.map((r) => r.summary)
          .reverse();
      case 'get_revision': {
        const r = this.get(args.id as number).revisions.find((x) => x.summary.rev === args.rev);
        if (!r) fail('not_found', `revision ${String(args.rev)} of article ${String(args.id)} not found`);
        return structuredClone(r.article);
      }
      case 'restore_revision':
        return this.restore(args.id as number, args.rev as number);
      case 'render_preview':
        return md.render(String(args.body ?? ''));
      case 'suggest':
        return this.suggest(args.kind as 'topic' | 'place', String(args.prefix ?? ''));
      case 'ui_ready':
        return null;
      case 'list_photos':
        return this.listPhotos((args.query ?? {}) as PhotoQuery);
      case 'get_photo':
        return this.photoDetails(args.id as number);
      case 'update_photo':
        return this.updatePhoto(args.id as number, (args.update ?? {}) as PhotoUpdate);
      case 'batch_edit_photos':
        return this.batchEdit(args.edit as BatchEdit);
      case 'delete_photo': {
        const id = args.id as number;
        this.getPhoto(id);
        if (this.usesOf(id).length > 0) fail('invalid_state', `photo ${id} is used by an article`);
        this.photos.delete(id);
        return null;
      }
      case 'get_credit_settings':
        return { ...this.credit };
      case 'set_credit_settings':
        return this.setCredit(args.settings as CreditSettings);
      case 'pick_photo_files':
        return [...this.pickedFiles];
      case 'import_photos':
        return this.startImport((args.paths ?? []) as string[]);
      case 'preflight_article':
        return this.preflight(args.id as number);
      case 'pick_export_folder':
        return this.exportFolder;
      case 'export_conflicts':
        return this.exportConflicts(args.request as ExportRequest);
      case 'export_articles':
        return this.startExport(args.request as ExportRequest);
      case 'cancel_export': {
        const b = args.batch as number;
        if (!this.runningExports.has(b)) return false;
        this.cancelledExports.add(b);
        return true;
      }
      default:
        fail('internal', `unknown command ${cmd}`);
    }
  }

  private get(id: number): Stored {
    const s = this.items.get(id);
    if (!s) fail('not_found', `article ${id} not found`);
    return s;
  }

  private keep(s: Stored, reason: RevisionReason) {
    const rev = s.revisions.length + 1;
    s.revisions.push({
      summary: { rev, created_at: now(), state: s.article.state, headline: s.article.headline, reason },
      article: structuredClone(s.article),
    });
  }

  create(input: ArticleInput, state: ArticleState = 'draft', at?: string): Article {
    const t = at ?? now();
    const article: Article = {
      ...structuredClone(input),
      lead_photo: input.lead_photo ?? null,
      id: this.nextId++,
      state,
      created_at: t,
      updated_at: t,
      exported_at: null,
      exported_to: null,
    };
    const s: Stored = { article, revisions: [] };
    this.items.set(article.id, s);
    this.keep(s, 'create');
    return structuredClone(article);
  }

  private save(id: number, input: ArticleInput): Article {
    const s = this.get(id);
    if (typeof input.headline !== 'string') fail('invalid_input', 'headline missing');
    if (input.lead_photo && !this.photos.has(input.lead_photo.photo_id)) {
      fail('invalid_input', `lead photo: photo ${input.lead_photo.photo_id} does not exist`);
    }
    s.article = { ...s.article, ...structuredClone(input), lead_photo: input.lead_photo ?? null, updated_at: now() };
    const last = s.revisions[s.revisions.length - 1];
    // Do not keep a revision per keystroke (the real backend decides on its own rules).
    if (!last || Date.now() - Date.parse(last.summary.created_at) >= this.revisionEveryMs) this.keep(s, 'edit');
    else last.article = structuredClone(s.article);
    return structuredClone(s.article);
  }

  private setState(id: number, state: ArticleState): Article {
    const s = this.get(id);
    if (!['draft', 'review', 'ready', 'exported'].includes(state)) fail('invalid_state', `unknown state ${state}`);
    s.article = { ...s.article, state, updated_at: now() };
    this.keep(s, 'state');
    return structuredClone(s.article);
  }

  private restore(id: number, rev: number): Article {
    const s = this.get(id);
    const r = s.revisions.find((x) => x.summary.rev === rev);
    if (!r) fail('not_found', `revision ${rev} not found`);
    const { id: _i, created_at: _c, state: _s, updated_at: _u, ...content } = r.article;
    s.article = { ...s.article, ...structuredClone(content), updated_at: now() };
    this.keep(s, 'restore');
    return structuredClone(s.article);
  }

  private list(q: ListQuery): ArticlePage {
    const text = (q.text ?? '').trim().toLowerCase();
    let all = [...this.items.values()].map((s) => s.article);
    if (text) {
      const words = text.split(/\s+/);
      all = all.filter((a) => {
        const hay = [a.kicker, a.headline, a.teaser, a.body, ...a.topics, ...a.places].join(' ').toLowerCase();
        return words.every((w) => hay.includes(w));
      });
    }
    if (q.state) all = all.filter((a) => a.state === q.state);
    if (q.topic) all = all.filter((a) => a.topics.includes(q.topic as string));
    const key = (a: Article) => Date.parse(a.published_at ?? a.updated_at);
    all.sort((a, b) => key(b) - key(a) || b.id - a.id);
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 50;
    const items: ArticleSummary[] = all.slice(offset, offset + limit).map((a) => ({
      id: a.id,
      kicker: a.kicker,
      headline: a.headline,
      teaser: a.teaser,
      state: a.state,
      topics: a.topics,
      places: a.places,
      published_at: a.published_at,
      updated_at: a.updated_at,
      lead_photo_id: a.lead_photo?.photo_id ?? null,
    }));
    return { items, total: all.length, ranked: false };
  }

  private suggest(kind: 'topic' | 'place', prefix: string): string[] {
    const p = prefix.toLowerCase();
    const set = new Set<string>();
    for (const s of this.items.values()) {
      for (const v of kind === 'topic' ? s.article.topics : s.article.places) {
        if (v.toLowerCase().startsWith(p)) set.add(v);
      }
    }
    return [...set].sort((a, b) => a.localeCompare(b, 'de'));
  }

  // --- photos -------------------------------------------------------------------------

  addPhoto(p: Partial<Photo> & { original_name: string }, near: number[] = [], fileMeta: Partial<FileMeta> = {}): Photo {
    const t = p.imported_at ?? now();
    const photo: Photo = {
      id: this.nextPhotoId++,
      sha256: '',
      format: 'jpeg',
      bytes: 1_234_567,
      width: 4000,
      height: 3000,
      orientation: 1,
      caption: '',
      credit: '',
      credit_source: 'none',
      creator: '',
      copyright: '',
      alt_text: '',
      headline: '',
      date_created: null,
      city: '',
      location: '',
      country: '',
      keywords: [],
      camera: '',
      has_gps: false,
      imported_at: t,
      updated_at: t,
      usage_count: 0,
      ...structuredClone(p),
    };
    photo.sha256 ||= photo.id.toString(16).padStart(64, '0');
    this.photos.set(photo.id, { photo, near: [...near], fileMeta: { ...EMPTY_FILE_META, ...fileMeta } });
    return this.photoOut(photo.id);
  }

  private getPhoto(id: number): StoredPhoto {
    const p = this.photos.get(id);
    if (!p) fail('not_found', `photo ${id} not found`);
    return p;
  }

  private usesOf(id: number): PhotoUse[] {
    const uses: PhotoUse[] = [];
    for (const { article: a } of this.items.values()) {
      if (a.lead_photo?.photo_id === id) uses.push({ article_id: a.id, headline: a.headline, role: 'lead' });
      if (bodyPhotoIds(a.body).includes(id)) uses.push({ article_id: a.id, headline: a.headline, role: 'figure' });
    }
    return uses;
  }

  private photoOut(id: number): Photo {
    const p = this.getPhoto(id).photo;
    const articles = new Set(this.usesOf(id).map((u) => u.article_id));
    return { ...structuredClone(p), usage_count: articles.size };
  }

  private photoDetails(id: number): PhotoDetails {
    const s = this.getPhoto(id);
    return {
      ...this.photoOut(id),
      used_in: this.usesOf(id),
      near_duplicates: s.near.filter((n) => this.photos.has(n)),
      file_meta: structuredClone(s.fileMeta),
    };
  }

  private listPhotos(q: PhotoQuery): PhotoPage {
    let all = [...this.photos.keys()].map((id) => this.photoOut(id));
    const text = (q.text ?? '').trim().toLowerCase();
    if (text) {
      const words = text.split(/\s+/);
      all = all.filter((p) => {
        const hay = [p.original_name, p.caption, p.credit, p.creator, p.headline, p.city, p.location, p.alt_text, ...p.keywords]
          .join(' ')
          .toLowerCase();
        return words.every((w) => hay.includes(w));
      });
    }
    if (q.filter === 'no_credit') all = all.filter((p) => !p.credit.trim());
    else if (q.filter === 'no_alt_text') all = all.filter((p) => !p.alt_text.trim());
    else if (q.filter === 'unused') all = all.filter((p) => p.usage_count === 0);
    all.sort((a, b) => Date.parse(b.imported_at) - Date.parse(a.imported_at) || b.id - a.id);
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 100;
    return { items: all.slice(offset, offset + limit), total: all.length };
  }

  private updatePhoto(id: number, u: PhotoUpdate): Photo {
    const s = this.getPhoto(id);
    if (u.credit !== undefined && !u.credit.trim()) fail('invalid_input', 'the credit may not be empty');
    const p = s.photo;
    for (const k of ['caption', 'creator', 'copyright', 'alt_text', 'headline', 'city', 'location', 'country'] as const) {
      if (typeof u[k] === 'string') p[k] = (u[k] as string).trim();
    }
    if (u.keywords) p.keywords = [...u.keywords];
    if (u.credit !== undefined && u.credit.trim() !== p.credit) {
      p.credit = u.credit.trim();
      p.credit_source = 'edited';
    }
    p.updated_at = now();
    return this.photoOut(id);
  }

  private batchEdit(edit: BatchEdit): BatchResult {
    const result: BatchResult = { updated: [], skipped: [] };
    for (const id of edit.ids) {
      const s = this.photos.get(id);
      if (!s) {
        result.skipped.push({ id, reason: `photo ${id} not found` });
        continue;
      }
      const p = s.photo;
      if (typeof edit.creator === 'string') p.creator = edit.creator.trim();
      if (typeof edit.caption === 'string') p.caption = edit.caption.trim();
      if (edit.apply_template) {
        const credit = fillCreditTemplate(this.credit.template, this.credit.organisation, p.creator);
        if (credit === null) {
          result.skipped.push({ id, reason: 'no creator to credit' });
          if (edit.creator == null && edit.caption == null) continue;
        } else {
          p.credit = credit;
          p.credit_source = 'template';
        }
      }
      p.updated_at = now();
      result.updated.push(this.photoOut(id));
    }
    return result;
  }

  private setCredit(settings: CreditSettings): CreditSettings {
    const template = (settings.template ?? '').trim();
    if (!template.includes('{creator}')) fail('invalid_input', 'the credit template must contain {creator}');
    const stripped = template.replace(/\{creator\}|\{organisation\}/g, '');
    if (/[{}]/.test(stripped)) fail('invalid_input', 'the credit template knows only {organisation} and {creator}');
    this.credit = { organisation: (settings.organisation ?? '').trim(), template };
    return { ...this.credit };
  }

  /** Imports in the "background": progress events one by one, then the finished event. */
  private startImport(paths: string[]): number {
    const batch = this.nextBatch++;
    const total = paths.length;
    let imported = 0;
    let duplicates = 0;
    let failed = 0;
    paths.forEach((file, i) => {
      setTimeout(() => {
        const item = this.importOne(file);
        if (!item.ok) failed++;
        else if (item.duplicate) duplicates++;
        else imported++;
        this.emit(EVENTS.importProgress, { batch, done: i + 1, total, item });
        if (i === total - 1) this.emit(EVENTS.importFinished, { batch, imported, duplicates, failed });
      }, this.importStepMs * (i + 1));
    });
    if (total === 0) setTimeout(() => this.emit(EVENTS.importFinished, { batch, imported, duplicates, failed }), 0);
    return batch;
  }

  importOne(file: string): ImportItem {
    const name = file.split(/[\\/]/).pop() ?? file;
    if (/kaputt|corrupt/i.test(name)) {
      return { file, ok: false, error: { code: 'corrupt_image', message: `${name}: bad JPEG data` } };
    }
    if (/\.(gif|bmp|heic)$/i.test(name)) {
      return { file, ok: false, error: { code: 'unsupported_format', message: `${name}: not JPEG, PNG, WebP or TIFF` } };
    }
    const existing = [...this.photos.values()].find((p) => p.photo.original_name === name);
    if (existing) return { file, ok: true, photo: this.photoOut(existing.photo.id), duplicate: true, near_duplicates: [] };
    const near = [...this.photos.values()]
      .filter((p) => p.photo.original_name.replace(/\.\w+$/, '') === name.replace(/\.\w+$/, '').replace(/ \(\d+\)$/, ''))
      .map((p) => p.photo.id);
    const format = /\.png$/i.test(name) ? 'png' : 'jpeg';
    const photo = this.addPhoto({ original_name: name, format, creator: /see/i.test(name) ? 'Anna Fotografin' : '' }, near);
    if (photo.creator) {
      const credit = fillCreditTemplate(this.credit.template, this.credit.organisation, photo.creator);
      if (credit) {
        const s = this.getPhoto(photo.id).photo;
        s.credit = credit;
        s.credit_source = 'template';
      }
    }
    return { file, ok: true, photo: this.photoOut(photo.id), duplicate: false, near_duplicates: near };
  }

  // --- export ------------------------------------------------------------------------

  /** The export preflight, the same checks and order as the backend's. */
  preflight(id: number): Preflight {
    const a = this.get(id).article;
    const checks: PreflightCheck[] = [];
    const add = (
      level: 'error' | 'warning',
      code: CheckCode,
      field: string,
      photo_id: number | null,
      detail: string,
      values: Pick<PreflightCheck, 'chars' | 'limit' | 'until'> = {},
    ) => checks.push({ level, code, field, photo_id, detail, ...values });
    const chars = (x: string) => Array.from(x).length;

    const headline = a.headline.trim();
    if (!headline) add('error', 'no_headline', 'headline', null, 'the headline is empty');
    else if (chars(headline) > 90)
      add('warning', 'headline_long', 'headline', null, `${chars(headline)} characters, at most 90`, { chars: chars(headline), limit: 90 });
    const teaser = a.teaser.trim();
    if (!teaser) add('error', 'no_teaser', 'teaser', null, 'the teaser is empty');
    else if (chars(teaser) > 300)
      add('warning', 'teaser_long', 'teaser', null, `${chars(teaser)} characters, at most 300`, { chars: chars(teaser), limit: 300 });
    if (!a.published_at?.trim()) add('error', 'no_published_at', 'published_at', null, 'no publication date');

    const photoUse = (field: string, photoId: number, altOver: string | null, captionOver: string | null) => {
      const p = this.photos.get(photoId)?.photo;
      if (!p) {
        add('error', 'photo_missing', field, photoId, `photo ${photoId} does not exist`);
        return;
      }
      if (!p.credit.trim()) add('error', 'photo_no_credit', field, photoId, `photo ${photoId} has no credit`);
      const pick = (over: string | null, own: string) => (over?.trim() ? over.trim() : own.trim());
      const alt = pick(altOver, p.alt_text);
      const caption = pick(captionOver, p.caption);
      if (!alt) {
        add('error', 'photo_no_alt', field, photoId, `photo ${photoId} has no alt text`);
        return;
      }
      if (chars(alt) > 250) {
        add('warning', 'alt_long', field, photoId, `alt text has ${chars(alt)} characters, at most 250`, { chars: chars(alt), limit: 250 });
      }
      if (caption && alt.toLowerCase() === caption.toLowerCase()) {
        add('warning', 'alt_equals_caption', field, photoId, `alt text and caption are both ${JSON.stringify(alt)}`);
      }
    };
    if (a.lead_photo) photoUse('lead_photo', a.lead_photo.photo_id, a.lead_photo.alt_text, a.lead_photo.caption);
    for (const f of findFigures(a.body)) photoUse('body', f.photoId, f.alt || null, f.caption || null);
    for (const url of bodyLinks(a.body)) {
      const why = badUrl(url);
      if (why) add('error', 'bad_link', 'body', null, `${url}: ${why}`);
    }
    if (a.related_links.length === 0) add('warning', 'no_related_links', 'related_links', null, 'no related links (Zum Thema)');
    a.related_links.forEach((l, i) => {
      const why = badUrl(l.url.trim());
      if (why) add('error', 'bad_link', `related_links[${i}]`, null, `${l.url}: ${why}`);
    });
    const until = a.embargo_until ? Date.parse(a.embargo_until) : NaN;
    if (!Number.isNaN(until) && until > this.clock()) {
      const iso = new Date(until).toISOString().replace('.000Z', 'Z');
      add('warning', 'embargo_pending', 'embargo_until', null, `embargoed until ${iso}`, { until: iso });
    }
    // Errors first, then warnings (a stable sort keeps the field order).
    checks.sort((x, y) => Number(x.level === 'warning') - Number(y.level === 'warning'));
    return { article_id: id, ok: !checks.some((c) => c.level === 'error'), checks };
  }

  /** As if the article had been exported at `at` into `folder`. */
  markExported(id: number, at: string, folder: string): void {
    const s = this.get(id);
    s.article = { ...s.article, state: 'exported', exported_at: at, exported_to: folder };
  }

  /** "2025-11-12-kita-eroeffnet": the Berlin publication date and the headline. */
  bundleName(a: Article): string {
    const date = utcToBerlinInput(a.published_at ?? a.updated_at).slice(0, 10);
    return `${date}-${slug(a.headline)}`;
  }

  private exportTargets(request: ExportRequest): Article[] {
    if (request.ids === null) {
      return [...this.items.values()].map((s) => s.article).filter((a) => a.state === 'ready');
    }
    return request.ids.map((id) => this.get(id).article);
  }

  /** What would happen to `a` (without writing anything). */
  private exportVerdict(a: Article): { held: PreflightCheck[] | null } {
    if (a.state !== 'ready' && a.state !== 'exported') {
      return { held: [{ level: 'error', code: 'not_ready', field: 'state', photo_id: null, detail: `the article is in state ${a.state}` }] };
    }
    const pf = this.preflight(a.id);
    return { held: pf.ok ? null : pf.checks.filter((c) => c.level === 'error') };
  }

  private exportConflicts(request: ExportRequest): string[] {
    const existing = this.existingBundles.get(request.out) ?? new Set<string>();
    return this.exportTargets(request)
      .filter((a) => this.exportVerdict(a).held === null)
      .map((a) => this.bundleName(a))
      .filter((n) => existing.has(n));
  }

  private bundleFiles(a: Article, request: ExportRequest): string[] {
    const files: string[] = [];
    if (request.format !== 'ninjs') files.push(request.fragment ? 'article.fragment.html' : 'article.html');
    if (request.format !== 'html') files.push('ninjs.json');
    const photos = new Set<number>();
    if (a.lead_photo) photos.add(a.lead_photo.photo_id);
    for (const id of bodyPhotoIds(a.body)) photos.add(id);
    for (const id of photos) files.push(`images/${id}.jpg`);
    return files.sort();
  }

  /** Exports in the "background": one progress event per article, then the report. */
  private startExport(request: ExportRequest): number {
    if (!request.out?.trim()) fail('invalid_input', 'no target folder');
    const batch = this.nextBatch++;
    const targets = this.exportTargets(request);
    const total = targets.length;
    const report: ExportReport = {
      out: request.out,
      format: request.format,
      exported: [],
      held_back: [],
      failed: [],
      skipped_existing: [],
      cancelled: [],
      listing: [],
    };
    this.runningExports.add(batch);
    const finish = () => {
      this.runningExports.delete(batch);
      if (report.exported.length > 0) {
        if (request.format !== 'ninjs') report.listing.push('index.html');
        if (request.format !== 'html') report.listing.push('feed.json');
        report.listing.sort();
      }
      this.emit(EVENTS.exportFinished, { batch, report });
    };
    targets.forEach((target, i) => {
      setTimeout(() => {
        const a = this.items.get(target.id)?.article ?? target;
        const headline = a.headline;
        if (this.cancelledExports.has(batch)) {
          report.cancelled.push({ article_id: a.id, headline });
          return;
        }
        let status: ExportItemStatus;
        const { held } = this.exportVerdict(a);
        const name = this.bundleName(a);
        const existing = this.existingBundles.get(request.out) ?? new Set<string>();
        const failure = this.exportFailures.get(a.id);
        if (held) {
          status = 'held_back';
          report.held_back.push({ article_id: a.id, headline, checks: held } satisfies HeldBack);
        } else if (existing.has(name) && !request.force) {
          status = 'exists';
          report.skipped_existing.push({ article_id: a.id, headline, name } satisfies ExportSkip);
        } else if (failure) {
          status = 'failed';
          report.failed.push({ article_id: a.id, headline, error: { ...failure } } satisfies ExportFailure);
        } else {
          status = 'exported';
          const folder = `${request.out.replace(/[\\/]+$/, '')}/${name}`;
          report.exported.push({
            article_id: a.id,
            headline,
            name,
            folder,
            files: this.bundleFiles(a, request),
            replaced: existing.has(name),
          } satisfies ExportedBundle);
          existing.add(name);
          this.existingBundles.set(request.out, existing);
          const s = this.get(a.id);
          const t = now();
          s.article = { ...s.article, state: 'exported', exported_at: t, exported_to: folder, updated_at: t };
        }
        this.emit(EVENTS.exportProgress, { batch, done: i + 1, total, article_id: a.id, headline, status });
      }, this.exportStepMs * (i + 1));
    });
    // The listing (index.html, feed.json) is written last.
    if (total > 0) setTimeout(finish, this.exportStepMs * (total + 1));
    if (total === 0) setTimeout(finish, 0);
    return batch;
  }

  private seed() {
    this.addPhoto(
      {
        original_name: 'Gesamtschule Hörde.jpg',
        caption: 'Der Neubau der Gesamtschule am Phoenix-See',
        credit: 'Bild: Stadt Dortmund / Max Muster',
        credit_source: 'template',
        creator: 'Max Muster',
        alt_text: 'Ein dreistöckiger Schulneubau mit Holzfassade am Seeufer',
        city: 'Dortmund',
        keywords: ['Schule', 'Bauen'],
        camera: 'Canon EOS R6',
        date_created: '2025-10-02T10:15:00Z',
        has_gps: true,
        imported_at: '2025-11-01T08:00:00Z',
        updated_at: '2025-11-01T08:00:00Z',
      },
      [],
      { creator: 'Max Muster', city: 'Dortmund', camera: 'Canon EOS R6', has_gps: true },
    );
    this.addPhoto({
      original_name: 'Weihnachtsbaum.jpg',
      caption: 'Der Weihnachtsbaum auf dem Hansaplatz',
      credit: 'Bild: Stadt Dortmund / Erika Beispiel',
      credit_source: 'edited',
      creator: 'Erika Beispiel',
      width: 3000,
      height: 4000,
      imported_at: '2025-11-02T08:00:00Z',
      updated_at: '2025-11-02T08:00:00Z',
    });
    this.addPhoto(
      {
        original_name: 'B1 Baustelle.jpg',
        caption: 'Baustelle auf der B1',
        creator: 'Max Muster',
        imported_at: '2025-11-03T08:00:00Z',
        updated_at: '2025-11-03T08:00:00Z',
      },
      [],
      { creator: 'Max Muster' },
    );
    this.addPhoto(
      {
        original_name: 'B1 Baustelle (2).jpg',
        format: 'png',
        credit: 'Tiefbauamt',
        credit_source: 'file',
        alt_text: 'Bagger auf einer gesperrten Fahrbahn',
        imported_at: '2025-11-04T08:00:00Z',
        updated_at: '2025-11-04T08:00:00Z',
      },
      [3],
      { credit: 'Tiefbauamt' },
    );
    this.getPhoto(3).near.push(4);

    const base = {
      lead_photo: null,
      related_links: [],
      embargo_until: null,
      author: 'Presse- und Informationsamt',
      contact: 'Stadt Dortmund\nDieter Beispiel\nTelefon: 0231 50-00000\npresse@example.org',
    };
    this.create(
      {
        ...base,
        kicker: 'Bildung',
        headline: 'Neue Gesamtschule in Dortmund-Hörde startet im Sommer',
        teaser:
          'Nach zwei Jahren Bauzeit öffnet die neue Gesamtschule am Phoenix-See zum Schuljahr 2026/27. Die Anmeldungen beginnen im Januar.',
        body: 'Die Stadt Dortmund investiert **48 Millionen Euro** in den Neubau.\n\n## Anmeldung\n\nEltern können ihre Kinder ab dem 12. Januar anmelden:\n\n- online über das Schulportal\n- persönlich im Schulverwaltungsamt\n\n> „Wir schaffen Platz für 1.200 Schülerinnen und Schüler.“\n\nMehr Informationen unter [dortmund.de](https://www.dortmund.de).',
        topics: ['Schule', 'Bauen'],
        places: ['Hörde'],
        published_at: '2025-11-12T09:30:00Z',
        lead_photo: { photo_id: 1, caption: null, alt_text: null },
        related_links: [{ label: 'Schulentwicklungsplan', url: 'https://www.dortmund.de/schulen' }],
      },
      'review',
    );
    this.create(
      {
        ...base,
        kicker: 'Verkehr',
        headline: 'B1: Nächtliche Sperrung zwischen Märkischer Straße und Ruhrallee',
        teaser: 'Wegen Fahrbahnarbeiten wird die B1 in drei Nächten voll gesperrt. Umleitungen sind ausgeschildert.',
        body: 'Die Arbeiten beginnen am Montag um 20 Uhr.',
        topics: ['Verkehr', 'Baustellen'],
        places: ['Innenstadt-Ost'],
        published_at: '2025-11-10T06:00:00Z',
        embargo_until: '2025-11-10T06:00:00Z',
      },
      'ready',
    );
    this.create(
      {
        ...base,
        kicker: 'Kultur',
        headline: 'Weihnachtsmarkt: Der Baum steht',
        teaser: 'Der größte Weihnachtsbaum der Welt ist wieder aufgebaut.',
        body: 'Insgesamt *1.700 Rotfichten* bilden den Baum.',
        topics: ['Kultur', 'Veranstaltungen'],
        places: ['Hansaplatz', 'City'],
        published_at: '2025-11-03T11:00:00Z',
      },
      'exported',
    );
    this.create({
      ...base,
      kicker: 'Umwelt',
      headline: 'Baumpflanzaktion im Westpark',
      teaser: '',
      body: '',
      topics: ['Umwelt'],
      places: ['Westpark'],
      published_at: null,
    });
    this.create(
      {
        ...base,
        kicker: 'Verkehr',
        headline: 'Baustelle B1: Spuren ab Montag wieder frei',
        teaser: 'Die Fahrbahnarbeiten auf der B1 sind früher fertig als geplant.',
        body: 'Ab Montag, 6 Uhr, sind alle Spuren wieder frei. Mehr unter [Baustellenkarte](www.dortmund.de/baustellen).',
        topics: ['Verkehr', 'Baustellen'],
        places: ['Innenstadt-Ost'],
        published_at: '2025-11-14T05:00:00Z',
        lead_photo: { photo_id: 3, caption: null, alt_text: null },
      },
      'ready',
    );
    // The Weihnachtsmarkt article went out already.
    this.markExported(3, '2025-11-03T11:05:00Z', `${this.exportFolder}/2025-11-03-weihnachtsmarkt-der-baum-steht`);
    this.existingBundles.set(this.exportFolder as string, new Set(['2025-11-03-weihnachtsmarkt-der-baum-steht']));
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

export async function installFakeBackend(lib = new FakeLibrary()): Promise<FakeLibrary> {
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
