// The lock on an article's text, as the editor shows it: read only while a colleague edits,
// "Bearbeitung übernehmen", the typed text saved when someone takes over, the lock given up
// on close, and the text read afresh when the colleague closes the article.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeLibrary, golden } from '../dev/fakeBackend';
import type { Editor as TipTap } from '../lib/bodyEditor';
import { setLang, translate } from '../lib/i18n';
import { clearToasts, toasts } from '../lib/toasts';
import { EDIT_LOCK, EVENTS, type ArticleInput, type Changed, type EditLock } from '../lib/types';
import { article, id } from '../test/articles';
import { colleagueSavedFirst, installIpc } from '../test/ipc';
import Editor from './Editor.svelte';

const school = article('school');
const SCHOOL = id('school');
const anna: EditLock = { article_id: SCHOOL, holder: 'Anna Beispiel', since: golden.now, expires_at: golden.now };

const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => screen.getByTestId(id) as T;
const tiptap = () =>
  (document.querySelector('[data-testid="body-editor"] .ProseMirror') as HTMLElement & { editor: TipTap }).editor;
const shown = () => get(toasts).map((t) => (t.kind === 'info' ? translate('de', t.key, t.params) : ''));

async function open(lib: FakeLibrary) {
  const ipc = installIpc(lib);
  const view = render(Editor, { id: SCHOOL, onback: vi.fn() });
  await waitFor(() => expect(byId('field-headline').value).toBe(school.headline));
  await waitFor(() => expect(ipc.callsOf('lock_article')).toHaveLength(1));
  return { ipc, ...view };
}

/**
 * Lets replies that change no DOM arrive (testing-library's waitFor polls with setInterval,
 * which is faked here, so it only wakes on DOM changes).
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

/** One renewal period passes (only the intervals are faked; debounces run in real time). */
async function renewal() {
  await vi.advanceTimersByTimeAsync(EDIT_LOCK.renewSecs * 1000);
}

const changed = (c: Partial<Changed>): Changed => ({ articles: false, photos: false, locks: false, ...c });

beforeEach(() => {
  setLang('de');
  clearToasts();
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Editor, locked by a colleague', () => {
  it('shows who edits, keeps the text read only but photo and state open, and can take over', async () => {
    const lib = new FakeLibrary();
    lib.locks.set(SCHOOL, anna);
    const { ipc } = await open(lib);
    await waitFor(() => expect(byId('lock-banner').textContent).toContain('Wird gerade von Anna Beispiel bearbeitet'));
    expect(byId('field-headline').matches(':disabled')).toBe(true);
    expect(byId('field-teaser').matches(':disabled')).toBe(true);
    expect(byId('field-published-at').matches(':disabled')).toBe(true);
    expect(tiptap().isEditable).toBe(false);
    expect(byId<HTMLSelectElement>('state-select').disabled).toBe(false);
    expect(byId<HTMLButtonElement>('delete-article').disabled).toBe(true);

    await fireEvent.click(byId('take-over'));
    await waitFor(() => expect(screen.queryByTestId('lock-banner')).toBeNull());
    expect(ipc.callsOf('take_over_article')[0].args).toEqual({ id: SCHOOL });
    expect(byId('field-headline').matches(':disabled')).toBe(false);
    expect(tiptap().isEditable).toBe(true);
    await settle();
    expect(shown()).toContain('Sie bearbeiten den Artikel jetzt; Anna Beispiel sieht ihn nur noch lesend.');
  });

  it('English: the banner and the button in English', async () => {
    setLang('en');
    const lib = new FakeLibrary();
    lib.locks.set(SCHOOL, anna);
    await open(lib);
    await waitFor(() => expect(byId('lock-banner').textContent).toContain('Being edited by Anna Beispiel'));
    expect(byId('take-over').textContent).toBe('Take over editing');
  });

  it('reads the text afresh and opens it once the colleague closes the article', async () => {
    const lib = new FakeLibrary();
    lib.locks.set(SCHOOL, anna);
    await open(lib);
    await waitFor(() => expect(byId('field-headline').matches(':disabled')).toBe(true));
    // Anna saves and closes.
    const stored = lib.articles.get(SCHOOL)!;
    lib.articles.set(SCHOOL, { ...stored, headline: 'Annas Fassung', version: stored.version + 1 });
    lib.locks.delete(SCHOOL);
    await renewal();
    await waitFor(() => expect(byId('field-headline').value).toBe('Annas Fassung'));
    expect(byId('field-headline').matches(':disabled')).toBe(false);
    expect(screen.queryByTestId('lock-banner')).toBeNull();
    await settle();
    expect(shown()).toContain('Anna Beispiel hat den Artikel geschlossen – Sie können ihn jetzt bearbeiten.');
  });
});

describe('Editor, holding the lock', () => {
  it('renews it while open and gives it up on close', async () => {
    const lib = new FakeLibrary();
    const { ipc, unmount } = await open(lib);
    expect(screen.queryByTestId('lock-banner')).toBeNull();
    await renewal();
    await settle();
    expect(ipc.callsOf('renew_lock')).toHaveLength(1);
    unmount();
    await settle();
    expect(ipc.callsOf('release_lock')).toHaveLength(1);
    expect(lib.held.has(SCHOOL)).toBe(false);
  });

  it('taken over while typing: what was typed is saved, then the text is read only', async () => {
    const lib = new FakeLibrary();
    const { ipc } = await open(lib);
    await fireEvent.input(byId('field-headline'), { target: { value: 'Noch nicht gespeichert' } });
    lib.locks.set(SCHOOL, anna);
    await renewal();
    await waitFor(() => expect(byId('lock-banner').textContent).toContain('Anna Beispiel hat die Bearbeitung übernommen'));
    const saves = ipc.callsOf('save_article');
    expect(saves.length).toBeGreaterThan(0);
    expect((saves[saves.length - 1].args.input as { headline: string }).headline).toBe('Noch nicht gespeichert');
    expect(byId('field-headline').matches(':disabled')).toBe(true);
    expect(byId('field-headline').value).toBe('Noch nicht gespeichert');
  });
});

describe('Editor, taken over while the typed text met the colleague’s', () => {
  it('compares both; mine comes back only after taking over again', async () => {
    const lib = new FakeLibrary();
    // The colleague took over and stored a headline while this desk's save was on its way:
    // the save became a conflict revision.
    const ipc = installIpc(lib, {
      save_article: colleagueSavedFirst(lib, SCHOOL, { headline: 'Kita in Hörde eröffnet' }, 'Anna Beispiel', 4),
    });
    render(Editor, { id: SCHOOL, onback: vi.fn() });
    await waitFor(() => expect(byId('field-headline').value).toBe(school.headline));
    await waitFor(() => expect(ipc.callsOf('lock_article')).toHaveLength(1));
    await fireEvent.input(byId('field-headline'), { target: { value: 'Kita in Aplerbeck eröffnet' } });
    lib.locks.set(SCHOOL, anna);
    await renewal();

    const panel = await waitFor(() => byId('conflict-panel'));
    await waitFor(() => expect(byId('lock-banner').textContent).toContain('Anna Beispiel hat die Bearbeitung übernommen'));
    expect(byId('conflict-mine').textContent?.trim()).toBe('Kita in Aplerbeck eröffnet');
    expect(byId('conflict-theirs').textContent?.trim()).toBe('Kita in Hörde eröffnet');
    expect(byId('conflict-locked').textContent).toContain('Übernehmen Sie die Bearbeitung');
    const takeMine = byId<HTMLButtonElement>('conflict-take-mine');
    expect(takeMine.disabled).toBe(true);
    await fireEvent.click(takeMine);
    await settle();
    expect(ipc.callsOf('save_article')).toHaveLength(1);
    expect(byId('field-headline').value).toBe('Kita in Hörde eröffnet');

    // Taken over again: mine comes back and is saved.
    await fireEvent.click(byId('take-over'));
    await waitFor(() => expect(screen.queryByTestId('lock-banner')).toBeNull());
    expect(panel.isConnected).toBe(true);
    expect(screen.queryByTestId('conflict-locked')).toBeNull();
    await fireEvent.click(byId('conflict-take-mine'));
    expect(byId('field-headline').value).toBe('Kita in Aplerbeck eröffnet');
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(2), { timeout: 3000 });
    expect((ipc.lastOf('save_article')!.args.input as ArticleInput).headline).toBe('Kita in Aplerbeck eröffnet');
  });
});

describe('Editor, following what others change', () => {
  it('a colleague’s change comes into the fields at once while nothing is unsaved', async () => {
    const lib = new FakeLibrary();
    const { ipc } = await open(lib);
    const stored = lib.articles.get(SCHOOL)!;
    lib.articles.set(SCHOOL, { ...stored, kicker: 'Schule', version: stored.version + 1 });
    lib.emit(EVENTS.libraryChanged, changed({ articles: true }));
    await waitFor(() => expect(byId('field-kicker').value).toBe('Schule'));
    expect(byId('field-headline').value).toBe(school.headline);
    // The next save is based on the version it took in.
    await fireEvent.input(byId('field-headline'), { target: { value: 'Weiter' } });
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2000 });
    expect(ipc.lastOf('save_article')?.args).toMatchObject({ baseVersion: stored.version + 1 });
  });

  it('the field the cursor is in is never replaced; the next save meets the change instead', async () => {
    const lib = new FakeLibrary();
    const { ipc } = await open(lib);
    byId('field-headline').focus();
    const stored = lib.articles.get(SCHOOL)!;
    lib.articles.set(SCHOOL, { ...stored, headline: 'Vom Skript', kicker: 'Schule', version: stored.version + 1 });
    lib.emit(EVENTS.libraryChanged, changed({ articles: true }));
    await waitFor(() => expect(byId('field-kicker').value).toBe('Schule'));
    expect(byId('field-headline').value).toBe(school.headline);
    await fireEvent.input(byId('field-headline'), { target: { value: 'Meine' } });
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2000 });
    // Based on the version before the change, so the backend compares both headlines.
    expect(ipc.lastOf('save_article')?.args).toMatchObject({ baseVersion: stored.version });
  });

  it('typing not yet saved is left alone: the save merges instead', async () => {
    const lib = new FakeLibrary();
    const { ipc } = await open(lib);
    await fireEvent.input(byId('field-headline'), { target: { value: 'Ich tippe' } });
    const stored = lib.articles.get(SCHOOL)!;
    lib.articles.set(SCHOOL, { ...stored, headline: 'Von Anna', version: stored.version + 1 });
    lib.emit(EVENTS.libraryChanged, changed({ articles: true }));
    await settle();
    expect(byId('field-headline').value).toBe('Ich tippe');
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2000 });
    expect(ipc.lastOf('save_article')?.args).toMatchObject({ baseVersion: stored.version });
  });

  it('an answer older than what the editor has (a restore, its own save) never rolls it back', async () => {
    const lib = new FakeLibrary();
    await open(lib);
    const stored = lib.articles.get(SCHOOL)!;
    lib.articles.set(SCHOOL, { ...stored, headline: 'Älterer Stand', version: stored.version - 1 });
    lib.emit(EVENTS.libraryChanged, changed({ articles: true }));
    await settle();
    expect(byId('field-headline').value).toBe(school.headline);
  });

  it('read only, the holder’s text shows as soon as it is stored', async () => {
    const lib = new FakeLibrary();
    lib.locks.set(SCHOOL, anna);
    await open(lib);
    await waitFor(() => expect(byId('lock-banner')).toBeTruthy());
    const stored = lib.articles.get(SCHOOL)!;
    lib.articles.set(SCHOOL, { ...stored, teaser: 'Anna schreibt gerade.', version: stored.version + 1 });
    lib.emit(EVENTS.libraryChanged, changed({ articles: true }));
    await waitFor(() => expect(byId<HTMLTextAreaElement>('field-teaser').value).toBe('Anna schreibt gerade.'));
    expect(byId('field-teaser').matches(':disabled')).toBe(true);
  });

  it('a take-over is learned at once, not at the next renewal', async () => {
    const lib = new FakeLibrary();
    const { ipc } = await open(lib);
    lib.locks.set(SCHOOL, anna);
    lib.emit(EVENTS.libraryChanged, changed({ locks: true }));
    await waitFor(() => expect(byId('lock-banner').textContent).toContain('Anna Beispiel hat die Bearbeitung übernommen'));
    expect(ipc.callsOf('renew_lock')).toHaveLength(1);
  });
});
