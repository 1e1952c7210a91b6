// The shared library from the app: the header's library menu, the connect dialog, and the
// switch in App (the list reloads from the new library; a failure changes nothing).
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import { FakeLibrary } from '../dev/fakeBackend';
import { setLang } from '../lib/i18n';
import { clearToasts } from '../lib/toasts';
import type { LibraryInfo } from '../lib/types';
import { installIpc } from '../test/ipc';
import ConnectLibraryDialog from './ConnectLibraryDialog.svelte';
import Header from './Header.svelte';

const own: LibraryInfo = {
  kind: 'folder',
  display: '/home/presse/Newsroom/Stadt Dortmund',
  name: 'Stadt Dortmund',
  own: true,
  article_count: 5,
  user: 'presse',
  permissions: {
    login: 'presse',
    roles: [],
    text: true,
    attach_photos: true,
    photos: true,
    states: ['draft', 'review', 'ready', 'exported'],
    export: true,
  },
};
const shared: LibraryInfo = {
  kind: 'server',
  display: 'postgres://anna@db.dortmund.de:5432/newsroom',
  name: 'db.dortmund.de/newsroom',
  own: false,
  article_count: 0,
  user: 'Anna Beispiel',
  permissions: {
    login: 'anna',
    roles: ['redaktion'],
    text: true,
    attach_photos: true,
    photos: false,
    states: ['draft', 'review'],
    export: false,
  },
};
const URL = 'postgres://anna@db.dortmund.de/newsroom';
const unreachable = { code: 'server_unreachable', message: 'cannot reach db.dortmund.de:5432' };

beforeEach(() => {
  setLang('de');
  clearToasts();
});

describe('Header library menu', () => {
  it('shows the folder name, the full path on hover, and offers to connect', async () => {
    // A desk's own folder: no login to show.
    const onconnect = vi.fn();
    render(Header, { library: own, onhome: () => {}, onconnect });
    const chip = screen.getByTestId('library-path');
    expect(chip.textContent).toContain('Stadt Dortmund');
    expect(chip.title).toBe(own.display);
    expect(screen.queryByTestId('library-user')).toBeNull();
    expect(chip.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(chip);
    expect(screen.getByRole('menu')).toBeTruthy();
    // The own library is open: nothing to go back to.
    expect(screen.queryByTestId('library-use-own')).toBeNull();
    await fireEvent.click(screen.getByRole('menuitem', { name: 'Gemeinsame Bibliothek verbinden …' }));
    expect(onconnect).toHaveBeenCalledOnce();
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('labels a shared library as Gemeinsam (Shared) and offers the own library back', async () => {
    const onuseown = vi.fn();
    const { rerender } = render(Header, { library: shared, onhome: () => {}, onuseown });
    const chip = screen.getByTestId('library-path');
    expect(chip.textContent).toContain('Gemeinsam: db.dortmund.de/newsroom');
    expect(chip.title).toBe(shared.display);
    // Who this desk is connected as, and in which role.
    expect(screen.getByTestId('library-user').textContent).toBe('Anna Beispiel · Redaktion');
    expect(screen.getByTestId('library-user').title).toBe('anna');
    await fireEvent.click(chip);
    await fireEvent.click(screen.getByRole('menuitem', { name: 'Eigene Bibliothek verwenden' }));
    expect(onuseown).toHaveBeenCalledOnce();
    setLang('en');
    await rerender({ library: shared, onhome: () => {}, onuseown });
    expect(screen.getByTestId('library-path').textContent).toContain('Shared: db.dortmund.de/newsroom');
    expect(screen.getByTestId('library-user').textContent).toBe('Anna Beispiel · Editorial');
    await fireEvent.click(screen.getByTestId('library-path'));
    expect(screen.getByRole('menuitem', { name: 'Connect shared library …' })).toBeTruthy();
    expect(screen.getByRole('menuitem', { name: 'Use own library' })).toBeTruthy();
    await fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
  });
});

describe('ConnectLibraryDialog', () => {
  it('is busy while connecting, words a failure inline and keeps the address', async () => {
    let fail: (e: unknown) => void = () => {};
    const onconnect = vi.fn(() => new Promise<void>((_, reject) => (fail = reject)));
    const onclose = vi.fn();
    render(ConnectLibraryDialog, { onconnect, onclose });
    const input = screen.getByTestId('connect-library-url') as HTMLInputElement;
    expect(input.placeholder).toBe('postgres://name@server/newsroom');
    expect(screen.getByTestId('connect-library').textContent).toContain('~/.pgpass');
    expect(screen.getByTestId('connect-library').textContent).toContain('sslmode=verify-full');
    const submit = screen.getByTestId('connect-library-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await fireEvent.input(input, { target: { value: ` ${URL} ` } });
    await fireEvent.click(submit);
    expect(onconnect).toHaveBeenCalledWith(URL);
    await waitFor(() => expect(submit.textContent).toBe('Verbinde …'));
    expect(submit.disabled).toBe(true);
    expect(input.disabled).toBe(true);
    fail(unreachable);
    const error = await screen.findByTestId('connect-library-error');
    expect(error.textContent).toContain('Der Server ist nicht erreichbar');
    expect(error.textContent).not.toContain('cannot reach');
    expect(input.value).toBe(` ${URL} `);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(submit.textContent).toBe('Verbinden');
    expect(onclose).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('connect-library-cancel'));
    expect(onclose).toHaveBeenCalledOnce();
  });

  it('speaks English', () => {
    setLang('en');
    render(ConnectLibraryDialog, { onconnect: async () => {}, onclose: () => {} });
    expect(screen.getByRole('dialog', { name: 'Connect shared library' })).toBeTruthy();
    expect(screen.getByLabelText('Server address')).toBeTruthy();
    expect(screen.getByTestId('connect-library-submit').textContent).toBe('Connect');
  });
});

describe('App switching libraries', () => {
  it('changes nothing on a failure, reloads the list from the new library on success', async () => {
    const lib = new FakeLibrary();
    let refuse = true;
    const ipc = installIpc(lib, {
      connect_library: () => {
        if (refuse) return Promise.reject(unreachable);
        return { library: shared, remembered: true };
      },
    });
    render(App);
    await waitFor(() => expect(screen.getAllByTestId('article-row')).toHaveLength(5));
    const listsBefore = ipc.callsOf('list_articles').length;
    await fireEvent.click(screen.getByTestId('library-path'));
    await fireEvent.click(screen.getByTestId('library-connect'));
    const input = await screen.findByTestId('connect-library-url');
    await fireEvent.input(input, { target: { value: 'postgres://anna@db.dortmund.de:1/newsroom' } });
    await fireEvent.click(screen.getByTestId('connect-library-submit'));
    await screen.findByTestId('connect-library-error');
    expect(screen.getByTestId('library-path').textContent).toContain('Stadt Dortmund');
    expect(ipc.callsOf('list_articles')).toHaveLength(listsBefore);

    refuse = false;
    await fireEvent.input(input, { target: { value: URL } });
    await fireEvent.click(screen.getByTestId('connect-library-submit'));
    await waitFor(() => expect(screen.queryByTestId('connect-library')).toBeNull());
    expect(ipc.lastOf('connect_library')?.args).toEqual({ location: URL });
    expect(screen.getByTestId('library-path').textContent).toContain('Gemeinsam: db.dortmund.de/newsroom');
    await waitFor(() => expect(ipc.callsOf('list_articles').length).toBeGreaterThan(listsBefore));
  });

  it('says so when an address with a password is not remembered', async () => {
    installIpc(new FakeLibrary(), {
      connect_library: () => ({ library: shared, remembered: false }),
    });
    render(App);
    await waitFor(() => expect(screen.getAllByTestId('article-row')).toHaveLength(5));
    await fireEvent.click(screen.getByTestId('library-path'));
    await fireEvent.click(screen.getByTestId('library-connect'));
    await fireEvent.input(await screen.findByTestId('connect-library-url'), {
      target: { value: 'postgres://anna:geheim@db.dortmund.de/newsroom' },
    });
    await fireEvent.click(screen.getByTestId('connect-library-submit'));
    await waitFor(() => expect(document.body.textContent).toContain('wird deshalb nicht gespeichert'));
  });
});
