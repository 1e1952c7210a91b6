import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it, vi } from 'vitest';
import * as backend from './backend';
import { emptyArticleInput } from './article';
import { EVENTS, type Article } from './types';

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
  held: [],
  exported_at: null,
  exported_to: null,
  version: 1,
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
    ['saveArticle', () => backend.saveArticle(7, input, 3), 'save_article', { id: 7, input, baseVersion: 3 }],
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

  it('a code the backend does not have becomes internal, the code kept in the message', async () => {
    mockIPC(() => Promise.reject({ code: 'photo_missing', message: 'x' }));
    await expect(backend.libraryInfo()).rejects.toEqual({ code: 'internal', message: 'photo_missing: x' });
    mockIPC(() => Promise.reject({ code: 'quota' }));
    await expect(backend.libraryInfo()).rejects.toEqual({ code: 'internal', message: 'quota' });
  });

  it('maps a string rejection to internal', async () => {
    mockIPC(() => Promise.reject('database is locked'));
    await expect(backend.saveArticle(1, emptyArticleInput(), 1)).rejects.toEqual({
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
    // The values the UI words the detail from come along.
    const refused = { code: 'unsupported_format', message: 'a.pdf is a PDF document', values: { found: 'pdf' } };
    expect(backend.toBackendError(refused)).toEqual(refused);
    expect(backend.toBackendError('x')).toEqual({ code: 'internal', message: 'x' });
    // Tauri's refusal of arguments that do not parse (src-tauri/tests/ipc.rs pins this text).
    const badArgs = 'invalid args `request` for command `export_articles`: unknown variant `pdf`, expected one of `html`, `ninjs`, `both`';
    expect(backend.toBackendError(badArgs)).toEqual({ code: 'invalid_input', message: badArgs });
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
    await emit(EVENTS.closeRequested);
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
    await emit(EVENTS.closeRequested);
    await vi.waitFor(() => expect(calls.map((c) => c.cmd)).toContain('close_ready'));
  });
});

describe('photo desk commands', () => {
  const importText = { title: 'Import photos', accept: '_Import', cancel: '_Cancel', images: 'Photos', all_files: 'All files' };
  const cases: [string, () => Promise<unknown>, string, unknown][] = [
    [
      'listPhotos',
      () => backend.listPhotos({ filter: 'no_credit', text: 'see', limit: 1, offset: 0 }),
      'list_photos',
      { query: { filter: 'no_credit', text: 'see', limit: 1, offset: 0 } },
    ],
    ['getPhoto', () => backend.getPhoto(3), 'get_photo', { id: 3 }],
    [
      'updatePhoto',
      () => backend.updatePhoto(3, { caption: 'Rathaus', keywords: ['a'] }),
      'update_photo',
      { id: 3, update: { caption: 'Rathaus', keywords: ['a'] } },
    ],
    [
      'batchEditPhotos',
      () => backend.batchEditPhotos({ ids: [1, 2], creator: 'Max', apply_template: true }),
      'batch_edit_photos',
      { edit: { ids: [1, 2], creator: 'Max', apply_template: true } },
    ],
    ['deletePhoto', () => backend.deletePhoto(3), 'delete_photo', { id: 3 }],
    ['getCreditSettings', () => backend.getCreditSettings(), 'get_credit_settings', {}],
    [
      'setCreditSettings',
      () => backend.setCreditSettings({ organisation: 'Stadt Dortmund', template: 'Bild: {creator}' }),
      'set_credit_settings',
      { settings: { organisation: 'Stadt Dortmund', template: 'Bild: {creator}' } },
    ],
    ['cropShapes', () => backend.cropShapes(), 'crop_shapes', {}],
    ['defaultCropShapes', () => backend.defaultCropShapes(), 'default_crop_shapes', {}],
    [
      'setCropShapes',
      () => backend.setCropShapes([{ name: 'wide', aspect: { w: 16, h: 9 }, target_width: 1200 }]),
      'set_crop_shapes',
      { shapes: [{ name: 'wide', aspect: { w: 16, h: 9 }, target_width: 1200 }] },
    ],
    ['pickPhotoFiles', () => backend.pickPhotoFiles(importText), 'pick_photo_files', { text: importText }],
    ['importPhotos', () => backend.importPhotos(['/a.jpg', '/b.png']), 'import_photos', { paths: ['/a.jpg', '/b.png'] }],
  ];
  for (const [name, call, cmd, args] of cases) {
    it(`${name} invokes ${cmd}`, async () => {
      const calls = record();
      await call();
      expect(calls).toEqual([{ cmd, args }]);
    });
  }

  it('a refused delete arrives as { code, message }', async () => {
    mockIPC(() => Promise.reject({ code: 'invalid_state', message: 'photo 3 is used by 2 articles' }));
    await expect(backend.deletePhoto(3)).rejects.toEqual({ code: 'invalid_state', message: 'photo 3 is used by 2 articles' });
  });
});

describe('export commands', () => {
  const folderText = { title: 'Exportordner wählen', accept: '_Auswählen', cancel: '_Abbrechen' };
  const request = { ids: [3, 5], format: 'both' as const, fragment: false, out: '/srv/export', force: false, include_embargoed: false };
  const cases: [string, () => Promise<unknown>, string, unknown][] = [
    ['preflightArticle', () => backend.preflightArticle(3), 'preflight_article', { id: 3 }],
    ['pickExportFolder', () => backend.pickExportFolder(null, folderText), 'pick_export_folder', { start: null, text: folderText }],
    [
      'pickExportFolder (in the last folder)',
      () => backend.pickExportFolder('/srv/export', folderText),
      'pick_export_folder',
      { start: '/srv/export', text: folderText },
    ],
    ['exportConflicts', () => backend.exportConflicts(request), 'export_conflicts', { request }],
    ['cancelExport', () => backend.cancelExport(7), 'cancel_export', { batch: 7 }],
    [
      'exportArticles (all ready)',
      () => backend.exportArticles({ ...request, ids: null, force: true }),
      'export_articles',
      { request: { ...request, ids: null, force: true } },
    ],
  ];
  for (const [name, call, cmd, args] of cases) {
    it(`${name} invokes ${cmd}`, async () => {
      const calls = record();
      await call();
      expect(calls).toEqual([{ cmd, args }]);
    });
  }

  it('a cancelled folder dialog is null', async () => {
    record(null);
    await expect(backend.pickExportFolder(null, folderText)).resolves.toBeNull();
  });

  it('progress and finished events reach their subscribers until unsubscribed', async () => {
    const { emit } = await import('@tauri-apps/api/event');
    record(null, true);
    const progress: unknown[] = [];
    const finished: unknown[] = [];
    const offP = await backend.onExportProgress((p) => progress.push(p));
    const offF = await backend.onExportFinished((f) => finished.push(f));
    const p1 = { batch: 2, done: 1, total: 1, article_id: 3, headline: 'Kita', status: 'exported' };
    const f1 = {
      batch: 2,
      report: { out: '/x', format: 'html', exported: [], held_back: [], failed: [], skipped_existing: [], cancelled: [], listing: [] },
    };
    await emit(EVENTS.exportProgress, p1);
    await emit(EVENTS.exportFinished, f1);
    await vi.waitFor(() => expect(finished).toHaveLength(1));
    expect(progress).toEqual([p1]);
    expect(finished).toEqual([f1]);
    offP();
    offF();
    await emit(EVENTS.exportProgress, p1);
    await new Promise((r) => setTimeout(r, 10));
    expect(progress).toHaveLength(1);
  });
});

describe('import events', () => {
  it('progress and finished events reach their subscribers until unsubscribed', async () => {
    const { emit } = await import('@tauri-apps/api/event');
    record(null, true);
    const progress: unknown[] = [];
    const finished: unknown[] = [];
    const offP = await backend.onImportProgress((p) => progress.push(p));
    const offF = await backend.onImportFinished((f) => finished.push(f));
    const p1 = { batch: 4, done: 1, total: 2, item: { file: '/a.jpg', ok: false, error: { code: 'corrupt_image', message: 'x' } } };
    await emit(EVENTS.importProgress, p1);
    await emit(EVENTS.importFinished, { batch: 4, imported: 1, duplicates: 0, failed: 1 });
    await vi.waitFor(() => expect(finished).toHaveLength(1));
    expect(progress).toEqual([p1]);
    expect(finished).toEqual([{ batch: 4, imported: 1, duplicates: 0, failed: 1 }]);
    offP();
    offF();
    await emit(EVENTS.importProgress, p1);
    await new Promise((r) => setTimeout(r, 10));
    expect(progress).toHaveLength(1);
  });

  it('file drops on the webview become enter / drop / leave', async () => {
    const { emit } = await import('@tauri-apps/api/event');
    const { mockWindows } = await import('@tauri-apps/api/mocks');
    record(null, true);
    mockWindows('main');
    const seen: backend.FileDrop[] = [];
    const off = await backend.onFileDrop((e) => seen.push(e));
    await emit('tauri://drag-enter', { paths: ['/x.jpg'], position: { x: 1, y: 2 } });
    await emit('tauri://drag-over', { position: { x: 3, y: 4 } });
    await emit('tauri://drag-drop', { paths: ['/x.jpg', '/y.png'], position: { x: 3, y: 4 } });
    await emit('tauri://drag-leave', null);
    await vi.waitFor(() => expect(seen).toHaveLength(4));
    expect(seen).toEqual([{ type: 'enter' }, { type: 'over' }, { type: 'drop', paths: ['/x.jpg', '/y.png'] }, { type: 'leave' }]);
    off();
  });
});

describe('image URLs', () => {
  it('nrphoto://localhost on Linux and macOS, http://nrphoto.localhost on Windows', () => {
    expect(backend.photoUrlBase(false)).toBe('nrphoto://localhost');
    expect(backend.photoUrlBase(true)).toBe('http://nrphoto.localhost');
  });

  it('follows the platform the webview reports', () => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15');
    expect(backend.thumbUrl(12)).toBe('nrphoto://localhost/thumb/12');
    expect(backend.renditionUrl(12, 640)).toBe('nrphoto://localhost/rendition/12/640');
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/120.0');
    expect(backend.thumbUrl(12)).toBe('http://nrphoto.localhost/thumb/12');
    expect(backend.renditionUrl(12, 640)).toBe('http://nrphoto.localhost/rendition/12/640');
  });

  it('a crop, and an article’s own rectangle of it', () => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Linux');
    expect(backend.cropRenditionUrl(12, 'square', null, 640)).toBe('nrphoto://localhost/crop/12/square/640');
    expect(backend.cropRenditionUrl(12, 'wide', { x: 0, y: 120.4, width: 1600, height: 900 }, 640)).toBe(
      'nrphoto://localhost/crop/12/wide/640?rect=0,120,1600,900',
    );
    expect(backend.cropRenditionUrl(12, 'wide', { x: 0, y: 120, width: 1600, height: 900 }, 640, 5)).toBe(
      'nrphoto://localhost/crop/12/wide/640?rect=0,120,1600,900&a=5',
    );
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Windows NT 10.0');
    expect(backend.cropRenditionUrl(12, 'square', null, 320)).toBe('http://nrphoto.localhost/crop/12/square/320');
  });

  it('appends the version to bust caches', () => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Linux');
    expect(backend.thumbUrl(3, '2025-11-12T09:30:00Z')).toBe('nrphoto://localhost/thumb/3?v=2025-11-12T09%3A30%3A00Z');
    expect(backend.renditionUrl(3, 640, 'v2')).toBe('nrphoto://localhost/rendition/3/640?v=v2');
  });

  it('the dev override replaces the scheme', () => {
    backend.setPhotoUrlOverride((kind, id, w) => `data:${kind}/${id}/${w ?? ''}`);
    try {
      expect(backend.thumbUrl(3, 'x')).toBe('data:thumb/3/');
      expect(backend.renditionUrl(3, 640)).toBe('data:rendition/3/640');
    } finally {
      backend.setPhotoUrlOverride(null);
    }
  });
});
