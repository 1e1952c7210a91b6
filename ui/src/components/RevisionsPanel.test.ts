import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeLibrary } from '../dev/fakeBackend';
import { setLang } from '../lib/i18n';
import { clearToasts } from '../lib/toasts';
import { id } from '../test/articles';
import { installIpc } from '../test/ipc';
import RevisionsPanel from './RevisionsPanel.svelte';

const SCHOOL = id('school');
const rows = () => screen.queryAllByTestId('revision-row');
const restoreButton = (rev: string) =>
  rows().find((r) => r.dataset.rev === rev)!.querySelector<HTMLButtonElement>('[data-testid="revision-restore"]')!;

async function panel(approved: boolean) {
  installIpc(new FakeLibrary());
  const onrestore = vi.fn(() => Promise.resolve());
  render(RevisionsPanel, { articleId: SCHOOL, approved, onrestore, onclose: () => {} });
  await waitFor(() => expect(rows().length).toBeGreaterThan(0));
  return onrestore;
}

beforeEach(() => {
  setLang('de');
  clearToasts();
});

describe('RevisionsPanel restore', () => {
  it('asks first for an approved article: cancel restores nothing', async () => {
    const onrestore = await panel(true);
    await fireEvent.click(restoreButton('1'));
    const dialog = await screen.findByTestId('restore-confirm');
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(screen.getByTestId('restore-confirm-text').textContent).toBe(
      'Diese Version wiederherstellen? Der Artikel ist freigegeben und geht zurück in „In Prüfung“.',
    );
    expect(screen.getByTestId('restore-confirm-yes').textContent).toBe('Wiederherstellen und zurück in Prüfung');
    expect(screen.getByTestId('restore-confirm-no').textContent).toBe('Abbrechen');
    await fireEvent.click(screen.getByTestId('restore-confirm-no'));
    expect(screen.queryByTestId('restore-confirm')).toBeNull();
    expect(onrestore).not.toHaveBeenCalled();
    // Escape cancels too.
    await fireEvent.click(restoreButton('1'));
    await fireEvent.keyDown(await screen.findByTestId('restore-confirm'), { key: 'Escape' });
    expect(screen.queryByTestId('restore-confirm')).toBeNull();
    expect(onrestore).not.toHaveBeenCalled();
  });

  it('confirming restores that version', async () => {
    const onrestore = await panel(true);
    await fireEvent.click(restoreButton('1'));
    await fireEvent.click(await screen.findByTestId('restore-confirm-yes'));
    await waitFor(() => expect(onrestore).toHaveBeenCalledWith(1));
    expect(onrestore).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('restore-confirm')).toBeNull();
  });

  it('speaks English when the UI does', async () => {
    setLang('en');
    await panel(true);
    await fireEvent.click(restoreButton('1'));
    await screen.findByTestId('restore-confirm');
    expect(screen.getByTestId('restore-confirm-yes').textContent).toBe('Restore and send back to review');
    expect(screen.getByTestId('restore-confirm-no').textContent).toBe('Cancel');
  });

  it('restores a draft or a text in review without asking', async () => {
    const onrestore = await panel(false);
    await fireEvent.click(restoreButton('1'));
    await waitFor(() => expect(onrestore).toHaveBeenCalledWith(1));
    expect(screen.queryByTestId('restore-confirm')).toBeNull();
  });
});

describe('RevisionsPanel conflicts', () => {
  it('marks a revision kept from a save at the same time, with who wrote it', async () => {
    const conflict = {
      rev: 9,
      created_at: '2026-03-01T09:00:00Z',
      state: 'draft',
      headline: 'Bens Überschrift',
      reason: 'conflict',
      author: 'ben',
    };
    installIpc(new FakeLibrary(), { list_revisions: () => [conflict] });
    render(RevisionsPanel, { articleId: SCHOOL, approved: false, onrestore: vi.fn(), onclose: () => {} });
    await waitFor(() => expect(rows()).toHaveLength(1));
    const reason = screen.getByTestId('revision-reason');
    expect(reason.textContent).toBe('Gleichzeitig geändert');
    expect(reason.classList.contains('rev-conflict')).toBe(true);
    expect(screen.getByTestId('revision-author').textContent).toBe('von ben');
    setLang('en');
    await waitFor(() => expect(screen.getByTestId('revision-author').textContent).toBe('by ben'));
    expect(screen.getByTestId('revision-reason').textContent).toBe('Changed at the same time');
  });
});
