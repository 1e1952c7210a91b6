import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from './App.svelte';
import { FakeLibrary } from './dev/fakeBackend';
import { emptyArticleInput } from './lib/article';
import { LANG_STORAGE_KEY, setLang } from './lib/i18n';
import { clearToasts } from './lib/toasts';
import { article, id, photo } from './test/articles';
import { installIpc, noAnswer } from './test/ipc';

const library = () => new FakeLibrary();
/** The recorded library's list, newest first: works, school, trees, closure, market. */
const ARTICLES = 5;

const rows = () => screen.queryAllByTestId('article-row');
const key = (k: string, opts: KeyboardEventInit = {}) =>
  fireEvent.keyDown(window, { key: k, ctrlKey: true, bubbles: true, cancelable: true, ...opts });

beforeEach(() => {
  setLang('de');
  clearToasts();
  delete document.body.dataset.ready;
});

describe('App', () => {
  it('starts on the list, then calls ui_ready once and marks the body ready', async () => {
    const ipc = installIpc(library());
    render(App);
    await waitFor(() => expect(document.body.dataset.ready).toBe('1'));
    expect(rows()).toHaveLength(ARTICLES);
    expect(ipc.callsOf('ui_ready')).toHaveLength(1);
    // ui_ready comes after the list was loaded.
    const cmds = ipc.calls.map((c) => c.cmd);
    expect(cmds.indexOf('ui_ready')).toBeGreaterThan(cmds.indexOf('list_articles'));
    // Going to an article and back does not call it again.
    await fireEvent.click(rows()[0].querySelector('button')!);
    // The editor chunk is loaded lazily; the first import in jsdom can take a while.
    await waitFor(() => expect(screen.getByTestId('back-to-list')).toBeTruthy(), { timeout: 10_000 });
    await fireEvent.click(screen.getByTestId('back-to-list'));
    await waitFor(() => expect(rows()).toHaveLength(ARTICLES));
    expect(ipc.callsOf('ui_ready')).toHaveLength(1);
    expect(screen.getByTestId('library-path').textContent).toContain('Stadt Dortmund');
    expect(screen.getByTestId('library-path').title).toContain('Newsroom/Stadt Dortmund');
    // The first lazy import of the editor chunk is transformed here: give it the 10 s waited for above.
  }, 20_000);

  it('ui_ready errors are ignored', async () => {
    installIpc(library(), { ui_ready: () => Promise.reject('not implemented') });
    render(App);
    await waitFor(() => expect(document.body.dataset.ready).toBe('1'));
    expect(screen.queryAllByTestId('error-toast')).toHaveLength(0);
  });

  it('the language switch toggles de/en, <html lang> and is remembered', async () => {
    installIpc(library());
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(ARTICLES));
    expect(document.documentElement.lang).toBe('de');
    expect(screen.getByTestId('new-article').textContent?.trim()).toBe('Neuer Artikel');
    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
    expect(screen.getByTestId('new-article').textContent?.trim()).toBe('New article');
    expect(rows()[0].querySelector('[data-testid="row-date"]')?.textContent).toBe('Fri 14 November 2025');
    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(document.documentElement.lang).toBe('de');
  });

  it('Ctrl+N creates an empty article and opens it with the headline focused', async () => {
    // The preflight of the new article is not looked at here.
    const ipc = installIpc(library(), { preflight_article: noAnswer });
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(ARTICLES));
    const ev = new KeyboardEvent('keydown', { key: 'n', ctrlKey: true, bubbles: true, cancelable: true });
    window.dispatchEvent(ev);
    expect(ev.defaultPrevented).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('field-headline')));
    expect(ipc.callsOf('create_article')).toHaveLength(1);
    expect(ipc.callsOf('create_article')[0].args).toEqual({ input: emptyArticleInput() });
    expect((screen.getByTestId('field-headline') as HTMLInputElement).value).toBe('');
  });

  it('the "Neuer Artikel" button does the same', async () => {
    const ipc = installIpc(library(), { preflight_article: noAnswer });
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(ARTICLES));
    await fireEvent.click(screen.getByTestId('new-article'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('field-headline')));
    expect(ipc.callsOf('create_article')).toHaveLength(1);
  });

  it('Ctrl+S saves now, Ctrl+F saves and goes to the focused search box', async () => {
    const ipc = installIpc(library());
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(ARTICLES));
    await fireEvent.click(rows()[1].querySelector('button')!);
    await waitFor(() => expect((screen.getByTestId('field-headline') as HTMLInputElement).value).toBe(article('school').headline));
    await fireEvent.input(screen.getByTestId('field-headline'), { target: { value: 'Gesamtschule startet' } });
    const save = new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true });
    window.dispatchEvent(save);
    expect(save.defaultPrevented).toBe(true);
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1));
    expect(ipc.callsOf('save_article')[0].args).toMatchObject({ id: id('school'), input: { headline: 'Gesamtschule startet' } });

    await fireEvent.input(screen.getByTestId('field-teaser'), { target: { value: 'Drei Nächte.' } });
    await key('f');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('search-input')));
    expect(ipc.callsOf('save_article')).toHaveLength(2);
    expect(ipc.callsOf('save_article')[1].args).toMatchObject({ input: { teaser: 'Drei Nächte.' } });
    await waitFor(() => expect(rows()[1].querySelector('[data-testid="row-headline"]')?.textContent).toBe('Gesamtschule startet'));
  });

  it('the context menu is worded in the UI language, again after switching', async () => {
    const ipc = installIpc(library());
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(ARTICLES));
    await waitFor(() => expect(ipc.callsOf('set_menu_text').length).toBeGreaterThan(0));
    expect(ipc.lastOf('set_menu_text')?.args).toMatchObject({
      text: { add_to_dictionary: 'Zum Wörterbuch hinzufügen', paste: 'Einfügen', copy: 'Kopieren' },
    });
    await fireEvent.click(screen.getByTestId('lang-switch'));
    await waitFor(() =>
      expect(ipc.lastOf('set_menu_text')?.args).toMatchObject({ text: { add_to_dictionary: 'Add to dictionary', paste: 'Paste' } }),
    );
    await fireEvent.click(screen.getByTestId('lang-switch'));
  });

  it('backend errors show as a dismissible, translated toast', async () => {
    installIpc(library(), { get_article: () => Promise.reject({ code: 'not_found', message: 'article 99', values: { missing: 'article', id: 99 } }) });
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(ARTICLES));
    await fireEvent.click(rows()[0].querySelector('button')!);
    const toast = await screen.findByTestId('error-toast');
    expect(toast.textContent).toContain('Nicht gefunden');
    expect(toast.textContent).toContain('Artikel 99');
    expect(toast.textContent).not.toContain('article 99');
    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(screen.getByTestId('error-toast').textContent).toContain('Not found');
    expect(screen.getByTestId('error-toast').textContent).toContain('Article 99');
    await fireEvent.click(screen.getByTestId('toast-dismiss'));
    expect(screen.queryAllByTestId('error-toast')).toHaveLength(0);
  });

  it('Escape closes the revisions panel', async () => {
    installIpc(library());
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(ARTICLES));
    await fireEvent.click(rows()[0].querySelector('button')!);
    await waitFor(() => expect((screen.getByTestId('revisions-toggle') as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByTestId('revisions-toggle'));
    await waitFor(() => expect(screen.getAllByTestId('revision-row').length).toBeGreaterThan(0));
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryAllByTestId('revision-row')).toHaveLength(0);
  });

  it('switches between articles and photos; "Verwendet in" opens the article', async () => {
    const school = article('school');
    installIpc(library());
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(ARTICLES));
    expect(screen.getByTestId('nav-articles').getAttribute('aria-current')).toBe('page');
    // works, school and market have a lead photo.
    expect(screen.getAllByTestId('list-thumb')).toHaveLength(3);
    await fireEvent.click(screen.getByTestId('nav-photos'));
    await waitFor(() => expect(screen.getAllByTestId('photo-card')).toHaveLength(4));
    expect(screen.getByTestId('nav-photos').getAttribute('aria-current')).toBe('page');
    await fireEvent.click(screen.getAllByTestId('photo-card').find((c) => c.dataset.photoId === String(id('iptc')))!);
    await waitFor(() => expect(screen.getByTestId('photo-used-in').textContent).toContain(school.headline));
    await fireEvent.click(screen.getByTestId('photo-used-in').querySelector('button')!);
    await waitFor(() => expect((screen.getByTestId('field-headline') as HTMLInputElement).value).toBe(school.headline), {
      timeout: 10_000,
    });
    await waitFor(() => expect(screen.getByTestId('lead-photo-credit').textContent).toBe(photo('iptc').credit));
    await key('2');
    await waitFor(() => expect(screen.getByTestId('photo-grid')).toBeTruthy());
    await key('1');
    await waitFor(() => expect(rows()).toHaveLength(ARTICLES));
  });

  it('"Bild öffnen" in the export check shows that photo in the media library', async () => {
    // The works article's lead photo has no credit and no alt text (recorded preflight).
    const lead = String(id('lake_again'));
    installIpc(library());
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(ARTICLES));
    await fireEvent.click(rows().find((r) => r.dataset.id === String(id('works')))!.querySelector('button')!);
    const openPhoto = await screen.findAllByTestId('preflight-open-photo', {}, { timeout: 10_000 });
    await fireEvent.click(openPhoto[0]);
    await waitFor(() => expect(screen.getByTestId('photo-editor').dataset.photoId).toBe(lead));
    expect(screen.getByTestId('nav-photos').getAttribute('aria-current')).toBe('page');
    const card = screen.getAllByTestId('photo-card').find((c) => c.dataset.photoId === lead)!;
    expect(card.getAttribute('aria-selected')).toBe('true');
  }, 20_000);

  it('while an export runs the navigation shortcuts wait', async () => {
    // The recorded export of everything ready; no folder there yet.
    const lib = library();
    lib.stepMs = 300;
    installIpc(lib, { export_conflicts: () => [] });
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(ARTICLES));
    await fireEvent.click(screen.getByTestId('export-ready'));
    await fireEvent.click(screen.getByTestId('export-pick-folder'));
    await waitFor(() => expect((screen.getByTestId('export-start') as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByTestId('export-start'));
    await waitFor(() => expect(screen.getByTestId('export-progress')).toBeTruthy());
    await key('2');
    expect(screen.queryByTestId('photo-grid')).toBeNull();
    expect(screen.getByTestId('export-dialog')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('export-summary')).toBeTruthy(), { timeout: 3000 });
    await fireEvent.click(screen.getByTestId('export-close'));
    await key('2');
    await waitFor(() => expect(screen.getByTestId('nav-photos').getAttribute('aria-current')).toBe('page'));
  });
});
