import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeLibrary, golden } from '../dev/fakeBackend';
import { setLang } from '../lib/i18n';
import { resetImportState } from '../lib/photoImport';
import { clearToasts } from '../lib/toasts';
import { EVENTS, type BatchEdit, type BatchPreview, type BatchResult, type Photo, type PhotoDetails, type PhotoUpdate } from '../lib/types';
import { article, id } from '../test/articles';
import { installIpc } from '../test/ipc';
import { buildBatchEdit, buildPhotoUpdate, photoToForm } from '../lib/photoForm';
import BatchPanel from './BatchPanel.svelte';
import MediaLibrary from './MediaLibrary.svelte';
import PhotoEditor from './PhotoEditor.svelte';

/**
 * The recorded photos, newest first in the grid: lake_again (no credit, no alt text, a lead
 * photo), lake (no credit, no alt text, unused), camera (GPS, credit from the template, two
 * articles), iptc (credit from the file, a lead photo).
 */
function library() {
  const lib = new FakeLibrary();
  lib.stepMs = 5;
  return lib;
}
const [IPTC, CAMERA, LAKE, LAKE_AGAIN] = [id('iptc'), id('camera'), id('lake'), id('lake_again')];

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
  it('reads the grid again when a colleague changes photos, not for article changes', async () => {
    const lib = library();
    const ipc = installIpc(lib);
    render(MediaLibrary, {});
    await waitFor(() => expect(cards()).toHaveLength(4));
    const lists = () => ipc.callsOf('list_photos').filter((c) => (c.args.query as { limit: number }).limit > 1).length;
    const before = lists();
    lib.emit(EVENTS.libraryChanged, { articles: true, photos: false, locks: false });
    await new Promise((r) => setTimeout(r, 500));
    expect(lists()).toBe(before);
    lib.emit(EVENTS.libraryChanged, { articles: false, photos: true, locks: false });
    await waitFor(() => expect(lists()).toBe(before + 1));
  });

  it('shows the grid with badges and filter counts', async () => {
    installIpc(library());
    render(MediaLibrary, {});
    await waitFor(() => expect(cards()).toHaveLength(4));
    expect(cards().map((c) => Number(c.dataset.photoId))).toEqual([LAKE_AGAIN, LAKE, CAMERA, IPTC]);
    expect(card(LAKE).querySelector('[data-testid="badge-no-credit"]')?.textContent).toBe('Kein Credit');
    expect(card(IPTC).querySelector('[data-testid="badge-no-credit"]')).toBeNull();
    expect(card(CAMERA).querySelector('[data-testid="badge-gps"]')?.getAttribute('title')).toBe(
      'Enthält GPS-Daten – werden beim Export entfernt',
    );
    expect(card(IPTC).querySelector('[data-testid="badge-gps"]')).toBeNull();
    expect(card(IPTC).querySelector('[data-testid="badge-no-alt"]')).toBeNull();
    expect(card(LAKE_AGAIN).querySelector('[data-testid="badge-no-alt"]')).toBeTruthy();
    for (const c of cards()) expect(c.querySelector('img')?.getAttribute('alt')).toBeTruthy();
    await waitFor(() => expect(byId('photo-filter-no-credit').textContent).toContain('2'));
    expect(byId('photo-filter-all').textContent).toContain('4');
    expect(byId('photo-filter-unused').textContent).toContain('1');
    await fireEvent.click(byId('photo-filter-no-credit'));
    await waitFor(() => expect(cards().map((c) => Number(c.dataset.photoId))).toEqual([LAKE_AGAIN, LAKE]));
    expect(byId('photo-filter-no-credit').getAttribute('aria-pressed')).toBe('true');
  });

  it('click selects one, Ctrl+click toggles, Shift+click selects a range, Ctrl+A all', async () => {
    installIpc(library());
    render(MediaLibrary, {});
    await waitFor(() => expect(cards()).toHaveLength(4));
    await fireEvent.click(card(LAKE));
    expect(selectedIds()).toEqual([LAKE]);
    await waitFor(() => expect(byId('photo-editor').dataset.photoId).toBe(String(LAKE)));
    await fireEvent.click(card(IPTC), { ctrlKey: true });
    expect(selectedIds()).toEqual([LAKE, IPTC]);
    expect(byId('batch-panel')).toBeTruthy();
    expect(screen.queryByTestId('photo-editor')).toBeNull();
    await fireEvent.click(card(LAKE), { metaKey: true });
    expect(selectedIds()).toEqual([IPTC]);
    // The anchor is the last plain or Ctrl click.
    await fireEvent.click(card(CAMERA));
    await fireEvent.click(card(LAKE_AGAIN), { shiftKey: true });
    expect(selectedIds()).toEqual([LAKE_AGAIN, LAKE, CAMERA]);
    expect(byId('photo-selection-count').dataset.count).toBe('3');
    await fireEvent.click(card(IPTC));
    expect(selectedIds()).toEqual([IPTC]);
    await fireEvent.keyDown(card(IPTC), { key: 'a', ctrlKey: true });
    expect(selectedIds()).toEqual([LAKE_AGAIN, LAKE, CAMERA, IPTC]);
    expect(byId('batch-apply').textContent).toContain('Anwenden auf 4 Bilder');
  });

  it('imports through the file dialog, shows progress from events, then the results', async () => {
    // The recorded import: four new photos (one looks like another), the same file again, a
    // cut-off JPEG and a file that is no image, into a library that had no photos before.
    const lib = library();
    const ipc = installIpc(lib, {
      list_photos: (args) => (ipc.callsOf('import_photos').length > 0 ? lib.handle('list_photos', args) : { items: [], total: 0 }),
    });
    render(MediaLibrary, {});
    await waitFor(() => expect(byId('photo-empty')).toBeTruthy());
    await fireEvent.click(byId('photo-import'));
    await waitFor(() => expect(ipc.callsOf('import_photos')).toHaveLength(1));
    expect(ipc.callsOf('import_photos')[0].args).toEqual({ paths: golden.imports.map((i) => i.file) });
    await waitFor(() => expect(byId('import-summary').textContent).toContain('4 neu, 1 bereits vorhanden, 2 fehlgeschlagen'));
    const notes = screen.getAllByTestId('import-note').map((n) => n.textContent ?? '');
    expect(notes).toHaveLength(4);
    expect(notes[0]).toContain('landscape_6.jpg');
    expect(notes[0]).toContain(`sieht aus wie Bild #${LAKE}`);
    expect(notes[1]).toContain('DSCN0010.jpg');
    expect(notes[1]).toContain('bereits in der Bibliothek');
    expect(notes[2]).toContain('truncated_DSCN0010_first80000B.jpg');
    expect(notes[2]).toContain('Die Bilddatei ist unvollständig');
    expect(notes[3]).toContain('PngSuite.LICENSE');
    expect(notes[3]).toContain('Dateiformat wird nicht unterstützt');
    await waitFor(() => expect(cards()).toHaveLength(4));
  });

  it('says which metadata of an imported photo was cut to fit', async () => {
    const lib = library();
    const photo = lib.handle('get_photo', { id: LAKE }) as Photo;
    const ipc = installIpc(lib, {
      import_photos: () => {
        setTimeout(() => {
          lib.emit(EVENTS.importProgress, {
            batch: 9,
            done: 1,
            total: 1,
            item: {
              file: '/home/presse/Bilder/zu-viel.jpg',
              ok: true,
              photo,
              duplicate: false,
              near_duplicates: [],
              warnings: [
                { field: 'caption', had: 6000, kept: 4000 },
                { field: 'keywords', had: 350, kept: 200 },
              ],
            },
          });
          lib.emit(EVENTS.importFinished, { batch: 9, imported: 1, duplicates: 0, failed: 0 });
        }, 10);
        return 9;
      },
    });
    render(MediaLibrary, {});
    await waitFor(() => expect(cards()).toHaveLength(4));
    await fireEvent.click(byId('photo-import'));
    await waitFor(() => expect(ipc.callsOf('import_photos')).toHaveLength(1));
    const warning = await waitFor(() => byId('import-warning'));
    expect(warning.textContent).toContain('Bildunterschrift war zu lang und wurde gekürzt.');
    expect(warning.textContent).toContain('Nur die ersten 200 von 350 Stichwörtern übernommen.');
    expect(byId('import-note').textContent).toContain('zu-viel.jpg');
  });

  it('shows progress while the import is running', async () => {
    const lib = library();
    lib.stepMs = 150;
    installIpc(lib);
    render(MediaLibrary, {});
    await waitFor(() => expect(cards()).toHaveLength(4));
    await fireEvent.click(byId('photo-import'));
    await waitFor(() => expect(byId('import-progress').dataset.done).toBe('1'));
    expect(byId('import-progress').textContent).toContain('1 von 7 Bildern importiert');
    expect(byId('import-progress').querySelector('progress')?.getAttribute('max')).toBe('7');
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
    const lib = library();
    // A credit someone typed is "edited" (the backend's rule; given here).
    const ipc = installIpc(lib, {
      update_photo: (args) => {
        const p = lib.handle('update_photo', args) as Photo;
        return (args.update as PhotoUpdate).credit ? { ...p, credit_source: 'edited' } : p;
      },
    });
    render(PhotoEditor, { id: IPTC });
    await waitFor(() => expect(byId('photo-credit').value).toBe('Credit Line (ref2021.1)'));
    expect(byId('photo-credit-source').textContent).toContain('aus der Datei');
    expect(screen.queryByTestId('photo-credit-error')).toBeNull();
    await fireEvent.input(byId('photo-credit'), { target: { value: '' } });
    expect(byId('photo-credit-error').textContent).toContain('Ein Credit ist Pflicht');
    expect(byId('photo-credit').getAttribute('aria-invalid')).toBe('true');
    await fireEvent.input(byId<HTMLTextAreaElement>('photo-caption'), { target: { value: 'Neue Zeile' } });
    await waitFor(() => expect(ipc.callsOf('update_photo')).toHaveLength(1), { timeout: 2500 });
    expect(ipc.callsOf('update_photo')[0].args).toEqual({ id: IPTC, update: { caption: 'Neue Zeile' } });
    await fireEvent.input(byId('photo-credit'), { target: { value: 'Bild: Neu' } });
    expect(screen.queryByTestId('photo-credit-error')).toBeNull();
    await waitFor(() => expect(ipc.callsOf('update_photo')).toHaveLength(2), { timeout: 2500 });
    expect((ipc.lastOf('update_photo')!.args.update as PhotoUpdate).credit).toBe('Bild: Neu');
    await waitFor(() => expect(byId('photo-credit-source').textContent).toContain('bearbeitet'));
  });

  it('alt text: character count and hints', async () => {
    installIpc(library());
    render(PhotoEditor, { id: LAKE });
    await waitFor(() => expect(byId<HTMLTextAreaElement>('photo-caption').value).toBe('Der Phoenix-See am Morgen'));
    await fireEvent.input(byId<HTMLTextAreaElement>('photo-alt'), { target: { value: 'Der Phoenix-See am Morgen' } });
    expect(byId('photo-alt-count').textContent).toBe('25 / 250');
    expect(screen.getByText(/gleicht der Bildunterschrift/)).toBeTruthy();
    await fireEvent.input(byId<HTMLTextAreaElement>('photo-alt'), { target: { value: 'x'.repeat(251) } });
    expect(screen.getByText(/Mehr als 250 Zeichen/)).toBeTruthy();
  });

  it('used photos cannot be deleted; the "Verwendet in" list opens the article', async () => {
    installIpc(library());
    const opened: number[] = [];
    render(PhotoEditor, { id: IPTC, onopenarticle: (id: number) => opened.push(id) });
    await waitFor(() => expect(byId('photo-used-in').textContent).toContain(article('school').headline));
    expect(byId<HTMLButtonElement>('photo-delete').disabled).toBe(true);
    await fireEvent.click(byId('photo-used-in').querySelector('button')!);
    expect(opened).toEqual([id('school')]);
  });

  it('unused photos are deleted after a confirmation', async () => {
    const ipc = installIpc(library());
    const deleted: number[] = [];
    render(PhotoEditor, { id: LAKE, ondeleted: (id: number) => deleted.push(id) });
    await waitFor(() => expect(byId<HTMLButtonElement>('photo-delete').disabled).toBe(false));
    await fireEvent.click(byId('photo-delete'));
    expect(ipc.callsOf('delete_photo')).toHaveLength(0);
    await fireEvent.click(byId('photo-delete-confirm'));
    await waitFor(() => expect(deleted).toEqual([LAKE]));
    expect(ipc.callsOf('delete_photo')[0].args).toEqual({ id: LAKE });
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
    // lake has a creator, lake_again none: the backend credits one and skips the other (its
    // rule and its reason, given here).
    const lib = library();
    const withCaption = (p: PhotoDetails, more: Partial<Photo> = {}): Photo => {
      const { used_in: _u, near_duplicates: _n, file_meta: _f, ...photo } = p;
      return { ...photo, caption: 'Gemeinsame Zeile', ...more };
    };
    const result: BatchResult = {
      updated: [
        withCaption(lib.photos.get(LAKE)!, { credit: 'Bild: Stadt Dortmund / Erika Beispiel', credit_source: 'template' }),
        withCaption(lib.photos.get(LAKE_AGAIN)!),
      ],
      skipped: [{ id: LAKE_AGAIN, reason: 'no creator to fill the credit template with' }],
    };
    // Nothing there now would be overwritten (the backend's preview; given here): no question.
    const preview: BatchPreview = {
      changes: [
        { photo_id: LAKE, name: 'lake.jpg', field: 'caption', before: '', after: 'Gemeinsame Zeile' },
        { photo_id: LAKE, name: 'lake.jpg', field: 'credit', before: '', after: 'Bild: Stadt Dortmund / Erika Beispiel' },
        { photo_id: LAKE_AGAIN, name: 'lake_again.jpg', field: 'caption', before: '', after: 'Gemeinsame Zeile' },
      ],
      caption_warnings: [],
      skipped: result.skipped,
      overwrites: false,
    };
    const ipc = installIpc(lib, { batch_edit_photos: () => result, preview_batch_edit_photos: () => preview });
    render(BatchPanel, { ids: [LAKE, LAKE_AGAIN] });
    await waitFor(() => expect(screen.getByText(/Bild: Stadt Dortmund \/ Max Muster/)).toBeTruthy());
    expect(byId<HTMLButtonElement>('batch-apply').disabled).toBe(true);
    await fireEvent.click(byId('batch-apply-template'));
    await fireEvent.input(byId<HTMLTextAreaElement>('batch-caption'), { target: { value: 'Gemeinsame Zeile' } });
    await fireEvent.click(byId('batch-apply'));
    await waitFor(() => expect(ipc.callsOf('batch_edit_photos')).toHaveLength(1));
    expect(screen.queryByTestId('batch-confirm')).toBeNull();
    expect(ipc.callsOf('preview_batch_edit_photos')[0].args.edit).toEqual(ipc.callsOf('batch_edit_photos')[0].args.edit);
    expect(ipc.callsOf('batch_edit_photos')[0].args.edit as BatchEdit).toEqual({
      ids: [LAKE, LAKE_AGAIN],
      creator: null,
      caption: 'Gemeinsame Zeile',
      apply_template: true,
    });
    await waitFor(() =>
      expect(byId('batch-skipped').textContent).toContain(`Bild #${LAKE_AGAIN}: no creator to fill the credit template with`),
    );
  });
});

describe('credit settings', () => {
  it('edits organisation and template with a live example; backend errors are shown', async () => {
    // The backend refuses the first template, which lacks {creator} (its rule and its message,
    // given here), and stores the second.
    const lib = library();
    const ipc = installIpc(lib, {
      set_credit_settings: (args) =>
        ipc.callsOf('set_credit_settings').length === 1
          ? Promise.reject({
              code: 'invalid_input',
              message: 'the credit template must contain {creator}',
              values: { rule: 'template_needs_creator' },
            })
          : lib.handle('set_credit_settings', args),
    });
    render(MediaLibrary, {});
    await waitFor(() => expect(cards()).toHaveLength(4));
    await fireEvent.click(byId('credit-settings-open'));
    await waitFor(() => expect(byId('credit-organisation').value).toBe('Stadt Dortmund'));
    expect(byId('credit-example').textContent).toContain('Bild: Stadt Dortmund / Max Muster');
    await fireEvent.input(byId('credit-organisation'), { target: { value: 'Stadt Hagen' } });
    await fireEvent.input(byId('credit-template'), { target: { value: 'Foto: {organisation}' } });
    expect(byId('credit-example').textContent).toContain('{creator}');
    await fireEvent.click(byId('credit-settings-save'));
    await waitFor(() => expect(byId('credit-error').textContent).toContain('Ungültige Eingabe'));
    expect(byId('credit-error').textContent).toContain('braucht den Platzhalter {creator}');
    expect(byId('credit-error').textContent).not.toContain('must contain');
    await fireEvent.input(byId('credit-template'), { target: { value: 'Foto: {creator} ({organisation})' } });
    expect(byId('credit-example').textContent).toContain('Foto: Max Muster (Stadt Hagen)');
    await fireEvent.click(byId('credit-settings-save'));
    await waitFor(() => expect(screen.queryByTestId('credit-settings')).toBeNull());
    expect(ipc.lastOf('set_credit_settings')?.args).toEqual({
      settings: { organisation: 'Stadt Hagen', template: 'Foto: {creator} ({organisation})' },
    });
  });
});
