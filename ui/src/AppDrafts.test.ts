import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from './App.svelte';
import { FakeLibrary } from './dev/fakeBackend';
import { setLang } from './lib/i18n';
import { clearToasts } from './lib/toasts';
import { installIpc, noAnswer } from './test/ipc';

/** The recorded library's articles. */
const ARTICLES = 5;
const rows = () => screen.queryAllByTestId('article-row');
const headline = () => screen.getByTestId('field-headline') as HTMLInputElement;

function ctrlN() {
  window.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', ctrlKey: true, bubbles: true, cancelable: true }));
}

beforeEach(() => {
  setLang('de');
  clearToasts();
});

describe('No empty drafts pile up', () => {
  it('Ctrl+N twice keeps one article, the one now open; leaving it untouched keeps none', async () => {
    const lib = new FakeLibrary();
    const ipc = installIpc(lib, { preflight_article: noAnswer });
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(ARTICLES));
    ctrlN();
    await waitFor(() => expect(document.activeElement).toBe(headline()), { timeout: 10_000 });
    const first = ipc.callsOf('create_article').length;
    expect(first).toBe(1);
    ctrlN();
    await waitFor(() => expect(ipc.callsOf('create_article')).toHaveLength(2));
    await waitFor(() => expect(document.activeElement).toBe(headline()));
    expect(ipc.callsOf('discard_empty_draft')).toHaveLength(1);
    expect(lib.articles.size).toBe(ARTICLES + 1);
    await fireEvent.click(screen.getByTestId('back-to-list'));
    await waitFor(() => expect(screen.getByTestId('new-article')).toBeTruthy());
    expect(lib.articles.size).toBe(ARTICLES);
  }, 20_000);

  it('a new article with something typed is kept', async () => {
    const lib = new FakeLibrary();
    installIpc(lib, { preflight_article: noAnswer });
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(ARTICLES));
    ctrlN();
    await waitFor(() => expect(document.activeElement).toBe(headline()), { timeout: 10_000 });
    await fireEvent.input(headline(), { target: { value: 'N' } });
    await fireEvent.click(screen.getByTestId('back-to-list'));
    await waitFor(() => expect(screen.getByTestId('new-article')).toBeTruthy());
    expect(lib.articles.size).toBe(ARTICLES + 1);
    expect([...lib.articles.values()].pop()?.headline).toBe('N');
  }, 20_000);

  it('going to the media library leaves no untouched new article behind', async () => {
    const lib = new FakeLibrary();
    installIpc(lib, { preflight_article: noAnswer });
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(ARTICLES));
    ctrlN();
    await waitFor(() => expect(document.activeElement).toBe(headline()), { timeout: 10_000 });
    await fireEvent.click(screen.getByTestId('nav-photos'));
    await waitFor(() => expect(lib.articles.size).toBe(ARTICLES));
  }, 20_000);
});
