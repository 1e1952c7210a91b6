import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeLibrary, golden } from '../dev/fakeBackend';
import { setLang } from '../lib/i18n';
import { resetImportState } from '../lib/photoImport';
import { clearToasts, toasts } from '../lib/toasts';
import type { CropShape } from '../lib/types';
import { id } from '../test/articles';
import { installIpc } from '../test/ipc';
import CropSetDialog from './CropSetDialog.svelte';
import MediaLibrary from './MediaLibrary.svelte';

const rows = () => screen.queryAllByTestId('cropset-row');
const row = (name: string) => rows().find((r) => r.dataset.name === name)!;
const names = () => rows().map((r) => r.dataset.name);
const field = (name: string, part: 'w' | 'h' | 'width') => within(row(name)).getByTestId(`cropset-${part}`) as HTMLInputElement;
/** The row's name cell: the German name of a crop the export uses, and its own name. */
const nameCell = (name: string) => within(row(name)).getByRole('rowheader').textContent?.replace(/\s+/g, ' ').trim();
const ratio = (name: string) => within(row(name)).getByTestId('cropset-ratio').textContent;
const byId = <T extends HTMLElement = HTMLButtonElement>(testid: string) => screen.getByTestId(testid) as T;

/** The office's set as a new library has it (recorded from the backend). */
const DEFAULTS: CropShape[] = golden.default_crop_shapes;

function open(lib = new FakeLibrary(), overrides: Parameters<typeof installIpc>[1] = {}) {
  const ipc = installIpc(lib, overrides);
  const onclose = vi.fn();
  const onsaved = vi.fn();
  render(CropSetDialog, { onclose, onsaved });
  return { ipc, lib, onclose, onsaved };
}

async function loaded() {
  await waitFor(() => expect(rows()).toHaveLength(4));
  await waitFor(() => expect(byId('cropset-save').disabled).toBe(false));
}

beforeEach(() => {
  setLang('de');
  clearToasts();
  resetImportState();
});

describe('the office’s crop set', () => {
  it('shows the stored set: German names, both aspect terms, the ratio people say and the width', async () => {
    expect(DEFAULTS.map((s) => s.name)).toEqual(['wide', 'social', 'square', 'classic']);
    open();
    await loaded();
    expect(screen.getByRole('dialog', { name: 'Zuschnitte für alle Bilder' })).toBeTruthy();
    expect(names()).toEqual(['wide', 'social', 'square', 'classic']);
    expect(['wide', 'social', 'square', 'classic'].map(nameCell)).toEqual([
      'Breit wide',
      'Social social',
      'Quadrat square',
      'Klassisch classic',
    ]);
    expect([field('social', 'w').value, field('social', 'h').value]).toEqual(['40', '21']);
    expect(ratio('social')).toBe('= 1,91:1');
    expect(ratio('wide')).toBe('= 16:9');
    expect(field('wide', 'width').value).toBe('1200');
    // Every field has a name of its own.
    expect(screen.getByLabelText('Breite im Seitenverhältnis von Breit')).toBe(field('wide', 'w'));
    expect(screen.getByLabelText('Höhe im Seitenverhältnis von Quadrat')).toBe(field('square', 'h'));
    expect(screen.getByLabelText('Zielbreite von Social in Pixeln (0: keine)')).toBe(field('social', 'width'));
    expect(screen.getByLabelText('Neuer Zuschnitt')).toBe(byId('cropset-new-name'));
    // The first field has the focus once the set is there.
    await waitFor(() => expect(document.activeElement).toBe(field('wide', 'w')));
  });

  it('the four crops the export uses can be neither removed nor renamed', async () => {
    open();
    await loaded();
    for (const name of ['wide', 'social', 'square', 'classic']) {
      expect(within(row(name)).queryByTestId('cropset-remove'), name).toBeNull();
      expect(within(row(name)).queryByRole('textbox'), name).toBeNull();
      expect(row(name).textContent).toContain('für den Export nötig');
    }
  });

  it('an aspect edited shows its ratio at once and warns about crops set by hand', async () => {
    open();
    await loaded();
    expect(screen.queryByTestId('cropset-aspect-changed')).toBeNull();
    await fireEvent.input(field('classic', 'w'), { target: { value: '3' } });
    await fireEvent.input(field('classic', 'h'), { target: { value: '2' } });
    expect(ratio('classic')).toBe('= 3:2');
    expect(byId('cropset-aspect-changed').textContent).toContain('passen danach nicht mehr');
    await fireEvent.input(field('classic', 'h'), { target: { value: '' } });
    expect(ratio('classic')).toBe('= –');
    // Back to what is stored: nothing to warn about.
    await fireEvent.input(field('classic', 'w'), { target: { value: '4' } });
    await fireEvent.input(field('classic', 'h'), { target: { value: '3' } });
    expect(screen.queryByTestId('cropset-aspect-changed')).toBeNull();
  });

  it('adds a crop of the office’s own and removes it again; a name twice is not added', async () => {
    open();
    await loaded();
    const name = byId<HTMLInputElement>('cropset-new-name');
    expect(byId('cropset-add').disabled).toBe(true);
    await fireEvent.input(name, { target: { value: ' hochformat ' } });
    await fireEvent.click(byId('cropset-add'));
    expect(names()).toEqual(['wide', 'social', 'square', 'classic', 'hochformat']);
    expect(nameCell('hochformat')).toBe('hochformat');
    expect([field('hochformat', 'w').value, field('hochformat', 'h').value, field('hochformat', 'width').value]).toEqual([
      '3',
      '2',
      '1200',
    ]);
    expect(name.value).toBe('');
    await waitFor(() => expect(document.activeElement).toBe(field('hochformat', 'w')));

    // Enter in the name field adds too (and does not save); a name typed as words is spelt as
    // the set spells names.
    await fireEvent.input(name, { target: { value: 'Quer Format' } });
    await fireEvent.keyDown(name, { key: 'Enter' });
    expect(names()).toContain('quer-format');
    await fireEvent.click(within(row('quer-format')).getByTestId('cropset-remove'));
    await fireEvent.input(name, { target: { value: 'panorama' } });
    await fireEvent.keyDown(name, { key: 'Enter' });
    expect(names()).toEqual(['wide', 'social', 'square', 'classic', 'hochformat', 'panorama']);

    await fireEvent.input(name, { target: { value: 'wide' } });
    expect(byId('cropset-add').disabled).toBe(true);
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Einen Zuschnitt „wide“ gibt es schon.')).toBeTruthy();
    await fireEvent.keyDown(name, { key: 'Enter' });
    expect(names()).toHaveLength(6);

    const remove = within(row('hochformat')).getByRole('button', { name: 'Zuschnitt hochformat entfernen' });
    await fireEvent.click(remove);
    expect(names()).toEqual(['wide', 'social', 'square', 'classic', 'panorama']);
    await waitFor(() => expect(document.activeElement).toBe(name));
  });

  it('saves the set as shown, in its order, and closes', async () => {
    const { ipc, lib, onclose, onsaved } = open();
    await loaded();
    await fireEvent.input(field('square', 'width'), { target: { value: '800' } });
    await fireEvent.input(field('wide', 'h'), { target: { value: '10' } });
    await fireEvent.input(byId('cropset-new-name'), { target: { value: 'hochformat' } });
    await fireEvent.click(byId('cropset-add'));
    await fireEvent.input(field('hochformat', 'w'), { target: { value: '2' } });
    await fireEvent.input(field('hochformat', 'h'), { target: { value: '3' } });
    await fireEvent.input(field('hochformat', 'width'), { target: { value: '' } });
    await fireEvent.click(byId('cropset-save'));
    await waitFor(() => expect(onclose).toHaveBeenCalledTimes(1));
    const sent = [
      { name: 'wide', aspect: { w: 16, h: 10 }, target_width: 1200 },
      { name: 'social', aspect: { w: 40, h: 21 }, target_width: 1200 },
      { name: 'square', aspect: { w: 1, h: 1 }, target_width: 800 },
      { name: 'classic', aspect: { w: 4, h: 3 }, target_width: 1200 },
      // An emptied width is none.
      { name: 'hochformat', aspect: { w: 2, h: 3 }, target_width: 0 },
    ];
    expect(ipc.callsOf('set_crop_shapes').map((c) => c.args)).toEqual([{ shapes: sent }]);
    expect(lib.cropShapes).toEqual(sent);
    expect(onsaved).toHaveBeenCalledWith(sent);
    expect(get(toasts).some((t) => t.kind === 'info' && t.key === 'cropset.saved')).toBe(true);
  });

  it('a refused set is worded in the dialog, which stays open with what was typed', async () => {
    // As the backend refuses it (its IPC test checks these values).
    const refused = {
      code: 'invalid_input',
      message: 'crop "panorama": the aspect 5:1 must lie between 1:4 and 4:1',
      values: { rule: 'crop_aspect', name: 'panorama' },
    };
    const { onclose, onsaved, lib } = open(new FakeLibrary(), { set_crop_shapes: () => Promise.reject(refused) });
    await loaded();
    await fireEvent.input(byId('cropset-new-name'), { target: { value: 'panorama' } });
    await fireEvent.click(byId('cropset-add'));
    await fireEvent.input(field('panorama', 'w'), { target: { value: '5' } });
    await fireEvent.input(field('panorama', 'h'), { target: { value: '1' } });
    await fireEvent.click(byId('cropset-save'));
    const error = await screen.findByTestId('cropset-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe(
      'Ungültige Eingabe: Das Seitenverhältnis von „panorama“ muss zwischen 1:4 und 4:1 liegen, mit Zahlen von 1 bis 1000.',
    );
    expect(onclose).not.toHaveBeenCalled();
    expect(onsaved).not.toHaveBeenCalled();
    expect(screen.getByTestId('crop-set')).toBeTruthy();
    expect(names()).toContain('panorama');
    expect(field('panorama', 'w').value).toBe('5');
    expect(lib.cropShapes).toEqual(DEFAULTS);
    expect(byId('cropset-save').disabled).toBe(false);
    setLang('en');
    await waitFor(() =>
      expect(byId('cropset-error').textContent).toBe(
        'Invalid input: The aspect ratio of “panorama” must lie between 1:4 and 4:1, with terms from 1 to 1000.',
      ),
    );
    // A change clears the message: a field typed in, a row removed.
    await fireEvent.input(field('panorama', 'w'), { target: { value: '4' } });
    expect(screen.queryByTestId('cropset-error')).toBeNull();
    await fireEvent.click(byId('cropset-save'));
    await screen.findByTestId('cropset-error');
    await fireEvent.click(within(row('panorama')).getByTestId('cropset-remove'));
    expect(screen.queryByTestId('cropset-error')).toBeNull();
  });

  it('“Standard wiederherstellen” fills in the office’s defaults; only saving stores them', async () => {
    const lib = new FakeLibrary();
    lib.cropShapes = [
      { name: 'classic', aspect: { w: 3, h: 2 }, target_width: 0 },
      { name: 'wide', aspect: { w: 2, h: 1 }, target_width: 1600 },
      { name: 'social', aspect: { w: 40, h: 21 }, target_width: 1200 },
      { name: 'square', aspect: { w: 1, h: 1 }, target_width: 1200 },
      { name: 'hochformat', aspect: { w: 2, h: 3 }, target_width: 1000 },
    ];
    const { ipc } = open(lib);
    await waitFor(() => expect(names()).toEqual(['classic', 'wide', 'social', 'square', 'hochformat']));
    expect(ratio('wide')).toBe('= 2:1');
    await fireEvent.click(byId('cropset-restore'));
    await waitFor(() => expect(names()).toEqual(['wide', 'social', 'square', 'classic']));
    expect(ipc.callsOf('default_crop_shapes')).toHaveLength(1);
    expect(ratio('wide')).toBe('= 16:9');
    expect(byId('cropset-restored').textContent).toContain('„Speichern“ übernimmt ihn');
    expect(ipc.callsOf('set_crop_shapes')).toHaveLength(0);
    await fireEvent.click(byId('cropset-save'));
    await waitFor(() => expect(ipc.callsOf('set_crop_shapes')).toHaveLength(1));
    expect(ipc.callsOf('set_crop_shapes')[0].args).toEqual({ shapes: DEFAULTS });
  });

  it('Cancel and Escape close without saving', async () => {
    const { ipc, onclose } = open();
    await loaded();
    await fireEvent.input(field('wide', 'width'), { target: { value: '2000' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Abbrechen' }));
    await fireEvent.keyDown(byId('crop-set'), { key: 'Escape' });
    expect(onclose).toHaveBeenCalledTimes(2);
    expect(ipc.callsOf('set_crop_shapes')).toHaveLength(0);
  });

  it('speaks English', async () => {
    setLang('en');
    open();
    await loaded();
    expect(screen.getByRole('dialog', { name: 'Crops for every photo' })).toBeTruthy();
    expect(nameCell('wide')).toBe('Wide wide');
    expect(row('classic').textContent).toContain('needed by the export');
    expect(ratio('social')).toBe('= 1.91:1');
    expect(screen.getByLabelText('Width term of the Square aspect ratio')).toBe(field('square', 'w'));
    expect(screen.getByLabelText('New crop')).toBe(byId('cropset-new-name'));
    expect(byId('cropset-restore').textContent).toBe('Restore defaults');
    expect(byId('cropset-save').textContent).toBe('Save');
    await fireEvent.input(byId('cropset-new-name'), { target: { value: 'square' } });
    expect(screen.getByText('There already is a crop “square”.')).toBeTruthy();
  });
});

describe('the crop set in the media library', () => {
  it('opens beside the credit template; once saved, the open photo’s crops are read again', async () => {
    const lib = new FakeLibrary();
    lib.stepMs = 5;
    const ipc = installIpc(lib);
    render(MediaLibrary, {});
    await waitFor(() => expect(screen.queryAllByTestId('photo-card')).toHaveLength(4));
    const iptc = id('iptc');
    await fireEvent.click(screen.getAllByTestId('photo-card').find((c) => c.dataset.photoId === String(iptc))!);
    await waitFor(() => expect(ipc.callsOf('photo_crops')).toHaveLength(1));

    const opener = byId('crop-set-open');
    expect(opener.textContent).toBe('Zuschnitte …');
    expect(opener.previousElementSibling?.getAttribute('data-testid')).toBe('credit-settings-open');
    await fireEvent.click(opener);
    await loaded();
    await fireEvent.input(field('square', 'width'), { target: { value: '1000' } });
    await fireEvent.click(byId('cropset-save'));
    await waitFor(() => expect(screen.queryByTestId('crop-set')).toBeNull());
    await waitFor(() => expect(ipc.callsOf('photo_crops')).toHaveLength(2));
    expect(ipc.lastOf('photo_crops')?.args).toEqual({ id: iptc });
  });
});
