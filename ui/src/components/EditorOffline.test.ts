// The library cannot be reached while someone types: the editor says so once (a banner, not a
// message per retried save), typing goes on, and the first save that gets through stores
// everything and says so. (The backend keeps each failed save on the desk's disk meanwhile.)
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeLibrary } from '../dev/fakeBackend';
import { setLang, translate } from '../lib/i18n';
import { clearToasts, toasts } from '../lib/toasts';
import type { ArticleInput } from '../lib/types';
import { article, id } from '../test/articles';
import { installIpc } from '../test/ipc';
import Editor from './Editor.svelte';

const school = article('school');
const SCHOOL = id('school');
const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => screen.getByTestId(id) as T;

beforeEach(() => {
  setLang('de');
  clearToasts();
});

describe('Editor, the server away', () => {
  it('says so once, lets typing go on, and stores it all when the server is back', async () => {
    const lib = new FakeLibrary();
    let away = true;
    const ipc = installIpc(lib, {
      save_article: (args) => {
        if (away) throw { code: 'server_unreachable', message: 'connection refused' };
        return lib.handle('save_article', args);
      },
    });
    render(Editor, { id: SCHOOL, onback: vi.fn() });
    await waitFor(() => expect(byId('field-headline').value).toBe(school.headline));

    await fireEvent.input(byId('field-headline'), { target: { value: 'Während der Störung' } });
    await waitFor(() => expect(byId('offline-banner').textContent).toContain('Verbindung unterbrochen – Änderungen werden lokal gehalten'), { timeout: 3000 });
    expect(get(toasts).filter((t) => t.kind === 'error')).toHaveLength(0);
    // Typing goes on.
    expect(byId('field-teaser').matches(':disabled')).toBe(false);
    await fireEvent.input(byId('field-teaser'), { target: { value: 'Weiter geschrieben.' } });

    away = false;
    await fireEvent.input(byId('field-teaser'), { target: { value: 'Weiter geschrieben, alles da.' } });
    await waitFor(() => expect(screen.queryByTestId('offline-banner')).toBeNull(), { timeout: 3000 });
    const last = ipc.lastOf('save_article')!.args.input as ArticleInput;
    expect(last.headline).toBe('Während der Störung');
    expect(last.teaser).toBe('Weiter geschrieben, alles da.');
    const infos = get(toasts).map((t) => (t.kind === 'info' ? translate('de', t.key, t.params) : ''));
    expect(infos).toContain('Verbindung wieder da – alles ist gespeichert.');
  });
});
