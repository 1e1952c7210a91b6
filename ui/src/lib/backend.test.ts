import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it, vi } from 'vitest';
import * as backend from './backend';
import { emptyArticleInput } from './article';
import type { Article } from './types';

function record(result: unknown = null, shouldMockEvents = false) {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args });
      return result;
    },
    { shouldMockEvents },
  );
  return calls;
}

const article: Article = {
  ...emptyArticleInput(),
  id: 7,
  state: 'draft',
  created_at: '2025-11-12T09:30:00Z',
  updated_at: '2025-11-12T09:30:00Z',
  lead_photo: null,
};

describe('backend commands: names and arguments', () => {
  const input = { ...emptyArticleInput(), headline: 'Schule', topics: ['Bildung'] };
  const cases: [string, () => Promise<unknown>, string, unknown][] = [
    ['libraryInfo', () => backend.libraryInfo(), 'library_info', {}],
    [
      'listArticles',
      () => backend.listArticles({ text: 'schule', state: 'review', topic: null, limit: 100, offset: 0 }),
      'list_articles',
      { query: { text: 'schule', state: 'review', topic: null, limit: 100, offset: 0 } },
    ],
    ['getArticle', () => backend.getArticle(7), 'get_article', { id: 7 }],
    ['createArticle', () => backend.createArticle(input), 'create_article', { input }],
    ['saveArticle', () => backend.saveArticle(7, input), 'save_article', { id: 7, input }],
    ['deleteArticle', () => backend.deleteArticle(7), 'delete_article', { id: 7 }],
    ['setState', () => backend.setState(7, 'ready'), 'set_state', { id: 7, state: 'ready' }],
    ['listRevisions', () => backend.listRevisions(7), 'list_revisions', { id: 7 }],
    ['getRevision', () => backend.getRevision(7, 2), 'get_revision', { id: 7, rev: 2 }],
    ['restoreRevision', () => backend.restoreRevision(7, 2), 'restore_revision', { id: 7, rev: 2 }],
    ['renderPreview', () => backend.renderPreview('**x**'), 'render_preview', { body: '**x**' }],
    ['suggest', () => backend.suggest('place', 'Hö'), 'suggest', { kind: 'place', prefix: 'Hö' }],
    ['uiReady', () => backend.uiReady(), 'ui_ready', {}],
  ];
  for (const [name, call, cmd, args] of cases) {
    it(`${name} invokes ${cmd}`, async () => {
      const calls = record();
      await call();
      expect(calls).toEqual([{ cmd, args }]);
    });
  }

  it('returns what the backend answered', async () => {
    record(article);
    await expect(backend.getArticle(7)).resolves.toEqual(article);
    record({ items: [], total: 0 });
    await expect(backend.listArticles({})).resolves.toEqual({ items: [], total: 0 });
    record('<p><strong>x</strong></p>');
    await expect(backend.renderPreview('**x**')).resolves.toBe('<p><strong>x</strong></p>');
  });
});

describe('backend errors become { code, message }', () => {
  it('passes a structured backend error through', async () => {
    mockIPC(() => {
      throw { code: 'not_found', message: 'article 99 not found' };
    });
    await expect(backend.getArticle(99)).rejects.toEqual({ code: 'not_found', message: 'article 99 not found' });
  });

  it('keeps unknown codes', async () => {
    mockIPC(() => Promise.reject({ code: 'photo_missing', message: 'x' }));
    await expect(backend.libraryInfo()).rejects.toEqual({ code: 'photo_missing', message: 'x' });
  });

  it('maps a string rejection to internal', async () => {
    mockIPC(() => Promise.reject('database is locked'));
    await expect(backend.saveArticle(1, emptyArticleInput())).rejects.toEqual({
      code: 'internal',
      message: 'database is locked',
    });
  });

  it('maps an Error to internal with its message', async () => {
    mockIPC(() => {
      throw new TypeError('boom');
    });
    await expect(backend.listRevisions(1)).rejects.toEqual({ code: 'internal', message: 'boom' });
  });

  it('maps anything else to internal with String(e)', async () => {
    mockIPC(() => Promise.reject(42));
    await expect(backend.uiReady()).rejects.toEqual({ code: 'internal', message: '42' });
    mockIPC(() => Promise.reject(null));
    await expect(backend.uiReady()).rejects.toEqual({ code: 'internal', message: 'null' });
  });

  it('a code without a message gets an empty message', async () => {
    mockIPC(() => Promise.reject({ code: 'io' }));
    await expect(backend.uiReady()).rejects.toEqual({ code: 'io', message: '' });
  });

  it('rejections are plain objects (not Error instances)', async () => {
    mockIPC(() => Promise.reject({ code: 'invalid_state', message: 'no' }));
    const e = await backend.setState(1, 'exported').catch((x: unknown) => x);
    expect(Object.keys(e as object).sort()).toEqual(['code', 'message']);
    expect(backend.isBackendError(e)).toBe(true);
  });

  it('toBackendError', () => {
    expect(backend.toBackendError({ code: 'database', message: 'm' })).toEqual({ code: 'database', message: 'm' });
    expect(backend.toBackendError('x')).toEqual({ code: 'internal', message: 'x' });
    expect(backend.toBackendError({ message: 'only message' })).toEqual({ code: 'internal', message: 'only message' });
    expect(backend.toBackendError(undefined)).toEqual({ code: 'internal', message: 'undefined' });
  });
});

describe('outside Tauri', () => {
  it('a call without the IPC bridge still rejects with a BackendError', async () => {
    // clearMocks() ran after the previous test: no __TAURI_INTERNALS__.invoke now.
    const e = await backend.libraryInfo().catch((x: unknown) => x);
    expect(backend.isBackendError(e)).toBe(true);
    expect((e as { code: string }).code).toBe('internal');
  });
});

describe('closing the window', () => {
  it('saves first, then tells the backend to close', async () => {
    const { emit } = await import('@tauri-apps/api/event');
    const calls = record(null, true);
    const order = () => calls.map((c) => c.cmd);
    const unlisten = await backend.onCloseRequested(async () => {
      calls.push({ cmd: 'save', args: null });
    });
    expect(order()).not.toContain('close_ready');
    await emit('newsroom://close-requested');
    await vi.waitFor(() => expect(order()).toContain('close_ready'));
    expect(order().filter((c) => c === 'save' || c === 'close_ready')).toEqual(['save', 'close_ready']);
    unlisten();
  });

  it('still closes when saving fails', async () => {
    const { emit } = await import('@tauri-apps/api/event');
    const calls = record(null, true);
    await backend.onCloseRequested(async () => {
      throw new Error('disk full');
    });
    await emit('newsroom://close-requested');
    await vi.waitFor(() => expect(calls.map((c) => c.cmd)).toContain('close_ready'));
  });
});
