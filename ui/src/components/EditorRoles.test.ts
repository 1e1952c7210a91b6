// A person's role in a shared library, as the views show it: what the role may not do is
// disabled, with the reason, and the editor of someone who may not change the text is read
// only without taking the text's lock. (The server refuses the same actions itself.)
import { render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeLibrary, golden } from '../dev/fakeBackend';
import { setLang } from '../lib/i18n';
import { setLibrary } from '../lib/permissions';
import { clearToasts } from '../lib/toasts';
import type { ArticleState, LibraryInfo, Role } from '../lib/types';
import { article, id } from '../test/articles';
import { installIpc } from '../test/ipc';
import ArticleList from './ArticleList.svelte';
import Editor from './Editor.svelte';
import MediaLibrary from './MediaLibrary.svelte';

const school = article('school');
const SCHOOL = id('school');

function as(role: Role, p: { text: boolean; attach: boolean; photos: boolean; states: ArticleState[]; export: boolean }) {
  const info: LibraryInfo = {
    ...golden.library_info,
    kind: 'server',
    user: 'Paul Fotograf',
    permissions: {
      login: 'paul',
      roles: [role],
      text: p.text,
      attach_photos: p.attach,
      photos: p.photos,
      states: p.states,
      export: p.export,
    },
  };
  setLibrary(info);
}

const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => screen.getByTestId(id) as T;
const option = (state: string) => byId<HTMLSelectElement>('state-select').querySelector(`option[value="${state}"]`) as HTMLOptionElement;

beforeEach(() => {
  setLang('de');
  clearToasts();
});

afterEach(() => setLibrary(null));

describe('roles in the views', () => {
  it('Fotografie: the text read only with the reason, the lead photo open, no states, no export', async () => {
    as('fotografie', { text: false, attach: true, photos: true, states: [], export: false });
    const ipc = installIpc(new FakeLibrary());
    render(Editor, { id: SCHOOL, onback: vi.fn() });
    await waitFor(() => expect(byId('field-headline').value).toBe(school.headline));
    expect(byId('role-banner').textContent).toContain(
      'Als Fotografie können Sie den Text lesen, aber nicht ändern – das Aufmacherbild können Sie wählen.',
    );
    expect(byId('field-headline').matches(':disabled')).toBe(true);
    expect(byId('field-teaser').matches(':disabled')).toBe(true);
    const pick = byId('lead-photo-choose');
    expect(pick.matches(':disabled')).toBe(false);
    expect(option('draft').disabled).toBe(true);
    expect(option('ready').disabled).toBe(true);
    expect(option(school.state).disabled).toBe(false);
    expect(byId<HTMLButtonElement>('export-article').disabled).toBe(true);
    expect(byId<HTMLButtonElement>('delete-article').disabled).toBe(true);
    // No lock on a text they cannot change: nobody is kept out by them.
    await new Promise((r) => setTimeout(r, 100));
    expect(ipc.callsOf('lock_article')).toHaveLength(0);
  });

  it('Redaktion: writes and sets In Prüfung, not Freigegeben; export is the web desk’s', async () => {
    as('redaktion', { text: true, attach: true, photos: false, states: ['draft', 'review'], export: false });
    installIpc(new FakeLibrary());
    render(Editor, { id: SCHOOL, onback: vi.fn() });
    await waitFor(() => expect(byId('field-headline').value).toBe(school.headline));
    expect(screen.queryByTestId('role-banner')).toBeNull();
    expect(byId('field-headline').matches(':disabled')).toBe(false);
    expect(option('review').disabled).toBe(false);
    expect(option('draft').disabled).toBe(false);
    expect(option('ready').disabled).toBe(true);
    expect(option('exported').disabled).toBe(true);
    expect(byId('export-article').title).toBe('Exportieren darf der Webdesk.');
  });

  it('the list and the media library disable what the role does not do, and say why', async () => {
    as('fotografie', { text: false, attach: true, photos: true, states: [], export: false });
    installIpc(new FakeLibrary());
    const list = render(ArticleList, {});
    await waitFor(() => expect(screen.getAllByTestId('article-row').length).toBeGreaterThan(0));
    expect(byId<HTMLButtonElement>('new-article').disabled).toBe(true);
    expect(byId('new-article').title).toBe('Neue Artikel legt die Redaktion an.');
    expect(byId<HTMLButtonElement>('export-ready').disabled).toBe(true);
    list.unmount();

    as('redaktion', { text: true, attach: true, photos: false, states: ['draft', 'review'], export: false });
    render(MediaLibrary, {});
    await waitFor(() => expect(screen.getAllByTestId('photo-card').length).toBeGreaterThan(0));
    expect(byId<HTMLButtonElement>('photo-import').disabled).toBe(true);
    expect(byId('photo-import').title).toBe('Bilder importieren und bearbeiten darf die Fotografie.');
  });
});
