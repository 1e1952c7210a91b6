import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeLibrary } from '../dev/fakeBackend';
import { setLang } from '../lib/i18n';
import { clearToasts, toasts } from '../lib/toasts';
import { EVENTS, type ArticleSummary } from '../lib/types';
import { article, id } from '../test/articles';
import { installIpc } from '../test/ipc';
import ArticleList from './ArticleList.svelte';

/** The recorded library; the trees article (no publication date) last changed at 00:30 on 1 July, Berlin time. */
function seeded() {
  const lib = new FakeLibrary();
  lib.articles.get(id('trees'))!.updated_at = '2025-06-30T22:30:00Z';
  return lib;
}
const works = article('works');

const rows = () => screen.queryAllByTestId('article-row');

beforeEach(() => {
  setLang('de');
  clearToasts();
});

describe('ArticleList', () => {
  it('says who is editing an article, and follows as locks come and go', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const lib = seeded();
      const school = id('school');
      lib.locks.set(school, { article_id: school, holder: 'Anna Beispiel', since: '', expires_at: '' });
      installIpc(lib);
      render(ArticleList, {});
      const lockOf = (articleId: number) =>
        rows()
          .find((r) => Number(r.dataset.id) === articleId)
          ?.querySelector('[data-testid="row-lock"]')?.textContent;
      await waitFor(() => expect(lockOf(school)).toBe('wird gerade von Anna Beispiel bearbeitet'));
      expect(screen.getAllByTestId('row-lock')).toHaveLength(1);
      // Anna closes the article; the next look at the locks clears the mark.
      lib.locks.delete(school);
      await vi.advanceTimersByTimeAsync(15_000);
      await waitFor(() => expect(screen.queryAllByTestId('row-lock')).toHaveLength(0));
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a colleague’s changed headline without a reload', async () => {
    const lib = seeded();
    installIpc(lib);
    render(ArticleList, {});
    await waitFor(() => expect(rows()).toHaveLength(5));
    const school = lib.articles.get(id('school'))!;
    lib.articles.set(school.id, { ...school, headline: 'Neue Überschrift von Anna', version: school.version + 1 });
    lib.emit(EVENTS.libraryChanged, { articles: true, photos: false, locks: false });
    await waitFor(() => expect(screen.getByText('Neue Überschrift von Anna')).toBeTruthy());
  });

  it('renders one row per article from list_articles, newest first', async () => {
    const ipc = installIpc(seeded());
    const onloaded = vi.fn();
    render(ArticleList, { onloaded });
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(onloaded).toHaveBeenCalledWith(true);

    const first = rows()[0];
    // In the order the backend lists them (newest first by publication date, else by last change).
    const [school, trees] = [id('school'), id('trees')];
    expect(rows().map((r) => Number(r.dataset.id))).toEqual([works.id, school, trees, id('closure'), id('market')]);
    expect(first.dataset.state).toBe('ready');
    const q = (el: HTMLElement, id: string) => el.querySelector(`[data-testid="${id}"]`)?.textContent?.trim();
    expect(q(first, 'row-date')).toBe('Fr 14. November 2025');
    expect(q(first, 'row-kicker')).toBe('Verkehr');
    expect(q(first, 'row-headline')).toBe(works.headline);
    expect(q(first, 'row-state')).toBe('Freigegeben');
    expect(first.textContent).toContain('Die Fahrbahnarbeiten auf der B1 sind früher fertig als geplant.');
    expect(first.textContent).toContain('Baustellen');
    expect(first.textContent).toContain('Innenstadt-Ost');
    expect(q(rows()[1], 'row-state')).toBe('In Prüfung');
    // Fallback to updated_at, shown in Berlin time (00:30 on 1 July).
    expect(q(rows()[2], 'row-date')).toBe('Di 1. Juli 2025');

    const count = screen.getByTestId('article-count');
    expect(count.textContent).toBe('5 Artikel');
    expect(count.dataset.count).toBe('5');

    expect(ipc.callsOf('list_articles')[0].args).toEqual({
      query: { limit: 100, offset: 0, state: null, topic: null },
    });
  });

  it('renders exactly what the backend returns (order and fields)', async () => {
    const items: ArticleSummary[] = [
      {
        id: 42,
        kicker: 'Kultur',
        headline: 'Zweite',
        teaser: '',
        state: 'exported',
        topics: [],
        places: [],
        published_at: null,
        updated_at: '2025-03-30T01:30:00Z',
        lead_photo_id: null,
      },
      {
        id: 7,
        kicker: '',
        headline: '',
        teaser: 'x'.repeat(400),
        state: 'draft',
        topics: [],
        places: [],
        published_at: '2024-02-29T11:00:00Z',
        updated_at: '2025-01-01T00:00:00Z',
        lead_photo_id: null,
      },
    ];
    installIpc(new FakeLibrary(), { list_articles: () => ({ items, total: 250, ranked: false }) });
    render(ArticleList);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows().map((r) => r.dataset.id)).toEqual(['42', '7']);
    expect(rows()[0].dataset.state).toBe('exported');
    expect(rows()[0].querySelector('[data-testid="row-date"]')?.textContent).toBe('So 30. März 2025');
    expect(rows()[1].querySelector('[data-testid="row-date"]')?.textContent).toBe('Do 29. Februar 2024');
    expect(rows()[1].querySelector('[data-testid="row-headline"]')?.textContent).toBe('(ohne Überschrift)');
    // The teaser is shortened.
    expect(rows()[1].querySelector('[data-testid="row-teaser"]')!.textContent!.length).toBeLessThan(230);
    // More on the server than shown: count says so, and "load more" is offered.
    expect(screen.getByTestId('article-count').textContent).toBe('250 Artikel, 2 angezeigt');
    expect(screen.getByText('Weitere Artikel laden')).toBeTruthy();
  });

  it('searches through the backend, debounced', async () => {
    const ipc = installIpc(seeded());
    render(ArticleList);
    await waitFor(() => expect(rows()).toHaveLength(5));
    const input = screen.getByTestId('search-input') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'b' } });
    await fireEvent.input(input, { target: { value: 'bau' } });
    await fireEvent.input(input, { target: { value: 'baustelle' } });
    await waitFor(() => expect(rows()).toHaveLength(2));
    const lists = ipc.callsOf('list_articles');
    // One initial load plus exactly one search for the three keystrokes.
    expect(lists).toHaveLength(2);
    expect(lists[1].args.query).toMatchObject({ text: 'baustelle' });
    expect(rows().map((r) => Number(r.dataset.id))).toEqual([works.id, id('closure')]);
    expect(screen.getByTestId('article-count').textContent).toBe('2 Artikel');
  });

  it('filters by state and by topic; topics come from suggest', async () => {
    const ipc = installIpc(seeded());
    render(ArticleList);
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(ipc.callsOf('suggest')[0].args).toEqual({ kind: 'topic', prefix: '' });

    const stateFilter = screen.getByTestId('state-filter') as HTMLSelectElement;
    expect(Array.from(stateFilter.options).map((o) => o.value)).toEqual(['', 'draft', 'review', 'ready', 'exported']);
    await fireEvent.change(stateFilter, { target: { value: 'ready' } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0].dataset.state).toBe('ready');
    expect(ipc.lastOf('list_articles')!.args.query).toMatchObject({ state: 'ready', topic: null });

    await fireEvent.change(stateFilter, { target: { value: '' } });
    await waitFor(() => expect(rows()).toHaveLength(5));

    // The topics in the order the backend suggests them.
    const topicFilter = screen.getByTestId('topic-filter') as HTMLSelectElement;
    await waitFor(() =>
      expect(Array.from(topicFilter.options).map((o) => o.value)).toEqual([
        '',
        'Baustellen',
        'Verkehr',
        'Bauen',
        'Kultur',
        'Schule',
        'Umwelt',
        'Veranstaltungen',
      ]),
    );
    await fireEvent.change(topicFilter, { target: { value: 'Kultur' } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0].dataset.id).toBe(String(id('market')));
    expect(ipc.lastOf('list_articles')!.args.query).toMatchObject({ topic: 'Kultur', state: null });
  });

  it('shows an empty state', async () => {
    // A library without articles lists nothing.
    installIpc(new FakeLibrary(), { list_articles: () => ({ items: [], total: 0, ranked: false }) });
    render(ArticleList);
    await waitFor(() => expect(screen.getByTestId('list-empty')).toBeTruthy());
    expect(screen.getByTestId('list-empty').textContent).toContain('Noch keine Artikel');
    expect(screen.getByTestId('article-count').textContent).toBe('0 Artikel');
  });

  it('opens an article on click and creates one with the button', async () => {
    installIpc(seeded());
    const onopen = vi.fn();
    const onnew = vi.fn();
    render(ArticleList, { onopen, onnew });
    await waitFor(() => expect(rows()).toHaveLength(5));
    await fireEvent.click(rows()[1].querySelector('button')!);
    expect(onopen).toHaveBeenCalledWith(id('school'));
    await fireEvent.click(screen.getByTestId('new-article'));
    expect(onnew).toHaveBeenCalledTimes(1);
  });

  it('shows a backend error as a toast', async () => {
    installIpc(new FakeLibrary(), {
      list_articles: () => Promise.reject({ code: 'library_locked', message: 'locked by pid 42' }),
    });
    const onloaded = vi.fn();
    render(ArticleList, { onloaded });
    await waitFor(() => expect(onloaded).toHaveBeenCalledWith(false));
    const list = get(toasts);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'error', error: { code: 'library_locked', message: 'locked by pid 42' } });
  });

  it('follows the language', async () => {
    installIpc(seeded());
    setLang('en');
    render(ArticleList);
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(rows()[0].querySelector('[data-testid="row-date"]')?.textContent).toBe('Fri 14 November 2025');
    expect(rows()[0].querySelector('[data-testid="row-state"]')?.textContent?.trim()).toBe('Ready');
    expect(rows()[1].querySelector('[data-testid="row-state"]')?.textContent?.trim()).toBe('In review');
    expect(screen.getByTestId('article-count').textContent).toBe('5 articles');
    expect(screen.getByTestId('new-article').textContent?.trim()).toBe('New article');
  });
});
