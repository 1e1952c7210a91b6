// Development only: an in-memory stand-in for the Rust backend so the UI can be run and
// looked at in a plain browser (`npm run dev`). Never part of a production build (main.ts
// loads it behind `import.meta.env.DEV`), and it does not sanitize like the real backend.
// The component tests use it too.

import MarkdownIt from 'markdown-it';
import { installMockBackend } from '../lib/backend';
import type {
  Article,
  ArticleInput,
  ArticlePage,
  ArticleState,
  ArticleSummary,
  BackendError,
  ListQuery,
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

export class FakeLibrary {
  private items = new Map<number, Stored>();
  private nextId = 1;
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
      id: this.nextId++,
      state,
      created_at: t,
      updated_at: t,
      lead_photo: null,
    };
    const s: Stored = { article, revisions: [] };
    this.items.set(article.id, s);
    this.keep(s, 'create');
    return structuredClone(article);
  }

  private save(id: number, input: ArticleInput): Article {
    const s = this.get(id);
    if (typeof input.headline !== 'string') fail('invalid_input', 'headline missing');
    s.article = { ...s.article, ...structuredClone(input), updated_at: now() };
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
    const { id: _i, created_at: _c, state: _s, lead_photo: _l, updated_at: _u, ...content } = r.article;
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

  private seed() {
    const base = {
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

export async function installFakeBackend(lib = new FakeLibrary()): Promise<FakeLibrary> {
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
