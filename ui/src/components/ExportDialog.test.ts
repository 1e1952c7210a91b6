import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeLibrary, golden, type ExportRun } from '../dev/fakeBackend';
import { dialogText, setLang } from '../lib/i18n';
import { clearToasts } from '../lib/toasts';
import type { ExportNotStarted, ExportReport, ExportRequest } from '../lib/types';
import { article, id } from '../test/articles';
import { installIpc, noAnswer, type IpcCall } from '../test/ipc';
import ArticleList from './ArticleList.svelte';
import Editor from './Editor.svelte';
import ExportDialog from './ExportDialog.svelte';
import { buildExportRequest, saveExportPrefs } from '../lib/exportRun';

// The recorded export: everything ready (market and closure went out, works was held back by
// its preflight) into OUT. The recorded library is as it was afterwards; library() puts market
// and closure back to "ready", as they were when the export started.
const OUT = golden.export.request.out;
const [MARKET, CLOSURE, WORKS, TREES] = [id('market'), id('closure'), id('works'), id('trees')];
const market = article('market');
const MARKET_BUNDLE = golden.bundle_names[String(MARKET)];
const ALL_READY: ExportRequest = golden.export.request;

function library() {
  const lib = new FakeLibrary();
  for (const a of [MARKET, CLOSURE]) Object.assign(lib.articles.get(a)!, { state: 'ready', exported_at: null, exported_to: null });
  lib.stepMs = 5;
  return lib;
}

const only = (request: Partial<ExportRequest>): ExportRequest => ({ ...ALL_READY, ...request });

/** Not recorded: the export of the market article alone, cut from the recorded one. */
function marketRun(request: ExportRequest, replaced = false): ExportRun {
  const rec = golden.export;
  const bundle = rec.report.exported.find((b) => b.article_id === MARKET)!;
  return {
    request,
    progress: [{ ...rec.progress.find((p) => p.article_id === MARKET)!, done: 1, total: 1 }],
    report: { ...rec.report, exported: [{ ...bundle, replaced }], held_back: [] },
  };
}

/** A report of the recorded export stopped after its first article (not recorded). */
function stoppedAfter(exported: number, notStarted: ExportNotStarted[]): ExportReport {
  const rec = golden.export.report;
  return { ...rec, exported: rec.exported.slice(0, exported), held_back: [], cancelled: notStarted, listing: [] };
}
const headlineOf = (articleId: number) => golden.articles.find((a) => a.id === articleId)!.headline;
const notStarted = (articleId: number): ExportNotStarted => ({ article_id: articleId, headline: headlineOf(articleId) });

const byId = <T extends HTMLElement = HTMLElement>(id: string) => screen.getByTestId(id) as T;
const startBtn = () => byId<HTMLButtonElement>('export-start');
/** "Ordner wählen …" (the fake dialog answers), then "Exportieren" once it is enabled. */
async function pickFolderAndStart() {
  await fireEvent.click(byId('export-pick-folder'));
  await waitFor(() => expect(startBtn().disabled).toBe(false));
  await fireEvent.click(startBtn());
}
const sent = (ipc: ReturnType<typeof installIpc>, cmd: IpcCall['cmd']) =>
  ipc.callsOf(cmd).map((c) => (c.args as { request: ExportRequest }).request);

beforeEach(() => {
  setLang('de');
  clearToasts();
});

describe('buildExportRequest', () => {
  it('sends the fragment choice only when HTML is written', () => {
    expect(buildExportRequest([1], 'html', true, '/o', false)).toEqual({ ids: [1], format: 'html', fragment: true, out: '/o', force: false, include_embargoed: false });
    expect(buildExportRequest(null, 'ninjs', true, '/o', true)).toEqual({ ids: null, format: 'ninjs', fragment: false, out: '/o', force: true, include_embargoed: false });
    expect(buildExportRequest(null, 'both', true, '/o', false).fragment).toBe(true);
  });
});

describe('ExportDialog', () => {
  it('one article: choose a folder, confirm replacing, follow the progress, read the summary', async () => {
    const lib = library();
    lib.stepMs = 150;
    // Its folder is there (recorded); replacing it writes the bundle anew.
    lib.exports.push(marketRun(only({ ids: [MARKET], force: true }), true));
    const ipc = installIpc(lib);
    const onfinished = vi.fn();
    render(ExportDialog, {
      ids: [MARKET],
      article: { id: MARKET, headline: market.headline, state: 'ready' },
      onclose: vi.fn(),
      onfinished,
    });
    expect(byId('export-dialog').getAttribute('role')).toBe('dialog');
    expect(byId('export-subject').textContent).toBe(market.headline);
    // Defaults: both formats, no fragment, no folder yet.
    expect(byId<HTMLInputElement>('export-format-both').checked).toBe(true);
    expect(byId<HTMLInputElement>('export-format-html').checked).toBe(false);
    expect(byId<HTMLInputElement>('export-fragment').checked).toBe(false);
    expect(byId('export-folder').textContent).toBe('Noch kein Ordner gewählt.');
    expect(startBtn().disabled).toBe(true);

    await fireEvent.click(byId('export-pick-folder'));
    await waitFor(() => expect(byId('export-folder').textContent).toBe(OUT));
    // The folder dialog speaks the UI's language (title and buttons come from the UI).
    const text = { title: 'Exportordner wählen', accept: '_Auswählen', cancel: '_Abbrechen' };
    expect(ipc.callsOf('pick_export_folder').map((c) => c.args)).toEqual([{ start: null, text }]);
    await waitFor(() => expect(startBtn().disabled).toBe(false));

    await fireEvent.click(startBtn());
    await waitFor(() => expect(byId('export-conflicts')).toBeTruthy());
    expect(byId('export-conflicts').textContent).toContain('Das gibt es im Zielordner schon:');
    expect(screen.getAllByTestId('export-conflict').map((n) => n.textContent)).toEqual([MARKET_BUNDLE]);
    expect(sent(ipc, 'export_conflicts')).toEqual([{ ids: [MARKET], format: 'both', fragment: false, out: OUT, force: false, include_embargoed: false }]);
    expect(ipc.callsOf('export_articles')).toHaveLength(0);

    await fireEvent.click(byId('export-confirm-replace'));
    await waitFor(() => expect(byId('export-progress').dataset.done).toBe('0'));
    expect(byId('export-progress').dataset.total).toBe('1');
    expect(byId('export-progress').textContent).toContain('0 von 1 Artikeln');
    expect(screen.queryByTestId('export-close')).toBeNull();
    await waitFor(() =>
      expect(sent(ipc, 'export_articles')).toEqual([{ ids: [MARKET], format: 'both', fragment: false, out: OUT, force: true, include_embargoed: false }]),
    );
    await waitFor(() => expect(byId('export-progress').dataset.done).toBe('1'));
    expect(byId('export-progress').textContent).toContain('1 von 1 Artikeln');
    expect(byId('export-progress-item').textContent).toContain(market.headline);
    expect(byId('export-progress-item').dataset.status).toBe('exported');

    await waitFor(() => expect(byId('export-summary')).toBeTruthy(), { timeout: 3000 });
    const summary = byId('export-summary');
    expect(summary.textContent).toContain('Export abgeschlossen');
    expect(byId('export-totals').textContent).toBe('1 exportiert, 0 zurückgehalten, 0 fehlgeschlagen, 0 übersprungen');
    const bundle = byId('export-bundle');
    expect(bundle.dataset.name).toBe(MARKET_BUNDLE);
    expect(bundle.textContent).toContain(`${OUT}/${MARKET_BUNDLE}`);
    expect(bundle.textContent).toContain('ersetzt');
    expect(bundle.textContent).toContain(
      '22 Dateien: article.json, images/photo-2-320.jpg, images/photo-2-320.webp, images/photo-2-640.jpg, images/photo-2-640.webp, ' +
        'images/photo-2-classic-320.jpg, images/photo-2-classic-320.webp, images/photo-2-classic-640.jpg, images/photo-2-classic-640.webp, ' +
        'images/photo-2-social-320.jpg, images/photo-2-social-320.webp, images/photo-2-social-640.jpg, images/photo-2-social-640.webp, ' +
        'images/photo-2-square-320.jpg, images/photo-2-square-320.webp, images/photo-2-square-480.jpg, images/photo-2-square-480.webp, ' +
        'images/photo-2-wide-320.jpg, images/photo-2-wide-320.webp, images/photo-2-wide-640.jpg, images/photo-2-wide-640.webp, index.html',
    );
    expect(byId('export-listing').textContent).toBe('Außerdem im Zielordner geschrieben: feed.json, index.html');
    expect(onfinished).toHaveBeenCalledTimes(1);
    expect((onfinished.mock.calls[0][0] as ExportReport).exported[0].replaced).toBe(true);
    expect(byId('export-close').textContent).toBe('Schließen');
    // The backend moved it to "exported".
    expect((lib.handle('get_article', { id: MARKET }) as { state: string }).state).toBe('exported');
  });

  it('"Abbrechen" at the conflict question goes back to the dialog and writes nothing', async () => {
    const lib = library();
    const ipc = installIpc(lib);
    const onclose = vi.fn();
    render(ExportDialog, { ids: [MARKET], article: { id: MARKET, headline: market.headline, state: 'ready' }, onclose });
    await pickFolderAndStart();
    await waitFor(() => expect(byId('export-cancel-replace')).toBeTruthy());
    await fireEvent.click(byId('export-cancel-replace'));
    expect(screen.queryByTestId('export-conflicts')).toBeNull();
    expect(byId('export-dialog').dataset.phase).toBe('setup');
    expect(startBtn().disabled).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(ipc.callsOf('export_articles')).toHaveLength(0);
    expect(onclose).not.toHaveBeenCalled();
    expect((lib.handle('get_article', { id: MARKET }) as { state: string }).state).toBe('ready');
    // Escape closes the dialog when nothing runs.
    await fireEvent.keyDown(byId('export-dialog'), { key: 'Escape' });
    expect(onclose).toHaveBeenCalled();
  });

  it('all ready: exported bundles, held back with translated checks, the listing', async () => {
    const lib = library();
    // The market folder is there at first (so the question comes), then gone (not recorded).
    const ipc = installIpc(lib, {
      export_conflicts: () => (ipc.callsOf('export_conflicts').length === 1 ? [MARKET_BUNDLE] : []),
    });
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    expect(byId('export-dialog').textContent).toContain('Alle freigegebenen Artikel exportieren');
    expect(screen.queryByTestId('export-blocked')).toBeNull();
    await pickFolderAndStart();
    await waitFor(() => expect(screen.getAllByTestId('export-conflict').map((n) => n.textContent)).toEqual([MARKET_BUNDLE]));
    await fireEvent.click(byId('export-cancel-replace'));
    await fireEvent.click(startBtn());
    await waitFor(() => expect(byId('export-summary')).toBeTruthy(), { timeout: 3000 });
    expect(sent(ipc, 'export_articles')).toEqual([{ ids: null, format: 'both', fragment: false, out: OUT, force: false, include_embargoed: false }]);
    expect(byId('export-totals').textContent).toBe('2 exportiert, 1 zurückgehalten, 0 fehlgeschlagen, 0 übersprungen');
    expect(screen.getAllByTestId('export-bundle').map((b) => Number(b.dataset.articleId))).toEqual([MARKET, CLOSURE]);
    const held = screen.getAllByTestId('export-held-back');
    expect(held.map((h) => Number(h.dataset.articleId))).toEqual([WORKS]);
    expect(held[0].textContent).toContain(headlineOf(WORKS));
    expect(held[0].textContent).toContain('Das Bild hat keinen Credit.');
    expect(held[0].textContent).toContain('Das Bild hat keinen Alternativtext.');
    expect(held[0].textContent).toContain('Aufmacherbild');
    expect(Array.from(held[0].querySelectorAll<HTMLElement>('[data-testid="export-held-check"]')).map((c) => c.dataset.code)).toEqual([
      'photo_no_credit',
      'photo_no_alt',
      'bad_link',
    ]);
    expect(screen.queryByTestId('export-failed')).toBeNull();
    expect(byId('export-listing').textContent).toContain('feed.json, index.html');
    // The closure is under an embargo: exported, but not listed, and the summary says until when.
    const unlisted = screen.getAllByTestId('export-unlisted-embargoed');
    expect(unlisted.map((u) => Number(u.dataset.articleId))).toEqual([CLOSURE]);
    expect(unlisted[0].textContent).toContain('Sperrfrist bis Do 20. November 2025, 07:00');
    setLang('en');
    await waitFor(() => expect(byId('export-totals').textContent).toBe('2 exported, 1 held back, 0 failed, 0 skipped'));
    expect(held[0].textContent).toContain('The photo has no credit.');
  });

  it('a bundle that could not be written is listed with its translated error', async () => {
    // Not recorded: the recorded export, the closure bundle failing to be written.
    const lib = library();
    const rec = golden.export;
    const error = {
      code: 'io' as const,
      message: '/srv/presse/export/schliessung: permission denied',
      values: { io: 'permission_denied' as const, path: '/srv/presse/export/schliessung' },
    };
    lib.exports.push({
      request: ALL_READY,
      progress: rec.progress.map((p) => (p.article_id === CLOSURE ? { ...p, status: 'failed' } : p)),
      report: {
        ...rec.report,
        exported: rec.report.exported.filter((b) => b.article_id !== CLOSURE),
        failed: [{ article_id: CLOSURE, headline: headlineOf(CLOSURE), error }],
      },
    });
    installIpc(lib, { export_conflicts: () => [] });
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    await pickFolderAndStart();
    await waitFor(() => expect(byId('export-summary')).toBeTruthy(), { timeout: 3000 });
    expect(byId('export-totals').textContent).toBe('1 exportiert, 1 zurückgehalten, 1 fehlgeschlagen, 0 übersprungen');
    const failed = byId('export-failed');
    expect(failed.textContent).toContain(headlineOf(CLOSURE));
    expect(failed.textContent).toContain('Datei- oder Speicherfehler – /srv/presse/export/schliessung: keine Berechtigung');
    setLang('en');
    await waitFor(() => expect(byId('export-failed').textContent).toContain('File or storage error'));
    expect(byId('export-failed').textContent).toContain('/srv/presse/export/schliessung: permission denied');
  });

  it('a running export can be stopped: the article in hand is finished, the rest is listed as not exported', async () => {
    const lib = library();
    lib.stepMs = 60;
    // What the backend reports when stopped after the first article (not recorded).
    lib.exports[0].cancelled = stoppedAfter(1, [notStarted(CLOSURE), notStarted(WORKS)]);
    let started: unknown = null;
    const ipc = installIpc(lib, {
      export_conflicts: () => [],
      export_articles: (args) => (started = lib.handle('export_articles', args)),
    });
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    await pickFolderAndStart();
    await waitFor(() => expect(screen.getAllByTestId('export-progress-item')).toHaveLength(1));
    await fireEvent.click(byId<HTMLButtonElement>('export-stop'));
    expect(byId<HTMLButtonElement>('export-stop').disabled).toBe(true);
    expect(byId('export-running').textContent).toBe('Wird nach dem aktuellen Artikel beendet …');
    await waitFor(() => expect(byId('export-summary')).toBeTruthy(), { timeout: 3000 });
    expect(typeof started).toBe('number');
    expect(ipc.callsOf('cancel_export').map((c) => c.args)).toEqual([{ batch: started }]);
    expect(byId('export-summary').textContent).toContain('Export abgebrochen');
    expect(byId('export-summary').textContent).toContain('Abgebrochen, nicht exportiert (2)');
    expect(byId('export-totals').textContent).toBe('1 exportiert, 0 zurückgehalten, 0 fehlgeschlagen, 0 übersprungen, 2 abgebrochen');
    expect(screen.getAllByTestId('export-not-started').map((n) => Number(n.dataset.articleId))).toEqual([CLOSURE, WORKS]);
    expect(screen.getAllByTestId('export-bundle').map((b) => Number(b.dataset.articleId))).toEqual([MARKET]);
  });

  it('stopped before the backend named the batch: the stop is sent once it does, nothing is exported', async () => {
    const lib = library();
    lib.stepMs = 60;
    lib.exports[0].cancelled = stoppedAfter(0, [MARKET, CLOSURE, WORKS].map(notStarted));
    let answer: () => void = () => {};
    const ipc = installIpc(lib, {
      export_conflicts: () => [],
      export_articles: (args) => new Promise((resolve) => (answer = () => resolve(lib.handle('export_articles', args)))),
    });
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    await pickFolderAndStart();
    await waitFor(() => expect(ipc.callsOf('export_articles')).toHaveLength(1));
    await fireEvent.click(byId<HTMLButtonElement>('export-stop'));
    expect(ipc.callsOf('cancel_export')).toHaveLength(0);
    answer();
    await waitFor(() => expect(byId('export-summary')).toBeTruthy(), { timeout: 3000 });
    expect(ipc.callsOf('cancel_export')).toHaveLength(1);
    expect(byId('export-totals').textContent).toBe('0 exportiert, 0 zurückgehalten, 0 fehlgeschlagen, 0 übersprungen, 3 abgebrochen');
    expect(screen.queryByTestId('export-nothing')).toBeNull();
  });

  it('a long stopped batch lists its first few not-exported articles, then a count', async () => {
    // Not recorded: a batch of fourteen, stopped after the first.
    const lib = library();
    lib.stepMs = 40;
    const many = Array.from({ length: 13 }, (_, n) => ({ article_id: 100 + n, headline: `Sprechstunde ${n + 1}` }));
    lib.exports[0].cancelled = stoppedAfter(1, many);
    installIpc(lib, { export_conflicts: () => [] });
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    await pickFolderAndStart();
    await waitFor(() => expect(screen.getAllByTestId('export-progress-item').length).toBeGreaterThan(0));
    await fireEvent.click(byId<HTMLButtonElement>('export-stop'));
    await waitFor(() => expect(byId('export-summary')).toBeTruthy(), { timeout: 3000 });
    const heading = byId('export-summary').textContent ?? '';
    const n = Number(/Abgebrochen, nicht exportiert \((\d+)\)/.exec(heading)?.[1]);
    expect(n).toBeGreaterThan(8);
    expect(screen.getAllByTestId('export-not-started')).toHaveLength(8);
    expect(byId('export-not-started-more').textContent?.trim()).toBe(`… und ${n - 8} weitere`);
  });

  it('skipped folders and a not-ready article held back (explicit ids)', async () => {
    // Not recorded: market's folder appeared after the question (the report says "skipped"),
    // trees is a draft.
    const lib = library();
    const request = only({ ids: [MARKET, TREES] });
    const notReady = {
      level: 'error' as const,
      code: 'not_ready' as const,
      field: 'state',
      photo_id: null,
      detail: 'the article is Entwurf (draft); only Freigegeben articles are exported',
    };
    lib.exports.push({
      request,
      progress: [
        { article_id: MARKET, headline: market.headline, status: 'exists', done: 1, total: 2 },
        { article_id: TREES, headline: headlineOf(TREES), status: 'held_back', done: 2, total: 2 },
      ],
      report: {
        ...golden.export.report,
        exported: [],
        held_back: [{ article_id: TREES, headline: headlineOf(TREES), checks: [notReady] }],
        skipped_existing: [{ article_id: MARKET, headline: market.headline, name: MARKET_BUNDLE }],
        listing: [],
      },
    });
    const ipc = installIpc(lib, { export_conflicts: () => [] });
    render(ExportDialog, { ids: [MARKET, TREES], onclose: vi.fn() });
    await pickFolderAndStart();
    await waitFor(() => expect(byId('export-summary')).toBeTruthy(), { timeout: 3000 });
    expect(ipc.callsOf('export_articles')).toHaveLength(1);
    expect(byId('export-skipped').textContent).toContain(MARKET_BUNDLE);
    expect(byId('export-summary').textContent).toContain('Übersprungen, weil der Ordner schon da war (1)');
    expect(byId('export-held-back').textContent).toContain('Der Artikel ist nicht freigegeben.');
    expect(byId('export-held-back').textContent).toContain('Status');
    expect(screen.queryByTestId('export-listing')).toBeNull();
  });

  it('nothing ready: the summary says so', async () => {
    // Not recorded: a library without ready articles exports nothing.
    const lib = library();
    lib.exports.push({ request: ALL_READY, progress: [], report: stoppedAfter(0, []) });
    installIpc(lib, { export_conflicts: () => [] });
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    await pickFolderAndStart();
    await waitFor(() => expect(byId('export-nothing').textContent).toContain('Kein Artikel ist freigegeben'));
  });

  it('one article with preflight errors: the blocking checks are shown and the export cannot start', async () => {
    const ipc = installIpc(library());
    render(ExportDialog, { ids: [WORKS], article: { id: WORKS, headline: headlineOf(WORKS), state: 'ready' }, onclose: vi.fn() });
    await waitFor(() => expect(screen.getAllByTestId('export-blocking')).toHaveLength(3));
    expect(byId('export-blocked').textContent).toContain('So kann der Artikel nicht exportiert werden:');
    expect(screen.getAllByTestId('export-blocking').map((b) => b.dataset.code)).toEqual(['photo_no_credit', 'photo_no_alt', 'bad_link']);
    await fireEvent.click(byId('export-pick-folder'));
    await waitFor(() => expect(byId('export-folder').textContent).toBe(OUT));
    expect(startBtn().disabled).toBe(true);
    expect(ipc.callsOf('preflight_article')[0].args).toEqual({ id: WORKS });
  });

  it('one article that is not ready: says why and cannot start', async () => {
    installIpc(library());
    render(ExportDialog, { ids: [TREES], article: { id: TREES, headline: headlineOf(TREES), state: 'draft' }, onclose: vi.fn() });
    expect(byId('export-not-ready').textContent).toContain('Der Artikel steht auf „Entwurf“');
    await fireEvent.click(byId('export-pick-folder'));
    await waitFor(() => expect(byId('export-folder').textContent).toBe(OUT));
    expect(startBtn().disabled).toBe(true);
  });

  it('the folder dialog opens in the folder used last time', async () => {
    saveExportPrefs({ folder: '/srv/export/letztes-mal', format: 'both', fragment: false });
    const ipc = installIpc(library());
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    expect(byId('export-folder').textContent).toBe('/srv/export/letztes-mal');
    await fireEvent.click(byId('export-pick-folder'));
    await waitFor(() => expect(byId('export-folder').textContent).toBe(OUT));
    expect(ipc.callsOf('pick_export_folder').map((c) => c.args)).toEqual([
      { start: '/srv/export/letztes-mal', text: dialogText('de', 'export') },
    ]);
  });

  it('a cancelled folder dialog changes nothing; the fragment is only for HTML', async () => {
    const lib = library();
    lib.exportFolder = null;
    const ipc = installIpc(lib);
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    await fireEvent.click(byId('export-pick-folder'));
    await waitFor(() => expect(ipc.callsOf('pick_export_folder')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 80));
    expect(byId('export-folder').textContent).toBe('Noch kein Ordner gewählt.');
    expect(startBtn().disabled).toBe(true);
    await fireEvent.click(byId('export-format-ninjs'));
    expect(byId<HTMLInputElement>('export-fragment').disabled).toBe(true);
    await fireEvent.click(byId('export-format-both'));
    expect(byId<HTMLInputElement>('export-fragment').disabled).toBe(false);
  });

  it('the last folder and format are remembered', async () => {
    installIpc(library());
    const first = render(ExportDialog, { ids: null, onclose: vi.fn() });
    await fireEvent.click(byId('export-format-ninjs'));
    await fireEvent.click(byId('export-pick-folder'));
    await waitFor(() => expect(byId('export-folder').textContent).toBe(OUT));
    first.unmount();
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    expect(byId('export-folder').textContent).toBe(OUT);
    expect(byId<HTMLInputElement>('export-format-ninjs').checked).toBe(true);
    expect(startBtn().disabled).toBe(false);
  });

  it('the chosen format and the fragment go into the request', async () => {
    // What the backend answers is not looked at here.
    const ipc = installIpc(library(), { export_conflicts: () => [], export_articles: noAnswer });
    render(ExportDialog, { ids: [MARKET], article: { id: MARKET, headline: market.headline, state: 'ready' }, onclose: vi.fn() });
    await fireEvent.click(byId('export-pick-folder'));
    await fireEvent.click(byId('export-format-html'));
    await fireEvent.click(byId('export-fragment'));
    await waitFor(() => expect(startBtn().disabled).toBe(false));
    await fireEvent.click(startBtn());
    await waitFor(() => expect(ipc.callsOf('export_articles')).toHaveLength(1));
    const request = { ids: [MARKET], format: 'html', fragment: true, out: OUT, force: false, include_embargoed: false };
    expect(sent(ipc, 'export_conflicts')).toEqual([request]);
    expect(sent(ipc, 'export_articles')).toEqual([request]);
  });

  it('a folder remembered from an earlier session is chosen again in the dialog before anything is written', async () => {
    localStorage.setItem('newsroom.export.folder', '/srv/alt/export');
    const ipc = installIpc(library(), {
      pick_export_folder: () => OUT,
      export_conflicts: () => [],
      export_articles: noAnswer,
    });
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    await waitFor(() => expect(startBtn().disabled).toBe(false));
    await fireEvent.click(startBtn());
    await waitFor(() => expect(ipc.callsOf('export_articles')).toHaveLength(1));
    // The dialog opened in the remembered folder; the export goes where it answered.
    expect(ipc.callsOf('pick_export_folder').map((c) => c.args.start)).toEqual(['/srv/alt/export']);
    expect(sent(ipc, 'export_conflicts').map((r) => r.out)).toEqual([OUT]);
    expect(sent(ipc, 'export_articles').map((r) => r.out)).toEqual([OUT]);
    localStorage.removeItem('newsroom.export.folder');
  });

  it('cancelling that dialog writes nothing', async () => {
    localStorage.setItem('newsroom.export.folder', '/srv/alt/zweiter');
    const ipc = installIpc(library(), { pick_export_folder: () => null });
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    await waitFor(() => expect(startBtn().disabled).toBe(false));
    await fireEvent.click(startBtn());
    await waitFor(() => expect(ipc.callsOf('pick_export_folder')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(ipc.callsOf('export_conflicts')).toHaveLength(0);
    expect(ipc.callsOf('export_articles')).toHaveLength(0);
    expect(byId('export-dialog').dataset.phase).toBe('setup');
    localStorage.removeItem('newsroom.export.folder');
  });

  it('listing embargoed articles is asked for each time, never remembered', async () => {
    const ipc = installIpc(library(), { export_conflicts: () => [], export_articles: noAnswer });
    const first = render(ExportDialog, { ids: null, onclose: vi.fn() });
    expect(byId<HTMLInputElement>('export-include-embargoed').checked).toBe(false);
    await fireEvent.click(byId('export-include-embargoed'));
    await pickFolderAndStart();
    await waitFor(() => expect(ipc.callsOf('export_articles')).toHaveLength(1));
    expect(sent(ipc, 'export_articles')[0].include_embargoed).toBe(true);
    first.unmount();
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    expect(byId<HTMLInputElement>('export-include-embargoed').checked).toBe(false);
  });

  it('an index.html or feed.json Newsroom did not write is named in the question', async () => {
    installIpc(library(), { export_conflicts: () => [MARKET_BUNDLE, 'index.html'], export_articles: noAnswer });
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    await pickFolderAndStart();
    const names = await waitFor(() => screen.getAllByTestId('export-conflict'));
    expect(names.map((n) => n.textContent)).toEqual([MARKET_BUNDLE, 'index.html – nicht von Newsroom geschrieben']);
  });

  it('a refused start is shown translated and nothing is written', async () => {
    const ipc = installIpc(library(), {
      export_conflicts: () =>
        Promise.reject({
          code: 'io',
          message: '/srv/presse/export: not a directory',
          values: { io: 'not_a_directory', path: '/srv/presse/export' },
        }),
    });
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    await pickFolderAndStart();
    await waitFor(() => expect(byId('export-error').textContent).toContain('Datei- oder Speicherfehler'));
    expect(byId('export-error').textContent).toContain('/srv/presse/export: kein Ordner');
    expect(ipc.callsOf('export_articles')).toHaveLength(0);
    expect(byId('export-dialog').dataset.phase).toBe('setup');
  });
});

describe('export from the editor and the list', () => {
  it('"Exportieren …" saves pending edits first; afterwards the article is exported and says where', async () => {
    const lib = library();
    lib.exports.push(marketRun(only({ ids: [MARKET] })));
    // Before the recorded export its folder was not there.
    const ipc = installIpc(lib, { export_conflicts: () => [] });
    render(Editor, { id: MARKET, onback: vi.fn() });
    await waitFor(() => expect(byId<HTMLInputElement>('field-headline').value).toBe(market.headline));
    await waitFor(() => expect(byId('preflight-ok')).toBeTruthy());
    expect(screen.queryByTestId('exported-info')).toBeNull();
    await fireEvent.input(byId('field-teaser'), { target: { value: 'Neuer Teaser.' } });
    await fireEvent.click(byId('export-article'));
    await waitFor(() => expect(byId('export-dialog')).toBeTruthy());
    expect(ipc.callsOf('save_article')).toHaveLength(1);
    expect(byId('export-subject').textContent).toBe(market.headline);
    await pickFolderAndStart();
    await waitFor(() => expect(byId('export-summary')).toBeTruthy(), { timeout: 3000 });
    await waitFor(() => expect(byId('state-badge').dataset.state).toBe('exported'));
    expect(byId('exported-info').textContent).toContain(`nach ${OUT}/${MARKET_BUNDLE}`);
    expect(byId('exported-info').textContent).toMatch(/^\s*Exportiert am \w\w \d+\. \w+ \d{4}, \d\d:\d\d nach /);
    await fireEvent.click(byId('export-close'));
    expect(screen.queryByTestId('export-dialog')).toBeNull();
    // What was exported is what was on screen.
    expect((lib.handle('get_article', { id: MARKET }) as { teaser: string }).teaser).toBe('Neuer Teaser.');
  });

  it('"Alle Freigegebenen exportieren …" exports with ids null and reloads the list', async () => {
    const lib = library();
    const ipc = installIpc(lib, { export_conflicts: () => [] });
    render(ArticleList, {});
    await waitFor(() => expect(screen.getAllByTestId('article-row')).toHaveLength(5));
    const row = (articleId: number) => screen.getAllByTestId('article-row').find((r) => r.dataset.id === String(articleId));
    expect(row(MARKET)?.dataset.state).toBe('ready');
    expect(byId('export-ready').textContent).toContain('Alle Freigegebenen exportieren …');
    await fireEvent.click(byId('export-ready'));
    await fireEvent.click(byId('export-pick-folder'));
    await waitFor(() => expect(startBtn().disabled).toBe(false));
    const listsBefore = ipc.callsOf('list_articles').length;
    await fireEvent.click(startBtn());
    await waitFor(() => expect(byId('export-summary')).toBeTruthy(), { timeout: 3000 });
    expect(sent(ipc, 'export_articles')[0].ids).toBeNull();
    await waitFor(() => expect(ipc.callsOf('list_articles').length).toBe(listsBefore + 1));
    await waitFor(() => expect(row(MARKET)?.dataset.state).toBe('exported'));
    expect(row(CLOSURE)?.dataset.state).toBe('exported');
    expect(row(WORKS)?.dataset.state).toBe('ready');
    await fireEvent.click(byId('export-close'));
    expect(screen.queryByTestId('export-dialog')).toBeNull();
  });
});
