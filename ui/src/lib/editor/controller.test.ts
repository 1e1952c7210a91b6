import { get } from 'svelte/store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeLibrary } from '../../dev/fakeBackend';
import { article, id } from '../../test/articles';
import { installIpc, noAnswer, type Overrides } from '../../test/ipc';
import { emptyArticleInput } from '../article';
import { AUTOSAVE_DELAY_MS } from '../autosave';
import { setLang } from '../i18n';
import { clearToasts, toasts } from '../toasts';
import type { Article, ArticleInput } from '../types';
import { EditorController, PREFLIGHT_DEBOUNCE_MS } from './controller.svelte';

const library = () => new FakeLibrary();
const school = article('school');
const SCHOOL = id('school');

const controllers: EditorController[] = [];

/** A controller on the school article, loaded. */
async function loaded(lib = library(), overrides: Overrides = {}) {
  const ipc = installIpc(lib, overrides);
  const onloaded = vi.fn();
  const ondeleted = vi.fn();
  const ctl = new EditorController({ id: SCHOOL, onloaded, ondeleted });
  controllers.push(ctl);
  await ctl.load();
  return { ctl, ipc, onloaded, ondeleted };
}

const saves = (ipc: ReturnType<typeof installIpc>) =>
  ipc.callsOf('save_article').map((c) => (c.args as { input: ArticleInput }).input);
const cmds = (ipc: ReturnType<typeof installIpc>, ...names: string[]) =>
  ipc.calls.map((c) => c.cmd).filter((c) => names.includes(c));
const errorToasts = () => get(toasts).filter((t) => t.kind === 'error');

beforeEach(() => {
  setLang('de');
  clearToasts();
  vi.useFakeTimers();
});

afterEach(() => {
  while (controllers.length) controllers.pop()!.destroy();
  vi.useRealTimers();
});

describe('EditorController', () => {
  it('loads the article into the form, the date inputs and the preview, then asks for the preflight', async () => {
    const { ctl, ipc, onloaded } = await loaded();
    expect(ipc.callsOf('get_article')[0].args).toEqual({ id: SCHOOL });
    expect(ctl.loaded).toBe(true);
    expect(ctl.article?.state).toBe('review');
    expect(ctl.form.headline).toBe('Neue Gesamtschule in Hörde startet im Sommer');
    expect(ctl.form.topics).toEqual(['Schule', 'Bauen']);
    expect(ctl.form.related_links).toHaveLength(1);
    expect(ctl.form.published_at).toBe('2025-11-12T09:30:00Z');
    expect(ctl.form.embargo_until).toBeNull();
    expect(ctl.previewHtml).toContain('<strong>48 Millionen Euro</strong>');
    expect(ctl.initialHtml).toContain('<strong>48 Millionen Euro</strong>');
    expect(ctl.status).toBe('saved');
    expect(onloaded).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(ctl.preflight?.article_id).toBe(SCHOOL));
    // Every field is filled; only the lead photo is too small for one crop the export wants
    // (a warning, it does not hold the article back).
    expect(ctl.preflightCounts).toEqual({ errors: 0, warnings: 1 });
    expect(ctl.preflight?.checks.map((c) => c.code)).toEqual(['crop_narrow']);
    expect(ipc.callsOf('save_article')).toHaveLength(0);
  });

  it('takes the article create_article returned without asking for it again', async () => {
    const lib = library();
    // The preflight of the new article is not looked at here.
    const ipc = installIpc(lib, { preflight_article: noAnswer });
    const created = lib.handle('create_article', { input: emptyArticleInput() }) as Article;
    const ctl = new EditorController({ id: created.id, initial: created });
    controllers.push(ctl);
    await ctl.load();
    expect(ipc.callsOf('get_article')).toHaveLength(0);
    expect(ctl.loaded).toBe(true);
    expect(ctl.previewHtml).toBe('');
  });

  it('a load that fails says so and shows the error', async () => {
    const { ctl } = await loaded(library(), { get_article: () => Promise.reject({ code: 'not_found', message: 'article 1' }) });
    expect(ctl.loaded).toBe(false);
    expect(ctl.loadFailed).toBe(true);
    expect(errorToasts().map((t) => t.kind === 'error' && t.error.code)).toEqual(['not_found']);
  });

  it('autosaves the whole form shortly after an edit, then asks for the preflight again', async () => {
    const { ctl, ipc } = await loaded();
    await vi.advanceTimersByTimeAsync(PREFLIGHT_DEBOUNCE_MS);
    const asked = ipc.callsOf('preflight_article').length;
    ctl.update('headline', 'Neue Gesamtschule in Hörde');
    ctl.update('places', ['Hörde', 'Innenstadt-Ost']);
    expect(ctl.status).toBe('dirty');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100);
    expect(ipc.callsOf('save_article')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(saves(ipc)).toHaveLength(1);
    expect(saves(ipc)[0]).toMatchObject({ headline: 'Neue Gesamtschule in Hörde', places: ['Hörde', 'Innenstadt-Ost'], kicker: 'Bildung' });
    expect(ctl.status).toBe('saved');
    expect(ipc.callsOf('preflight_article')).toHaveLength(asked);
    await vi.advanceTimersByTimeAsync(PREFLIGHT_DEBOUNCE_MS);
    expect(ipc.callsOf('preflight_article')).toHaveLength(asked + 1);
  });

  it('edits before the article is loaded are not saved', async () => {
    installIpc(library());
    const ctl = new EditorController({ id: 1 });
    controllers.push(ctl);
    ctl.update('headline', 'zu früh');
    expect(ctl.status).toBe('saved');
    expect(await ctl.flush()).toBe(true);
  });

  it('a failed save keeps the typed text, says so, and tries again on the next flush', async () => {
    let fail = true;
    const lib = library();
    const { ctl, ipc } = await loaded(lib, {
      save_article: (args) => (fail ? Promise.reject({ code: 'io', message: 'disk full' }) : lib.handle('save_article', args)),
    });
    ctl.update('teaser', 'Getippt, nicht gespeichert.');
    expect(await ctl.flush()).toBe(false);
    expect(ctl.status).toBe('error');
    expect(ctl.form.teaser).toBe('Getippt, nicht gespeichert.');
    expect(errorToasts().map((t) => t.kind === 'error' && t.error.code)).toEqual(['io']);
    fail = false;
    expect(await ctl.flush()).toBe(true);
    expect(ctl.status).toBe('saved');
    expect(saves(ipc).slice(-1)[0]?.teaser).toBe('Getippt, nicht gespeichert.');
  });

  it('a state change saves pending typing first', async () => {
    const { ctl, ipc } = await loaded();
    ctl.update('teaser', 'Neu.');
    await ctl.changeState('ready');
    expect(cmds(ipc, 'save_article', 'set_state')).toEqual(['save_article', 'set_state']);
    expect(ipc.callsOf('set_state')[0].args).toEqual({ id: SCHOOL, state: 'ready' });
    expect(saves(ipc)[0].teaser).toBe('Neu.');
    expect(ctl.article?.state).toBe('ready');
    expect(ctl.stateBusy).toBe(false);
    // The same state again asks nothing.
    await ctl.changeState('ready');
    expect(ipc.callsOf('set_state')).toHaveLength(1);
  });

  it('a refused state change keeps the old state and shows the error', async () => {
    const { ctl } = await loaded(library(), {
      set_state: () => Promise.reject({ code: 'invalid_state', message: 'nope' }),
    });
    await ctl.changeState('exported');
    expect(ctl.article?.state).toBe('review');
    expect(ctl.stateBusy).toBe(false);
    expect(errorToasts().map((t) => t.kind === 'error' && t.error.code)).toEqual(['invalid_state']);
  });

  it('restore saves pending typing, then loads the revision into everything', async () => {
    const { ctl, ipc } = await loaded();
    ctl.update('headline', 'Geändert');
    await ctl.flush();
    ctl.update('headline', 'Noch ungespeichert');
    ctl.revisionsOpen = true;
    const key = ctl.loadKey;
    const refresh = ctl.revRefresh;
    await ctl.restore(1);
    expect(cmds(ipc, 'save_article', 'restore_revision')).toEqual(['save_article', 'save_article', 'restore_revision']);
    expect(saves(ipc).slice(-1)[0]?.headline).toBe('Noch ungespeichert');
    expect(ipc.callsOf('restore_revision')[0].args).toEqual({ id: SCHOOL, rev: 1 });
    // Revision 1 as recorded: the teaser before its second sentence was added.
    expect(ctl.form.headline).toBe(school.headline);
    expect(ctl.form.teaser).toBe('Nach zwei Jahren Bauzeit öffnet die Gesamtschule am Phoenix-See zum Schuljahr 2026/27.');
    expect(ctl.loadKey).toBe(key + 1);
    expect(ctl.revRefresh).toBeGreaterThan(refresh);
    expect(ctl.status).toBe('saved');
    expect(get(toasts).some((t) => t.kind === 'info' && t.key === 'revisions.restored')).toBe(true);
  });

  it('dates go up as the instants the date field read; text that is no date goes up as typed, to be held', async () => {
    const { ctl, ipc } = await loaded();
    ctl.setDate('published_at', '2025-03-30T01:30:00Z');
    ctl.setDate('embargo_until', '31.02.2026');
    await ctl.flush();
    expect(saves(ipc)).toHaveLength(1);
    expect(saves(ipc)[0].published_at).toBe('2025-03-30T01:30:00Z');
    expect(saves(ipc)[0].embargo_until).toBe('31.02.2026');
    // The same value again is no edit.
    ctl.setDate('published_at', '2025-03-30T01:30:00Z');
    expect(ctl.status).toBe('saved');
  });

  it('the preview follows the body', async () => {
    const { ctl, ipc } = await loaded();
    const body = 'Ein Absatz mit **fett**, *kursiv* und einem [Link](https://example.org).';
    ctl.setBody(body);
    expect(ctl.form.body).toBe(body);
    await vi.advanceTimersByTimeAsync(300);
    await vi.waitFor(() => expect(ctl.previewHtml).toContain('<em>kursiv</em>'));
    expect(ipc.lastOf('render_preview')?.args).toEqual({ body });
    ctl.setBody('');
    await vi.advanceTimersByTimeAsync(300);
    expect(ctl.previewHtml).toBe('');
  });

  it('a preflight that cannot be read is kept in the panel, not as a toast', async () => {
    const { ctl } = await loaded(library(), {
      preflight_article: () => Promise.reject({ code: 'database', message: 'locked' }),
    });
    await vi.waitFor(() => expect(ctl.preflightError?.code).toBe('database'));
    expect(ctl.preflightLoading).toBe(false);
    expect(errorToasts()).toHaveLength(0);
  });

  it('export opens only after pending typing is stored', async () => {
    const lib = library();
    let fail = true;
    const { ctl } = await loaded(lib, {
      save_article: (args) => (fail ? Promise.reject({ code: 'io', message: 'disk full' }) : lib.handle('save_article', args)),
    });
    ctl.update('headline', 'Export');
    await ctl.openExport();
    expect(ctl.exportOpen).toBe(false);
    fail = false;
    await ctl.openExport();
    expect(ctl.exportOpen).toBe(true);
    expect(ctl.exportBusy).toBe(false);
  });

  it('delete saves first, then deletes and says so; later flushes have nothing to do', async () => {
    const { ctl, ipc, ondeleted } = await loaded();
    ctl.update('kicker', 'Weg');
    ctl.confirmDelete = true;
    await ctl.deleteArticle();
    expect(cmds(ipc, 'save_article', 'delete_article')).toEqual(['save_article', 'delete_article']);
    expect(ondeleted).toHaveBeenCalledTimes(1);
    expect(ctl.confirmDelete).toBe(false);
    ctl.update('kicker', 'Nach dem Löschen');
    expect(await ctl.flush()).toBe(true);
    expect(ipc.callsOf('save_article')).toHaveLength(1);
  });

  it('Escape closes the delete question first, then the revisions', async () => {
    const { ctl } = await loaded();
    ctl.confirmDelete = true;
    ctl.revisionsOpen = true;
    expect(ctl.closePanel()).toBe(true);
    expect(ctl.confirmDelete).toBe(false);
    expect(ctl.closePanel()).toBe(true);
    expect(ctl.revisionsOpen).toBe(false);
    expect(ctl.closePanel()).toBe(false);
  });

  it('going away still saves what was typed', async () => {
    const { ctl, ipc } = await loaded();
    ctl.update('contact', 'Presse\n0231 1234');
    controllers.pop();
    ctl.destroy();
    await vi.waitFor(() => expect(saves(ipc)).toHaveLength(1));
    expect(saves(ipc)[0].contact).toBe('Presse\n0231 1234');
  });

  it('mount loads and saves when the window is left', async () => {
    const ipc = installIpc(library());
    const ctl = new EditorController({ id: 1 });
    const unmount = ctl.mount();
    await vi.waitFor(() => expect(ctl.loaded).toBe(true));
    ctl.update('headline', 'Vor dem Schließen');
    window.dispatchEvent(new Event('pagehide'));
    await vi.waitFor(() => expect(saves(ipc)).toHaveLength(1));
    unmount();
  });

  it('after an export, the state and where it went come from the backend', async () => {
    const lib = library();
    const { ctl } = await loaded(lib);
    Object.assign(lib.articles.get(SCHOOL)!, { state: 'exported', exported_at: '2025-11-12T10:00:00Z', exported_to: '/srv/presse' });
    await ctl.afterExport();
    expect(ctl.article?.state).toBe('exported');
    expect(ctl.article?.exported_at).toBe('2025-11-12T10:00:00Z');
    expect(ctl.article?.exported_to).toBe('/srv/presse');
  });
});
