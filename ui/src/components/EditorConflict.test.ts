// A save that met a colleague's change to the same field: the editor says who it was, shows
// both texts side by side with the differing words marked, and takes the writer's text back
// on request (or keeps the colleague's).
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeLibrary } from '../dev/fakeBackend';
import { setLang } from '../lib/i18n';
import { clearToasts } from '../lib/toasts';
import type { ArticleInput } from '../lib/types';
import { article, id } from '../test/articles';
import { colleagueSavedFirst, installIpc } from '../test/ipc';
import Editor from './Editor.svelte';

const school = article('school');
const SCHOOL = id('school');
const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => screen.getByTestId(id) as T;

beforeEach(() => {
  setLang('de');
  clearToasts();
});

function withColleague() {
  const lib = new FakeLibrary();
  // Anna's headline and teaser stayed; this save's text is kept as revision 7.
  const theirs = { headline: 'Neue Kita in Hörde eröffnet', teaser: 'Annas Teaser.' };
  const ipc = installIpc(lib, { save_article: colleagueSavedFirst(lib, SCHOOL, theirs, 'Anna Beispiel', 7) });
  return { lib, ipc };
}

describe('Editor, a conflict', () => {
  it('names the colleague, compares both texts word by word, and takes mine back', async () => {
    const { ipc } = withColleague();
    render(Editor, { id: SCHOOL, onback: vi.fn() });
    await waitFor(() => expect(byId('field-headline').value).toBe(school.headline));
    await fireEvent.input(byId('field-headline'), { target: { value: 'Neue Kita in Aplerbeck eröffnet' } });
    await fireEvent.input(byId('field-teaser'), { target: { value: 'Mein Teaser.' } });

    const panel = await waitFor(() => byId('conflict-panel'), { timeout: 3000 });
    expect(panel.textContent).toContain('Anna Beispiel hat gleichzeitig dieselben Felder geändert');
    expect(panel.textContent).toContain('Version 7');
    const fields = within(panel).getAllByTestId('conflict-field');
    expect(fields.map((f) => f.dataset.field)).toEqual(['headline', 'teaser']);
    const headline = fields[0];
    expect(within(headline).getByTestId('conflict-mine').textContent?.trim()).toBe('Neue Kita in Aplerbeck eröffnet');
    expect(within(headline).getByTestId('conflict-theirs').textContent?.trim()).toBe('Neue Kita in Hörde eröffnet');
    // Only the differing words are marked.
    expect([...headline.querySelectorAll('mark.only-mine')].map((m) => m.textContent)).toEqual(['Aplerbeck']);
    expect([...headline.querySelectorAll('mark.only-theirs')].map((m) => m.textContent)).toEqual(['Hörde']);
    expect(within(headline).getByText('Fassung von Anna Beispiel (jetzt im Artikel)')).toBeTruthy();
    // The article shows Anna's text meanwhile.
    expect(byId('field-headline').value).toBe('Neue Kita in Hörde eröffnet');

    // Mine back for the headline; Anna's teaser stays.
    await fireEvent.click(within(headline).getByTestId('conflict-take-mine'));
    expect(byId('field-headline').value).toBe('Neue Kita in Aplerbeck eröffnet');
    await fireEvent.click(within(byId('conflict-panel')).getByTestId('conflict-keep-theirs'));
    expect(screen.queryByTestId('conflict-panel')).toBeNull();
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(2), { timeout: 3000 });
    const input = ipc.lastOf('save_article')!.args.input as ArticleInput;
    expect(input.headline).toBe('Neue Kita in Aplerbeck eröffnet');
    expect(input.teaser).toBe('Annas Teaser.');
  });
});
