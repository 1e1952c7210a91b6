// Development only: an in-memory stand-in for the Rust backend so the UI can be run and
// looked at in a plain browser (`npm run dev`). Never part of a production build (main.ts
// loads it behind `import.meta.env.DEV`), and it does not sanitize like the real backend.
// The component tests use it too.

import MarkdownIt from 'markdown-it';
import { emitMockEvent, installMockBackend, setPhotoUrlOverride } from '../lib/backend';
import { fillCreditTemplate } from '../lib/credit';
import type {
  Article,
  ArticleInput,
  ArticlePage,
  ArticleState,
  ArticleSummary,
  BackendError,
  BatchEdit,
  BatchResult,
  CreditSettings,
  FileMeta,
  ImportItem,
  ListQuery,
  Photo,
  PhotoDetails,
  PhotoPage,
  PhotoQuery,
  PhotoUpdate,
  PhotoUse,
  RevisionSummary,
} from '../lib/types';

const md = new MarkdownIt('commonmark', { html: false });

interface Stored {
  article: Article;
  revisions: { summary: RevisionSummary; article: Article }[];
}

function fail(code: string, message: string): never {
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
  emit: (event: string, payload: unknown) => void = () => {};
  /** ms between two import progress events. */
  importStepMs = 250;
  path = '/home/presse/Newsroom/Stadt Dortmund.newsroom';
  /** Saves closer together than this update the newest revision instead of adding one. */
  revisionEveryMs = 60_000;

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
      default:
        fail('internal', `unknown command ${cmd}`);
    }
  }

  private get(id: number): Stored {
    const s = this.items.get(id);
    if (!s) fail('not_found', `article ${id} not found`);
    return s;
  }

  private keep(s: Stored, reason: string) {
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
        this.emit('newsroom://import-progress', { batch, done: i + 1, total, item });
        if (i === total - 1) this.emit('newsroom://import-finished', { batch, imported, duplicates, failed });
      }, this.importStepMs * (i + 1));
    });
    if (total === 0) setTimeout(() => this.emit('newsroom://import-finished', { batch, imported, duplicates, failed }), 0);
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
