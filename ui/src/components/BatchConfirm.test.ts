import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeLibrary } from '../dev/fakeBackend';
import { setLang } from '../lib/i18n';
import { clearToasts } from '../lib/toasts';
import type { BatchPreview, BatchResult } from '../lib/types';
import { id } from '../test/articles';
import { installIpc } from '../test/ipc';
import BatchPanel from './BatchPanel.svelte';

const [IPTC, CAMERA] = [id('iptc'), id('camera')];
const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => screen.getByTestId(id) as T;

/** Both photos have a credit the template would replace, and iptc's caption names its old
 * photographer (the backend's preview; given here). */
const preview: BatchPreview = {
  changes: [
    { photo_id: IPTC, name: 'iptc.jpg', field: 'creator', before: 'Anna Schmidt', after: 'Max Muster' },
    { photo_id: IPTC, name: 'iptc.jpg', field: 'credit', before: 'Foto: Anna Schmidt', after: 'Bild: Stadt Dortmund / Max Muster' },
    { photo_id: CAMERA, name: 'camera.jpg', field: 'creator', before: '', after: 'Max Muster' },
    {
      photo_id: CAMERA,
      name: 'camera.jpg',
      field: 'credit',
      before: 'Bild: Stadt Dortmund / Erika Beispiel',
      after: 'Bild: Stadt Dortmund / Max Muster',
    },
  ],
  caption_warnings: [
    {
      photo_id: IPTC,
      name: 'iptc.jpg',
      caption: 'Am See. Foto: Anna Schmidt',
      named: 'Anna Schmidt',
      credit: 'Bild: Stadt Dortmund / Max Muster',
    },
  ],
  skipped: [],
  overwrites: true,
};

async function openPanel() {
  const lib = new FakeLibrary();
  const before = JSON.stringify([...lib.photos.values()]);
  const result: BatchResult = { updated: [], skipped: [] };
  const ipc = installIpc(lib, { preview_batch_edit_photos: () => preview, batch_edit_photos: () => result });
  render(BatchPanel, { ids: [IPTC, CAMERA] });
  await fireEvent.click(byId('batch-apply-template'));
  await fireEvent.input(byId('batch-creator'), { target: { value: 'Max Muster' } });
  await fireEvent.click(byId('batch-apply'));
  await screen.findByTestId('batch-confirm');
  return { ipc, lib, before };
}

beforeEach(() => {
  setLang('de');
  clearToasts();
});

describe('batch edit confirmation', () => {
  it('shows what would change, photo by photo, and the caption warning', async () => {
    const { ipc } = await openPanel();
    expect(ipc.callsOf('preview_batch_edit_photos')[0].args.edit).toEqual({
      ids: [IPTC, CAMERA],
      creator: 'Max Muster',
      caption: null,
      apply_template: true,
    });
    expect(byId('batch-confirm').querySelector('h2')?.textContent).toBe('Vorhandene Angaben überschreiben?');
    const photos = screen.getAllByTestId('batch-confirm-photo');
    expect(photos.map((p) => Number(p.dataset.photoId))).toEqual([IPTC, CAMERA]);
    expect(photos[0].textContent).toContain('iptc.jpg');
    const credit = photos[0].querySelector('[data-field="credit"]')!;
    expect(credit.textContent).toBe('Foto: Anna Schmidt → Bild: Stadt Dortmund / Max Muster');
    expect(photos[1].querySelector('[data-field="creator"]')!.textContent).toBe('(leer) → Max Muster');
    expect(byId('batch-caption-warnings').textContent).toContain(
      'iptc.jpg: Die Bildunterschrift nennt „Anna Schmidt“, der neue Credit „Bild: Stadt Dortmund / Max Muster“.',
    );
    expect(byId('batch-confirm-yes').textContent).toBe('Überschreiben');
    expect(byId('batch-confirm-no').textContent).toBe('Abbrechen');
  });

  it('cancel writes nothing', async () => {
    const { ipc, lib, before } = await openPanel();
    await fireEvent.click(byId('batch-confirm-no'));
    expect(screen.queryByTestId('batch-confirm')).toBeNull();
    // Give a stray write every chance to happen.
    await new Promise((r) => setTimeout(r, 50));
    expect(ipc.callsOf('batch_edit_photos')).toHaveLength(0);
    expect(JSON.stringify([...lib.photos.values()])).toBe(before);
    // Escape cancels too.
    await fireEvent.click(byId('batch-apply'));
    await fireEvent.keyDown(await screen.findByTestId('batch-confirm'), { key: 'Escape' });
    expect(screen.queryByTestId('batch-confirm')).toBeNull();
    expect(ipc.callsOf('batch_edit_photos')).toHaveLength(0);
  });

  it('confirming applies the edit that was previewed', async () => {
    const { ipc } = await openPanel();
    await fireEvent.click(byId('batch-confirm-yes'));
    await waitFor(() => expect(ipc.callsOf('batch_edit_photos')).toHaveLength(1));
    expect(ipc.callsOf('batch_edit_photos')[0].args.edit).toEqual(ipc.callsOf('preview_batch_edit_photos')[0].args.edit);
    expect(screen.queryByTestId('batch-confirm')).toBeNull();
  });

  it('speaks English when the UI does', async () => {
    setLang('en');
    await openPanel();
    expect(byId('batch-confirm').querySelector('h2')?.textContent).toBe('Overwrite existing details?');
    expect(byId('batch-confirm-yes').textContent).toBe('Overwrite');
    expect(byId('batch-confirm-no').textContent).toBe('Cancel');
    expect(screen.getAllByTestId('batch-confirm-photo')[1].querySelector('[data-field="creator"]')!.textContent).toBe(
      '(empty) → Max Muster',
    );
  });
});
