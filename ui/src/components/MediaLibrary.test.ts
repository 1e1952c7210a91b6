import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeLibrary } from '../dev/fakeBackend';
import { emptyArticleInput } from '../lib/article';
import { setLang } from '../lib/i18n';
import { resetImportState } from '../lib/photoImport';
import { clearToasts } from '../lib/toasts';
import type { BatchEdit, PhotoUpdate } from '../lib/types';
import { installIpc } from '../test/ipc';
import { buildBatchEdit, buildPhotoUpdate, photoToForm } from '../lib/photoForm';
import BatchPanel from './BatchPanel.svelte';
import MediaLibrary from './MediaLibrary.svelte';
import PhotoEditor from './PhotoEditor.svelte';

function library() {
  const lib = new FakeLibrary(false);
  // Newest first in the grid: ids 5, 4, 3, 2, 1.
  for (let i = 1; i <= 5; i++) {
    lib.addPhoto({
      original_name: `bild${i}.jpg`,
      caption: `Bild ${i}`,
      credit: i % 2 ? `Credit ${i}` : '',
      credit_source: i % 2 ? 'file' : 'none',
      alt_text: i === 1 ? 'Alt 1' : '',
      creator: i === 2 ? '' : `Fotograf ${i}`,
      has_gps: i === 3,
      imported_at: `2025-11-0${i}T08:00:00Z`,
    });
  }
  lib.create({ ...emptyArticleInput(), headline: 'Mit Bild 1', lead_photo: { photo_id: 1, caption: null, alt_text: null } });
  lib.pickedFiles = ['/tmp/neu.jpg', '/tmp/kaputt.jpg', '/tmp/bild1.jpg'];
  lib.importStepMs = 5;
  return lib;
}

const cards = () => screen.queryAllByTestId('photo-card');
const selectedIds = () => cards().filter((c) => c.getAttribute('aria-selected') === 'true').map((c) => Number(c.dataset.photoId));
const card = (id: number) => cards().find((c) => c.dataset.photoId === String(id))!;
const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => screen.getByTestId(id) as T;

beforeEach(() => {
  setLang('de');
  clearToasts();
  resetImportState();
});

describe('MediaLibrary', () => {
  it('shows the grid with badges and filter counts', async () => {
    installIpc(library());
    render(MediaLibrary, {});
    await waitFor(() => expect(cards()).toHaveLength(5));
    expect(cards().map((c) => Number(c.dataset.photoId))).toEqual([5, 4, 3, 2, 1]);
    expect(card(2).querySelector('[data-testid="badge-no-credit"]')?.textContent).toBe('Kein Credit');
    expect(card(1).querySelector('[data-testid="badge-no-credit"]')).toBeNull();
    expect(card(3).querySelector('[data-testid="badge-gps"]')?.getAttribute('title')).toBe(
      'Enthält GPS-Daten – werden beim Export entfernt',
    );
    expect(card(1).querySelector('[data-testid="badge-no-alt"]')).toBeNull();
    expect(card(5).querySelector('[data-testid="badge-no-alt"]')).toBeTruthy();
    for (const c of cards()) expect(c.querySelector('img')?.getAttribute('alt')).toBeTruthy();
    await waitFor(() => expect(byId('photo-filter-no-credit').textContent).toContain('2'));
    expect(byId('photo-filter-all').textContent).toContain('5');
    expect(byId('photo-filter-unused').textContent).toContain('4');
    await fireEvent.click(byId('photo-filter-no-credit'));
    await waitFor(() => expect(cards().map((c) => Number(c.dataset.photoId))).toEqual([4, 2]));
    expect(byId('photo-filter-no-credit').getAttribute('aria-pressed')).toBe('true');
  });

  it('click selects one, Ctrl+click toggles, Shift+click selects a range, Ctrl+A all', async () => {
    installIpc(library());
    render(MediaLibrary, {});
    await waitFor(() => expect(cards()).toHaveLength(5));
    await fireEvent.click(card(4));
    expect(selectedIds()).toEqual([4]);
    await waitFor(() => expect(byId('photo-editor').dataset.photoId).toBe('4'));
    await fireEvent.click(card(2), { ctrlKey: true });
    expect(selectedIds()).toEqual([4, 2]);
    expect(byId('batch-panel')).toBeTruthy();
    expect(screen.queryByTestId('photo-editor')).toBeNull();
    await fireEvent.click(card(4), { metaKey: true });
    expect(selectedIds()).toEqual([2]);
    // The anchor is the last plain or Ctrl click.
    await fireEvent.click(card(2));
    await fireEvent.click(card(5), { shiftKey: true });
    expect(selectedIds()).toEqual([5, 4, 3, 2]);
    expect(byId('photo-selection-count').dataset.count).toBe('4');
    await fireEvent.click(card(1));
    expect(selectedIds()).toEqual([1]);
    await fireEvent.keyDown(card(1), { key: 'a', ctrlKey: true });
    expect(selectedIds()).toEqual([5, 4, 3, 2, 1]);
    expect(byId('batch-apply').textContent).toContain('Anwenden auf 5 Bilder');
  });

  it('imports through the file dialog, shows progress from events, then the results', async () => {
    const ipc = installIpc(library());
    render(MediaLibrary, {});
    await waitFor(() => expect(cards()).toHaveLength(5));
    await fireEvent.click(byId('photo-import'));
    await waitFor(() => expect(ipc.callsOf('import_photos')).toHaveLength(1));
    expect(ipc.callsOf('import_photos')[0].args).toEqual({ paths: ['/tmp/neu.jpg', '/tmp/kaputt.jpg', '/tmp/bild1.jpg'] });
    await waitFor(() => expect(byId('import-summary').textContent).toContain('1 neu, 1 bereits vorhanden, 1 fehlgeschlagen'));
    const notes = screen.getAllByTestId('import-note').map((n) => n.textContent ?? '');
    expect(notes[0]).toContain('kaputt.jpg');
    expect(notes[0]).toContain('Die Bilddatei ist beschädigt');
    expect(notes[1]).toContain('bild1.jpg');
    expect(notes[1]).toContain('bereits in der Bibliothek');
    await waitFor(() => expect(cards()).toHaveLength(6));
  });

  it('shows progress while the import is running', async () => {
    const lib = library();
    lib.importStepMs = 150;
    installIpc(lib);
    render(MediaLibrary, {});
    await waitFor(() => expect(cards()).toHaveLength(5));
    await fireEvent.click(byId('photo-import'));
    await waitFor(() => expect(byId('import-progress').dataset.done).toBe('1'));
    expect(byId('import-progress').textContent).toContain('1 von 3 Bildern importiert');
    expect(byId('import-progress').querySelector('progress')?.getAttribute('max')).toBe('3');
    await waitFor(() => expect(screen.getByTestId('import-summary')).toBeTruthy(), { timeout: 3000 });
  });
});

describe('PhotoEditor', () => {
  it('buildPhotoUpdate sends only changed fields and never an empty credit', () => {
    const lib = library();
    const p = (lib.handle('get_photo', { id: 1 }) as Parameters<typeof photoToForm>[0]);
    const form = photoToForm(p);
    expect(buildPhotoUpdate(p, form)).toEqual({});
    expect(buildPhotoUpdate(p, { ...form, caption: 'Neu', credit: '  ' })).toEqual({ caption: 'Neu' });
    expect(buildPhotoUpdate(p, { ...form, credit: 'Bild: X', keywords: ['a'] })).toEqual({ credit: 'Bild: X', keywords: ['a'] });
  });

  it('credit is required: an inline error, and the empty credit is not sent', async () => {
    const ipc = installIpc(library());
    render(PhotoEditor, { id: 1 });
    await waitFor(() => expect(byId('photo-credit').value).toBe('Credit 1'));
    expect(byId('photo-credit-source').textContent).toContain('aus der Datei');
    expect(screen.queryByTestId('photo-credit-error')).toBeNull();
    await fireEvent.input(byId('photo-credit'), { target: { value: '' } });
    expect(byId('photo-credit-error').textContent).toContain('Ein Credit ist Pflicht');
    expect(byId('photo-credit').getAttribute('aria-invalid')).toBe('true');
    await fireEvent.input(byId<HTMLTextAreaElement>('photo-caption'), { target: { value: 'Neue Zeile' } });
    await waitFor(() => expect(ipc.callsOf('update_photo')).toHaveLength(1), { timeout: 2500 });
    expect(ipc.callsOf('update_photo')[0].args).toEqual({ id: 1, update: { caption: 'Neue Zeile' } });
    await fireEvent.input(byId('photo-credit'), { target: { value: 'Bild: Neu' } });
    expect(screen.queryByTestId('photo-credit-error')).toBeNull();
    await waitFor(() => expect(ipc.callsOf('update_photo')).toHaveLength(2), { timeout: 2500 });
    expect((ipc.lastOf('update_photo')!.args.update as PhotoUpdate).credit).toBe('Bild: Neu');
    await waitFor(() => expect(byId('photo-credit-source').textContent).toContain('bearbeitet'));
  });

  it('alt text: character count and hints', async () => {
    installIpc(library());
    render(PhotoEditor, { id: 2 });
    await waitFor(() => expect(byId<HTMLTextAreaElement>('photo-caption').value).toBe('Bild 2'));
    await fireEvent.input(byId<HTMLTextAreaElement>('photo-alt'), { target: { value: 'Bild 2' } });
    expect(byId('photo-alt-count').textContent).toBe('6 Zeichen');
    expect(screen.getByText(/gleicht der Bildunterschrift/)).toBeTruthy();
    await fireEvent.input(byId<HTMLTextAreaElement>('photo-alt'), { target: { value: 'x'.repeat(251) } });
    expect(screen.getByText(/Mehr als 250 Zeichen/)).toBeTruthy();
  });

  it('used photos cannot be deleted; the "Verwendet in" list opens the article', async () => {
    installIpc(library());
    const opened: number[] = [];
    render(PhotoEditor, { id: 1, onopenarticle: (id: number) => opened.push(id) });
    await waitFor(() => expect(byId('photo-used-in').textContent).toContain('Mit Bild 1'));
    expect(byId<HTMLButtonElement>('photo-delete').disabled).toBe(true);
    await fireEvent.click(byId('photo-used-in').querySelector('button')!);
    expect(opened).toEqual([1]);
  });

  it('unused photos are deleted after a confirmation', async () => {
    const ipc = installIpc(library());
    const deleted: number[] = [];
    render(PhotoEditor, { id: 3, ondeleted: (id: number) => deleted.push(id) });
    await waitFor(() => expect(byId<HTMLButtonElement>('photo-delete').disabled).toBe(false));
    await fireEvent.click(byId('photo-delete'));
    expect(ipc.callsOf('delete_photo')).toHaveLength(0);
    await fireEvent.click(byId('photo-delete-confirm'));
    await waitFor(() => expect(deleted).toEqual([3]));
    expect(ipc.callsOf('delete_photo')[0].args).toEqual({ id: 3 });
  });
});

describe('BatchPanel', () => {
  it('buildBatchEdit: empty inputs mean no change', () => {
    expect(buildBatchEdit([3, 1], { applyTemplate: true, creator: '  ', caption: '' })).toEqual({
      ids: [3, 1],
      creator: null,
      caption: null,
      apply_template: true,
    });
    expect(buildBatchEdit([2], { applyTemplate: false, creator: ' Max Muster ', caption: 'Zeile' })).toEqual({
      ids: [2],
      creator: 'Max Muster',
      caption: 'Zeile',
      apply_template: false,
    });
  });

  it('sends the BatchEdit and lists skipped photos with the reason', async () => {
    const ipc = installIpc(library());
    render(BatchPanel, { ids: [2, 3] });
    await waitFor(() => expect(screen.getByText(/Bild: Stadt Dortmund \/ Max Muster/)).toBeTruthy());
    expect(byId<HTMLButtonElement>('batch-apply').disabled).toBe(true);
    await fireEvent.click(byId('batch-apply-template'));
    await fireEvent.input(byId<HTMLTextAreaElement>('batch-caption'), { target: { value: 'Gemeinsame Zeile' } });
    await fireEvent.click(byId('batch-apply'));
    await waitFor(() => expect(ipc.callsOf('batch_edit_photos')).toHaveLength(1));
    expect(ipc.callsOf('batch_edit_photos')[0].args.edit as BatchEdit).toEqual({
      ids: [2, 3],
      creator: null,
      caption: 'Gemeinsame Zeile',
      apply_template: true,
    });
    await waitFor(() => expect(byId('batch-skipped').textContent).toContain('Bild #2: no creator to credit'));
  });
});

describe('credit settings', () => {
  it('edits organisation and template with a live example; backend errors are shown', async () => {
    const ipc = installIpc(library());
    render(MediaLibrary, {});
    await waitFor(() => expect(cards()).toHaveLength(5));
    await fireEvent.click(byId('credit-settings-open'));
    await waitFor(() => expect(byId('credit-organisation').value).toBe('Stadt Dortmund'));
    expect(byId('credit-example').textContent).toContain('Bild: Stadt Dortmund / Max Muster');
    await fireEvent.input(byId('credit-organisation'), { target: { value: 'Stadt Hagen' } });
    await fireEvent.input(byId('credit-template'), { target: { value: 'Foto: {organisation}' } });
    expect(byId('credit-example').textContent).toContain('{creator}');
    await fireEvent.click(byId('credit-settings-save'));
    await waitFor(() => expect(byId('credit-error').textContent).toContain('Ungültige Eingabe'));
    expect(byId('credit-error').textContent).toContain('must contain {creator}');
    await fireEvent.input(byId('credit-template'), { target: { value: 'Foto: {creator} ({organisation})' } });
    expect(byId('credit-example').textContent).toContain('Foto: Max Muster (Stadt Hagen)');
    await fireEvent.click(byId('credit-settings-save'));
    await waitFor(() => expect(screen.queryByTestId('credit-settings')).toBeNull());
    expect(ipc.lastOf('set_credit_settings')?.args).toEqual({
      settings: { organisation: 'Stadt Hagen', template: 'Foto: {creator} ({organisation})' },
    });
  });
});
