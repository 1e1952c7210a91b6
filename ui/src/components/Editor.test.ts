import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeLibrary, golden } from '../dev/fakeBackend';
import { articleToInput, emptyArticleInput } from '../lib/article';
import type { Editor as TipTap } from '../lib/bodyEditor';
import { setLang } from '../lib/i18n';
import { clearToasts } from '../lib/toasts';
import type { Article, ArticleInput, RevisionSummary } from '../lib/types';
import { article, id } from '../test/articles';
import { installIpc, noAnswer, type Overrides } from '../test/ipc';
import Editor from './Editor.svelte';

const library = () => new FakeLibrary();
const school = article('school');
const SCHOOL = id('school');

const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => screen.getByTestId(id) as T;
const lastSave = (ipc: ReturnType<typeof installIpc>) =>
  ipc.lastOf('save_article')?.args as { id: number; input: ArticleInput } | undefined;

async function openEditor(props: Record<string, unknown> = {}, lib = library(), overrides: Overrides = {}) {
  const ipc = installIpc(lib, overrides);
  const onback = vi.fn();
  const result = render(Editor, { id: SCHOOL, onback, ...props });
  await waitFor(() => expect(byId('field-headline').value).toBe(school.headline));
  await waitFor(() => expect(document.querySelector('[data-testid="body-editor"] .ProseMirror')).toBeTruthy());
  return { ipc, onback, ...result };
}

function tiptap(): TipTap {
  const dom = document.querySelector('[data-testid="body-editor"] .ProseMirror') as HTMLElement & { editor: TipTap };
  return dom.editor;
}

beforeEach(() => {
  setLang('de');
  clearToasts();
});

describe('Editor', () => {
  it('loads the article into every field', async () => {
    const { ipc } = await openEditor();
    expect(ipc.callsOf('get_article')[0].args).toEqual({ id: SCHOOL });
    expect(ipc.callsOf('render_preview')[0].args).toEqual({ body: school.body });
    expect(byId('field-kicker').value).toBe('Bildung');
    expect(byId<HTMLTextAreaElement>('field-teaser').value).toBe(school.teaser);
    expect(byId('field-author').value).toBe('Presse- und Informationsamt');
    expect(byId<HTMLTextAreaElement>('field-contact').value).toBe(
      'Stadt Dortmund\nDieter Beispiel\nTelefon: 0231 50-00000\npresse@example.org',
    );
    // 09:30 UTC in November is 10:30 in Berlin.
    expect(byId('field-published-at').value).toBe('12.11.2025, 10:30');
    expect(byId('field-published-at').type).toBe('text');
    expect(byId('field-embargo-until').value).toBe('');
    expect(screen.getAllByTestId('topic-chip').map((c) => c.textContent?.trim())).toEqual(['Schule', 'Bauen']);
    expect(screen.getAllByTestId('place-chip').map((c) => c.textContent?.trim())).toEqual(['Hörde']);
    expect(screen.getAllByTestId('related-link')).toHaveLength(1);
    expect(byId('state-badge').dataset.state).toBe('review');
    expect(byId<HTMLSelectElement>('state-select').value).toBe('review');
    expect(Array.from(byId<HTMLSelectElement>('state-select').options).map((o) => o.value)).toEqual([
      'draft',
      'review',
      'ready',
      'exported',
    ]);
    expect(byId('preview').innerHTML).toContain('<strong>48 Millionen Euro</strong>');
    expect(tiptap().getHTML()).toContain('<strong>48 Millionen Euro</strong>');
    expect(byId('save-status').dataset.status).toBe('saved');
  });

  it('autosaves shortly after typing, with every field', async () => {
    const { ipc } = await openEditor();
    await fireEvent.input(byId('field-headline'), { target: { value: 'Neue Gesamtschule in Hörde' } });
    expect(byId('save-status').dataset.status).toBe('dirty');
    expect(ipc.callsOf('save_article')).toHaveLength(0);
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2000 });
    const saved = lastSave(ipc)!;
    expect(saved.id).toBe(SCHOOL);
    expect(saved.input).toEqual({
      kicker: 'Bildung',
      headline: 'Neue Gesamtschule in Hörde',
      teaser: school.teaser,
      body: school.body,
      related_links: [{ label: 'Schulentwicklungsplan', url: 'https://www.dortmund.de/schulen' }],
      topics: ['Schule', 'Bauen'],
      places: ['Hörde'],
      published_at: '2025-11-12T09:30:00Z',
      embargo_until: null,
      author: 'Presse- und Informationsamt',
      contact: 'Stadt Dortmund\nDieter Beispiel\nTelefon: 0231 50-00000\npresse@example.org',
      lead_photo: { photo_id: id('iptc'), caption: null, alt_text: null },
    });
    expect(saved.input).toEqual(articleToInput({ ...school, headline: 'Neue Gesamtschule in Hörde' }));
    await waitFor(() => expect(byId('save-status').dataset.status).toBe('saved'));
  });

  it('saves the body as CommonMark and refreshes the preview from the backend', async () => {
    const lib = library();
    const edited = `${school.body} Mehr \\*dazu\\* bald.`;
    // What the backend renders for the edited body (not recorded): any HTML will do.
    lib.previews.set(edited, '<p>Die Vorschau des geänderten Textes</p>');
    const { ipc } = await openEditor({}, lib);
    tiptap().chain().focus('end').insertContent(' Mehr *dazu* bald.').run();
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2000 });
    expect(lastSave(ipc)!.input.body).toBe(edited);
    await waitFor(() => expect(byId('preview').innerHTML).toBe('<p>Die Vorschau des geänderten Textes</p>'));
    expect(ipc.lastOf('render_preview')!.args.body).toBe(edited);
  });

  it('Berlin wall-clock dates are saved as UTC', async () => {
    const { ipc } = await openEditor();
    await fireEvent.input(byId('field-published-at'), { target: { value: '01.07.2025, 11:30' } });
    await fireEvent.input(byId('field-embargo-until'), { target: { value: '24.12.2025 08:00' } });
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2000 });
    expect(lastSave(ipc)!.input.published_at).toBe('2025-07-01T09:30:00Z');
    expect(lastSave(ipc)!.input.embargo_until).toBe('2025-12-24T07:00:00Z');
  });

  it('tag inputs: Enter and comma add, Backspace removes, suggestions are clickable', async () => {
    const { ipc } = await openEditor();
    const input = byId('topics-input');
    const chips = () => screen.getAllByTestId('topic-chip').map((c) => c.textContent?.trim());
    await fireEvent.input(input, { target: { value: 'Kultur' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(chips()).toEqual(['Schule', 'Bauen', 'Kultur']);
    expect(input.value).toBe('');

    await fireEvent.input(input, { target: { value: 'Kita' } });
    await fireEvent.keyDown(input, { key: ',' });
    expect(chips()).toEqual(['Schule', 'Bauen', 'Kultur', 'Kita']);

    // Duplicates (any case) are not added twice.
    await fireEvent.input(input, { target: { value: 'schule' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getAllByTestId('topic-chip')).toHaveLength(4);

    await fireEvent.keyDown(input, { key: 'Backspace' });
    expect(chips()).toEqual(['Schule', 'Bauen', 'Kultur']);

    // Suggestions from the backend as the user types ("Bauen" is already there).
    await fireEvent.input(input, { target: { value: 'b' } });
    await waitFor(() => expect(screen.getAllByTestId('suggestion').map((s) => s.textContent?.trim())).toEqual(['Baustellen']));
    expect(ipc.lastOf('suggest')!.args).toEqual({ kind: 'topic', prefix: 'b' });
    await fireEvent.click(screen.getByTestId('suggestion'));
    expect(chips()).toEqual(['Schule', 'Bauen', 'Kultur', 'Baustellen']);
    expect(screen.queryAllByTestId('suggestion')).toHaveLength(0);

    // The remove button inside a chip.
    await fireEvent.click(screen.getAllByTestId('topic-chip')[0].querySelector('[data-testid="chip-remove"]')!);
    expect(chips()).toEqual(['Bauen', 'Kultur', 'Baustellen']);

    // Places work the same way.
    await fireEvent.input(byId('places-input'), { target: { value: 'Innenstadt-West' } });
    await fireEvent.keyDown(byId('places-input'), { key: 'Enter' });

    await waitFor(() => expect(ipc.callsOf('save_article').length).toBeGreaterThan(0), { timeout: 2000 });
    await waitFor(() => expect(lastSave(ipc)!.input.places).toEqual(['Hörde', 'Innenstadt-West']), { timeout: 2000 });
    expect(lastSave(ipc)!.input.topics).toEqual(['Bauen', 'Kultur', 'Baustellen']);
  });

  it('related links: add, edit, move and remove', async () => {
    const { ipc } = await openEditor();
    const q = (row: HTMLElement, id: string) => row.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;
    await fireEvent.click(byId('add-link'));
    let rows = screen.getAllByTestId('related-link');
    expect(rows).toHaveLength(2);
    await fireEvent.input(q(rows[1], 'related-label'), { target: { value: 'Anmeldung' } });
    await fireEvent.input(q(rows[1], 'related-url'), { target: { value: 'https://a.de/anmeldung' } });
    await fireEvent.click(byId('add-link'));
    rows = screen.getAllByTestId('related-link');
    expect(rows).toHaveLength(3);
    await fireEvent.input(q(rows[2], 'related-label'), { target: { value: 'Stadtplan' } });
    await fireEvent.input(q(rows[2], 'related-url'), { target: { value: 'https://a.de/karte' } });
    expect(q(rows[0], 'related-up').disabled).toBe(true);
    expect(q(rows[2], 'related-down').disabled).toBe(true);
    await fireEvent.click(q(rows[2], 'related-up'));
    rows = screen.getAllByTestId('related-link');
    expect(rows.map((r) => q(r, 'related-label').value)).toEqual(['Schulentwicklungsplan', 'Stadtplan', 'Anmeldung']);
    await fireEvent.click(q(rows[0], 'related-down'));
    rows = screen.getAllByTestId('related-link');
    expect(rows.map((r) => q(r, 'related-label').value)).toEqual(['Stadtplan', 'Schulentwicklungsplan', 'Anmeldung']);
    await fireEvent.click(q(rows[2], 'related-remove'));
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2000 });
    expect(lastSave(ipc)!.input.related_links).toEqual([
      { label: 'Stadtplan', url: 'https://a.de/karte' },
      { label: 'Schulentwicklungsplan', url: 'https://www.dortmund.de/schulen' },
    ]);
  });

  it('changing the state saves pending edits first, then calls set_state', async () => {
    const { ipc } = await openEditor();
    await fireEvent.input(byId('field-teaser'), { target: { value: 'Neu.' } });
    await fireEvent.change(byId('state-select'), { target: { value: 'ready' } });
    await waitFor(() => expect(byId('state-badge').dataset.state).toBe('ready'));
    const order = ipc.calls.map((c) => c.cmd).filter((c) => c === 'save_article' || c === 'set_state');
    expect(order).toEqual(['save_article', 'set_state']);
    expect(ipc.callsOf('set_state')[0].args).toEqual({ id: SCHOOL, state: 'ready' });
    expect(byId('state-badge').textContent).toBe('Freigegeben');
    // Moving back is allowed.
    await fireEvent.change(byId('state-select'), { target: { value: 'review' } });
    await waitFor(() => expect(byId('state-badge').dataset.state).toBe('review'));
  });

  it('a failed state change shows an error and keeps the old state', async () => {
    const ipc = installIpc(library(), {
      set_state: () => Promise.reject({ code: 'invalid_state', message: 'nope' }),
    });
    render(Editor, { id: SCHOOL, onback: vi.fn() });
    await waitFor(() => expect(byId('field-headline').value).toBe(school.headline));
    await fireEvent.change(byId('state-select'), { target: { value: 'exported' } });
    await waitFor(() => expect(ipc.callsOf('set_state')).toHaveLength(1));
    await waitFor(() => expect(byId<HTMLSelectElement>('state-select').value).toBe('review'));
    expect(byId('state-badge').dataset.state).toBe('review');
  });

  it('flush() (Ctrl+S, leaving) saves immediately', async () => {
    const { ipc, component } = await openEditor();
    await fireEvent.input(byId('field-kicker'), { target: { value: 'Schule' } });
    const ok = await (component as unknown as { flush: () => Promise<boolean> }).flush();
    expect(ok).toBe(true);
    expect(ipc.callsOf('save_article')).toHaveLength(1);
    expect(lastSave(ipc)!.input.kicker).toBe('Schule');
    expect(byId('save-status').dataset.status).toBe('saved');
  });

  it('revisions: list, view read-only, restore reloads the editor', async () => {
    const lib = library();
    const recorded = golden.revisions[String(SCHOOL)];
    // After the first save the backend keeps it as revision 4 (its rule; given here).
    const kept: RevisionSummary = { rev: 4, created_at: golden.now, state: 'review', headline: 'Geändert', reason: 'edit', author: '' };
    const { ipc } = await openEditor({}, lib, {
      list_revisions: () => (ipc.callsOf('save_article').length > 0 ? [kept, ...recorded] : recorded),
    });
    await fireEvent.click(byId('revisions-toggle'));
    await waitFor(() => expect(screen.getAllByTestId('revision-row').map((r) => r.dataset.rev)).toEqual(['3', '2', '1']));
    // Change the headline (kept as revision 4), then restore revision 1.
    await fireEvent.input(byId('field-headline'), { target: { value: 'Geändert' } });
    await waitFor(() => expect(screen.getAllByTestId('revision-row').map((r) => r.dataset.rev)).toEqual(['4', '3', '2', '1']), {
      timeout: 2000,
    });
    expect(screen.getAllByTestId('revision-row')[3].textContent).toContain('Angelegt');
    await fireEvent.input(byId('field-headline'), { target: { value: 'Noch ungespeichert' } });
    await fireEvent.click(screen.getAllByTestId('revision-row')[3].querySelector('button')!);
    await waitFor(() => expect(screen.getByTestId('revision-view').textContent).toContain('Neue Gesamtschule in Hörde'));
    expect(ipc.callsOf('get_revision')[0].args).toEqual({ id: SCHOOL, rev: 1 });
    await fireEvent.click(screen.getByTestId('revision-restore'));
    await waitFor(() => expect(ipc.callsOf('restore_revision')).toHaveLength(1));
    expect(ipc.callsOf('restore_revision')[0].args).toEqual({ id: SCHOOL, rev: 1 });
    // Pending edits were saved before restoring.
    const order = ipc.calls.map((c) => c.cmd).filter((c) => c === 'save_article' || c === 'restore_revision');
    expect(order).toEqual(['save_article', 'save_article', 'restore_revision']);
    expect(lastSave(ipc)!.input.headline).toBe('Noch ungespeichert');
    await waitFor(() => expect(byId('field-headline').value).toBe(school.headline));
    expect(tiptap().getHTML()).toContain('<strong>48 Millionen Euro</strong>');
    expect(byId('save-status').dataset.status).toBe('saved');
  });

  it('a time in the spring-forward gap is shown as stored once committed', async () => {
    const { ipc } = await openEditor();
    const input = byId('field-published-at');
    await fireEvent.input(input, { target: { value: '30.03.2025 02:30' } });
    await fireEvent.blur(input);
    expect(input.value).toBe('30.03.2025, 03:30');
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2000 });
    expect(lastSave(ipc)!.input.published_at).toBe('2025-03-30T01:30:00Z');
  });

  it('clearing a date saves null', async () => {
    const { ipc } = await openEditor();
    await fireEvent.input(byId('field-published-at'), { target: { value: '' } });
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2000 });
    expect(lastSave(ipc)!.input.published_at).toBeNull();
  });

  it('delete asks first, then deletes and leaves', async () => {
    const ondeleted = vi.fn();
    const { ipc } = await openEditor({ ondeleted });
    await fireEvent.click(byId('delete-article'));
    expect(ipc.callsOf('delete_article')).toHaveLength(0);
    await fireEvent.click(byId('delete-confirm'));
    await waitFor(() => expect(ondeleted).toHaveBeenCalled());
    expect(ipc.callsOf('delete_article')[0].args).toEqual({ id: SCHOOL });
  });

  it('the back button calls onback', async () => {
    const { onback } = await openEditor();
    await fireEvent.click(byId('back-to-list'));
    expect(onback).toHaveBeenCalled();
  });

  it('a new article focuses the headline', async () => {
    const lib = library();
    // The preflight of the new article is not looked at here.
    installIpc(lib, { preflight_article: noAnswer });
    const created = lib.handle('create_article', { input: emptyArticleInput() }) as Article;
    render(Editor, { id: created.id, initial: created, focusHeadline: true, onback: vi.fn() });
    await waitFor(() => expect(document.activeElement).toBe(byId('field-headline')));
  });
});

describe('values the library could not take', () => {
  const TREES = id('trees');
  const trees = article('trees');

  it('come back into their fields as typed, each with what is wrong', async () => {
    installIpc(library());
    render(Editor, { id: TREES, onback: vi.fn() });
    const typed = trees.held.find((h) => h.field === 'author')!.value;
    await waitFor(() => expect(byId('field-author').value).toBe(typed));
    expect(byId('held-author').textContent).toContain(`Zu lang: ${[...typed].length} Zeichen, höchstens 1000`);
    expect(byId('field-author').getAttribute('aria-invalid')).toBe('true');
    expect(byId('field-published-at').value).toBe('31.02.2026, 10:30');
    expect(byId('field-published-at-error').textContent).toContain('Kein gültiges Datum');
    expect(screen.queryByTestId('held-headline')).toBeNull();
    setLang('en');
    await waitFor(() => expect(byId('held-author').textContent).toContain('Too long'));
  });

  it('a save that holds a field shows it there; once fixed, the message goes', async () => {
    let holds = true;
    const lib = library();
    const ipc = installIpc(lib, {
      save_article: (args) => {
        const saved = lib.handle('save_article', args) as Article;
        const input = (args as { input: ArticleInput }).input;
        return holds
          ? { ...saved, held: [{ field: 'headline', value: input.headline, problem: 'too_long', limit: 300 }] }
          : saved;
      },
    });
    render(Editor, { id: SCHOOL, onback: vi.fn() });
    await waitFor(() => expect(byId('field-headline').value).toBe(school.headline));
    const long = 'Sehr lang '.repeat(40);
    await fireEvent.input(byId('field-headline'), { target: { value: long } });
    await waitFor(() => expect(byId('held-headline').textContent).toContain('höchstens 300'), { timeout: 3000 });
    // The typed headline is still in the field, and was sent whole.
    expect(byId('field-headline').value).toBe(long);
    expect(ipc.lastOf('save_article')?.args).toMatchObject({ input: { headline: long } });
    holds = false;
    await fireEvent.input(byId('field-headline'), { target: { value: 'Kurz' } });
    await waitFor(() => expect(screen.queryByTestId('held-headline')).toBeNull(), { timeout: 3000 });
  });
});

describe('Editor, with another writer', () => {
  it('saves from the version it loaded and takes the answer’s version for the next save', async () => {
    const { ipc } = await openEditor();
    await fireEvent.input(byId('field-headline'), { target: { value: 'Eins' } });
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2000 });
    expect(ipc.lastOf('save_article')?.args).toMatchObject({ baseVersion: school.version });
    await fireEvent.input(byId('field-headline'), { target: { value: 'Zwei' } });
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(2), { timeout: 2000 });
    expect(ipc.lastOf('save_article')?.args).toMatchObject({ baseVersion: school.version + 1 });
  });

  it('a field changed at the same time keeps the other text, says so, and shows it', async () => {
    const lib = library();
    const ipc = installIpc(lib, {
      save_article: (args) => {
        const saved = lib.handle('save_article', args) as Article;
        // Someone else's headline stayed; their teaser came in as well.
        return {
          ...saved,
          headline: 'Annas Überschrift',
          teaser: 'Annas Teaser',
          conflicts: ['headline'],
          conflict_rev: 7,
          merged: true,
        };
      },
    });
    render(Editor, { id: SCHOOL, onback: vi.fn() });
    await waitFor(() => expect(byId('field-headline').value).toBe(school.headline));
    await fireEvent.input(byId('field-headline'), { target: { value: 'Meine Überschrift' } });
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2000 });
    await waitFor(() => expect(byId('field-headline').value).toBe('Annas Überschrift'));
    expect(byId<HTMLTextAreaElement>('field-teaser').value).toBe('Annas Teaser');
    const { toasts } = await import('../lib/toasts');
    const { translate } = await import('../lib/i18n');
    const shown = get(toasts).map((t) => (t.kind === 'info' ? translate('de', t.key, t.params) : ''));
    expect(shown).toContain(
      'Gleichzeitig geändert: Ihre Fassung von »Überschrift« ist als Version 7 gespeichert, die andere bleibt im Artikel.',
    );
  });
});
