import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeLibrary } from '../dev/fakeBackend';
import { emptyArticleInput } from '../lib/article';
import { setLang } from '../lib/i18n';
import { clearToasts } from '../lib/toasts';
import type { ArticleInput, ExportReport, ExportRequest } from '../lib/types';
import { installIpc } from '../test/ipc';
import ArticleList from './ArticleList.svelte';
import Editor from './Editor.svelte';
import ExportDialog from './ExportDialog.svelte';
import { buildExportRequest, saveExportPrefs } from '../lib/exportRun';

const OUT = '/srv/presse/export';

const complete: ArticleInput = {
  ...emptyArticleInput(),
  teaser: 'Ein Teaser.',
  body: 'Text.',
  published_at: '2025-11-12T09:30:00Z',
  related_links: [{ label: 'Mehr', url: 'https://www.dortmund.de' }],
};

function library() {
  const lib = new FakeLibrary(false);
  lib.addPhoto({ original_name: 'ok.jpg', caption: 'Kita', credit: 'Bild: Stadt / A', alt_text: 'Kinder im Garten' });
  lib.addPhoto({ original_name: 'ohne.jpg', caption: 'Baustelle' });
  // 1 ready, fine
  lib.create({ ...complete, headline: 'Kita eröffnet', lead_photo: { photo_id: 1, caption: null, alt_text: null } }, 'ready');
  // 2 ready, lead photo without credit and alt text: held back
  lib.create({ ...complete, headline: 'Baustelle B1', lead_photo: { photo_id: 2, caption: null, alt_text: null } }, 'ready');
  // 3 ready, but writing it fails
  lib.create({ ...complete, headline: 'Rathaus', published_at: '2025-11-13T09:30:00Z' }, 'ready');
  // 4 draft: not part of "all ready"
  lib.create({ ...complete, headline: 'Entwurf' }, 'draft');
  lib.exportFolder = OUT;
  lib.exportStepMs = 5;
  lib.exportFailures.set(3, { code: 'io', message: 'permission denied' });
  return lib;
}

const byId = <T extends HTMLElement = HTMLElement>(id: string) => screen.getByTestId(id) as T;
const startBtn = () => byId<HTMLButtonElement>('export-start');
/** "Ordner wählen …" (the fake dialog answers), then "Exportieren" once it is enabled. */
async function pickFolderAndStart() {
  await fireEvent.click(byId('export-pick-folder'));
  await waitFor(() => expect(startBtn().disabled).toBe(false));
  await fireEvent.click(startBtn());
}
const sent = (ipc: ReturnType<typeof installIpc>, cmd: string) =>
  ipc.callsOf(cmd).map((c) => (c.args as { request: ExportRequest }).request);

beforeEach(() => {
  setLang('de');
  clearToasts();
});

describe('buildExportRequest', () => {
  it('sends the fragment choice only when HTML is written', () => {
    expect(buildExportRequest([1], 'html', true, '/o', false)).toEqual({ ids: [1], format: 'html', fragment: true, out: '/o', force: false });
    expect(buildExportRequest(null, 'ninjs', true, '/o', true)).toEqual({ ids: null, format: 'ninjs', fragment: false, out: '/o', force: true });
    expect(buildExportRequest(null, 'both', true, '/o', false).fragment).toBe(true);
  });
});

describe('ExportDialog', () => {
  it('one article: choose a folder, confirm replacing, follow the progress, read the summary', async () => {
    const lib = library();
    lib.exportStepMs = 150;
    lib.existingBundles.set(OUT, new Set(['2025-11-12-kita-eroeffnet']));
    const ipc = installIpc(lib);
    const onfinished = vi.fn();
    render(ExportDialog, {
      ids: [1],
      article: { id: 1, headline: 'Kita eröffnet', state: 'ready' },
      onclose: vi.fn(),
      onfinished,
    });
    expect(byId('export-dialog').getAttribute('role')).toBe('dialog');
    expect(byId('export-subject').textContent).toBe('Kita eröffnet');
    // Defaults: both formats, no fragment, no folder yet.
    expect(byId<HTMLInputElement>('export-format-both').checked).toBe(true);
    expect(byId<HTMLInputElement>('export-format-html').checked).toBe(false);
    expect(byId<HTMLInputElement>('export-fragment').checked).toBe(false);
    expect(byId('export-folder').textContent).toBe('Noch kein Ordner gewählt.');
    expect(startBtn().disabled).toBe(true);

    await fireEvent.click(byId('export-pick-folder'));
    await waitFor(() => expect(byId('export-folder').textContent).toBe(OUT));
    expect(ipc.callsOf('pick_export_folder').map((c) => c.args)).toEqual([{ start: null }]);
    await fireEvent.click(byId('export-format-html'));
    await fireEvent.click(byId('export-fragment'));
    await waitFor(() => expect(startBtn().disabled).toBe(false));

    await fireEvent.click(startBtn());
    await waitFor(() => expect(byId('export-conflicts')).toBeTruthy());
    expect(byId('export-conflicts').textContent).toContain('Diese Ordner gibt es im Zielordner schon:');
    expect(screen.getAllByTestId('export-conflict').map((n) => n.textContent)).toEqual(['2025-11-12-kita-eroeffnet']);
    expect(sent(ipc, 'export_conflicts')).toEqual([{ ids: [1], format: 'html', fragment: true, out: OUT, force: false }]);
    expect(ipc.callsOf('export_articles')).toHaveLength(0);

    await fireEvent.click(byId('export-confirm-replace'));
    await waitFor(() => expect(byId('export-progress').dataset.done).toBe('0'));
    expect(byId('export-progress').dataset.total).toBe('1');
    expect(byId('export-progress').textContent).toContain('0 von 1 Artikeln');
    expect(screen.queryByTestId('export-close')).toBeNull();
    await waitFor(() =>
      expect(sent(ipc, 'export_articles')).toEqual([{ ids: [1], format: 'html', fragment: true, out: OUT, force: true }]),
    );
    await waitFor(() => expect(byId('export-progress').dataset.done).toBe('1'));
    expect(byId('export-progress').textContent).toContain('1 von 1 Artikeln');
    expect(byId('export-progress-item').textContent).toContain('Kita eröffnet');
    expect(byId('export-progress-item').dataset.status).toBe('exported');

    await waitFor(() => expect(byId('export-summary')).toBeTruthy(), { timeout: 3000 });
    const summary = byId('export-summary');
    expect(summary.textContent).toContain('Export abgeschlossen');
    expect(byId('export-totals').textContent).toBe('1 exportiert, 0 zurückgehalten, 0 fehlgeschlagen, 0 übersprungen');
    const bundle = byId('export-bundle');
    expect(bundle.dataset.name).toBe('2025-11-12-kita-eroeffnet');
    expect(bundle.textContent).toContain(`${OUT}/2025-11-12-kita-eroeffnet`);
    expect(bundle.textContent).toContain('ersetzt');
    expect(bundle.textContent).toContain('2 Dateien: article.fragment.html, images/1.jpg');
    expect(byId('export-listing').textContent).toBe('Außerdem im Zielordner geschrieben: index.html');
    expect(onfinished).toHaveBeenCalledTimes(1);
    expect((onfinished.mock.calls[0][0] as ExportReport).exported[0].replaced).toBe(true);
    expect(byId('export-close').textContent).toBe('Schließen');
    // The backend moved it to "exported".
    expect((lib.handle('get_article', { id: 1 }) as { state: string }).state).toBe('exported');
  });

  it('"Abbrechen" at the conflict question goes back to the dialog and writes nothing', async () => {
    const lib = library();
    lib.existingBundles.set(OUT, new Set(['2025-11-12-kita-eroeffnet']));
    const ipc = installIpc(lib);
    const onclose = vi.fn();
    render(ExportDialog, { ids: [1], article: { id: 1, headline: 'Kita eröffnet', state: 'ready' }, onclose });
    await pickFolderAndStart();
    await waitFor(() => expect(byId('export-cancel-replace')).toBeTruthy());
    await fireEvent.click(byId('export-cancel-replace'));
    expect(screen.queryByTestId('export-conflicts')).toBeNull();
    expect(byId('export-dialog').dataset.phase).toBe('setup');
    expect(startBtn().disabled).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(ipc.callsOf('export_articles')).toHaveLength(0);
    expect(onclose).not.toHaveBeenCalled();
    expect(lib.existingBundles.get(OUT)?.size).toBe(1);
    expect((lib.handle('get_article', { id: 1 }) as { state: string }).state).toBe('ready');
    // Escape closes the dialog when nothing runs.
    await fireEvent.keyDown(byId('export-dialog'), { key: 'Escape' });
    expect(onclose).toHaveBeenCalled();
  });

  it('all ready: held back with translated checks, failures, skipped folders, listing', async () => {
    const lib = library();
    lib.existingBundles.set(OUT, new Set(['2025-11-13-rathaus']));
    const ipc = installIpc(lib);
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    expect(byId('export-dialog').textContent).toContain('Alle freigegebenen Artikel exportieren');
    expect(screen.queryByTestId('export-blocked')).toBeNull();
    await pickFolderAndStart();
    // Rathaus would be skipped: its folder exists. Article 2 is held back, so it is no conflict.
    await waitFor(() => expect(screen.getAllByTestId('export-conflict').map((n) => n.textContent)).toEqual(['2025-11-13-rathaus']));
    await fireEvent.click(byId('export-cancel-replace'));
    lib.existingBundles.clear();
    await fireEvent.click(startBtn());
    await waitFor(() => expect(byId('export-summary')).toBeTruthy(), { timeout: 3000 });
    expect(sent(ipc, 'export_articles')).toEqual([{ ids: null, format: 'both', fragment: false, out: OUT, force: false }]);
    expect(byId('export-totals').textContent).toBe('1 exportiert, 1 zurückgehalten, 1 fehlgeschlagen, 0 übersprungen');
    expect(screen.getAllByTestId('export-bundle').map((b) => b.dataset.articleId)).toEqual(['1']);
    const held = screen.getAllByTestId('export-held-back');
    expect(held.map((h) => h.dataset.articleId)).toEqual(['2']);
    expect(held[0].textContent).toContain('Baustelle B1');
    expect(held[0].textContent).toContain('Das Bild hat keinen Credit.');
    expect(held[0].textContent).toContain('Das Bild hat keinen Alternativtext.');
    expect(held[0].textContent).toContain('Aufmacherbild');
    expect(Array.from(held[0].querySelectorAll<HTMLElement>('[data-testid="export-held-check"]')).map((c) => c.dataset.code)).toEqual([
      'photo_no_credit',
      'photo_no_alt',
    ]);
    const failed = byId('export-failed');
    expect(failed.textContent).toContain('Rathaus');
    expect(failed.textContent).toContain('Datei- oder Speicherfehler – permission denied');
    expect(byId('export-listing').textContent).toContain('feed.json, index.html');
    setLang('en');
    await waitFor(() => expect(byId('export-totals').textContent).toBe('1 exported, 1 held back, 1 failed, 0 skipped'));
    expect(held[0].textContent).toContain('The photo has no credit.');
    expect(byId('export-failed').textContent).toContain('File or storage error');
  });

  it('a running export can be stopped: the article in hand is finished, the rest is listed as not exported', async () => {
    const lib = library();
    lib.exportStepMs = 60;
    let started: unknown = null;
    const ipc = installIpc(lib, {
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
    expect(screen.getAllByTestId('export-not-started').map((n) => n.dataset.articleId)).toEqual(['2', '3']);
    expect(screen.getAllByTestId('export-bundle').map((b) => b.dataset.articleId)).toEqual(['1']);
  });

  it('stopped before the backend named the batch: the stop is sent once it does, nothing is exported', async () => {
    const lib = library();
    lib.exportStepMs = 60;
    let answer: () => void = () => {};
    const ipc = installIpc(lib, {
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
    const lib = library();
    lib.exportStepMs = 40;
    for (let n = 1; n <= 12; n++) lib.create({ ...complete, headline: `Sprechstunde ${n}` }, 'ready');
    installIpc(lib);
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
    const lib = library();
    lib.existingBundles.set(OUT, new Set(['2025-11-12-kita-eroeffnet']));
    const ipc = installIpc(lib, {
      // Pretend the folder appeared after the question: the report says "skipped".
      export_conflicts: () => [],
    });
    render(ExportDialog, { ids: [1, 4], onclose: vi.fn() });
    await pickFolderAndStart();
    await waitFor(() => expect(byId('export-summary')).toBeTruthy(), { timeout: 3000 });
    expect(ipc.callsOf('export_articles')).toHaveLength(1);
    expect(byId('export-skipped').textContent).toContain('2025-11-12-kita-eroeffnet');
    expect(byId('export-summary').textContent).toContain('Übersprungen, weil der Ordner schon da war (1)');
    expect(byId('export-held-back').textContent).toContain('Der Artikel ist nicht freigegeben.');
    expect(byId('export-held-back').textContent).toContain('Status');
    expect(screen.queryByTestId('export-listing')).toBeNull();
  });

  it('nothing ready: the summary says so', async () => {
    const lib = new FakeLibrary(false);
    lib.exportFolder = OUT;
    installIpc(lib);
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    await pickFolderAndStart();
    await waitFor(() => expect(byId('export-nothing').textContent).toContain('Kein Artikel ist freigegeben'));
  });

  it('one article with preflight errors: the blocking checks are shown and the export cannot start', async () => {
    const ipc = installIpc(library());
    render(ExportDialog, { ids: [2], article: { id: 2, headline: 'Baustelle B1', state: 'ready' }, onclose: vi.fn() });
    await waitFor(() => expect(screen.getAllByTestId('export-blocking')).toHaveLength(2));
    expect(byId('export-blocked').textContent).toContain('So kann der Artikel nicht exportiert werden:');
    expect(screen.getAllByTestId('export-blocking').map((b) => b.dataset.code)).toEqual(['photo_no_credit', 'photo_no_alt']);
    await fireEvent.click(byId('export-pick-folder'));
    await waitFor(() => expect(byId('export-folder').textContent).toBe(OUT));
    expect(startBtn().disabled).toBe(true);
    expect(ipc.callsOf('preflight_article')[0].args).toEqual({ id: 2 });
  });

  it('one article that is not ready: says why and cannot start', async () => {
    installIpc(library());
    render(ExportDialog, { ids: [4], article: { id: 4, headline: 'Entwurf', state: 'draft' }, onclose: vi.fn() });
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
    expect(ipc.callsOf('pick_export_folder').map((c) => c.args)).toEqual([{ start: '/srv/export/letztes-mal' }]);
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

  it('a refused start is shown translated and nothing is written', async () => {
    const ipc = installIpc(library(), {
      export_conflicts: () => Promise.reject({ code: 'io', message: '/srv/presse/export: not a directory' }),
    });
    render(ExportDialog, { ids: null, onclose: vi.fn() });
    await pickFolderAndStart();
    await waitFor(() => expect(byId('export-error').textContent).toContain('Datei- oder Speicherfehler'));
    expect(byId('export-error').textContent).toContain('not a directory');
    expect(ipc.callsOf('export_articles')).toHaveLength(0);
    expect(byId('export-dialog').dataset.phase).toBe('setup');
  });
});

describe('export from the editor and the list', () => {
  it('"Exportieren …" saves pending edits first; afterwards the article is exported and says where', async () => {
    const lib = library();
    const ipc = installIpc(lib);
    render(Editor, { id: 1, onback: vi.fn() });
    await waitFor(() => expect(byId<HTMLInputElement>('field-headline').value).toBe('Kita eröffnet'));
    await waitFor(() => expect(byId('preflight-ok')).toBeTruthy());
    expect(screen.queryByTestId('exported-info')).toBeNull();
    await fireEvent.input(byId('field-teaser'), { target: { value: 'Neuer Teaser.' } });
    await fireEvent.click(byId('export-article'));
    await waitFor(() => expect(byId('export-dialog')).toBeTruthy());
    expect(ipc.callsOf('save_article')).toHaveLength(1);
    expect(byId('export-subject').textContent).toBe('Kita eröffnet');
    await pickFolderAndStart();
    await waitFor(() => expect(byId('export-summary')).toBeTruthy(), { timeout: 3000 });
    await waitFor(() => expect(byId('state-badge').dataset.state).toBe('exported'));
    expect(byId('exported-info').textContent).toContain(`nach ${OUT}/2025-11-12-kita-eroeffnet`);
    expect(byId('exported-info').textContent).toMatch(/^\s*Exportiert am \w\w \d+\. \w+ \d{4}, \d\d:\d\d nach /);
    await fireEvent.click(byId('export-close'));
    expect(screen.queryByTestId('export-dialog')).toBeNull();
    // What was exported is what was on screen.
    expect((lib.handle('get_article', { id: 1 }) as { teaser: string }).teaser).toBe('Neuer Teaser.');
  });

  it('"Alle Freigegebenen exportieren …" exports with ids null and reloads the list', async () => {
    const lib = library();
    const ipc = installIpc(lib);
    render(ArticleList, {});
    await waitFor(() => expect(screen.getAllByTestId('article-row')).toHaveLength(4));
    expect(byId('export-ready').textContent).toContain('Alle Freigegebenen exportieren …');
    await fireEvent.click(byId('export-ready'));
    await fireEvent.click(byId('export-pick-folder'));
    await waitFor(() => expect(startBtn().disabled).toBe(false));
    const listsBefore = ipc.callsOf('list_articles').length;
    await fireEvent.click(startBtn());
    await waitFor(() => expect(byId('export-summary')).toBeTruthy(), { timeout: 3000 });
    expect(sent(ipc, 'export_articles')[0].ids).toBeNull();
    await waitFor(() => expect(ipc.callsOf('list_articles').length).toBe(listsBefore + 1));
    await waitFor(() =>
      expect(screen.getAllByTestId('article-row').find((r) => r.dataset.id === '1')?.dataset.state).toBe('exported'),
    );
    await fireEvent.click(byId('export-close'));
    expect(screen.queryByTestId('export-dialog')).toBeNull();
  });
});
