// The photo editor's framing against the backend's recorded answers: the IPTC reference photo
// (2000 × 1000) with its crops at rest, framed top right (0.85, 0.2), a square set by hand
// over the top left, and the point moved left (0.1, 0.5) keeping or dropping that square
// (src-tauri/tests/golden.rs). The crops shown are always the ones the backend answered.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeLibrary, golden } from '../dev/fakeBackend';
import { setLang } from '../lib/i18n';
import { setLibrary } from '../lib/permissions';
import { clearToasts } from '../lib/toasts';
import type { FocalPoint, Photo, PhotoFraming as Framing } from '../lib/types';
import { id } from '../test/articles';
import { installIpc } from '../test/ipc';
import PhotoEditor from './PhotoEditor.svelte';
import PhotoFraming from './PhotoFraming.svelte';

const IPTC = id('iptc');
const TOP_RIGHT: FocalPoint = { x: 0.85, y: 0.2 };
const TOP_LEFT_SQUARE = { x: 0, y: 0, width: 800, height: 800 };

/** The library with the IPTC photo framed as recorded: `focus`, and the square by hand. */
function library(focus: FocalPoint | null = null, squareByHand = false) {
  const lib = new FakeLibrary();
  const p = lib.photos.get(IPTC)!;
  p.focus = focus;
  p.crops = squareByHand ? { square: TOP_LEFT_SQUARE } : {};
  return lib;
}

function show(lib: FakeLibrary, onupdated?: (p: Photo) => void) {
  render(PhotoFraming, { photo: lib.photos.get(IPTC)!, src: 'rendition.jpg', thumb: 'thumb.jpg', alt: 'Vorschau', onupdated });
  // The picture is drawn 200 × 100 px at the window's top left.
  const stage = screen.getByTestId('focal-picture');
  Object.defineProperty(stage, 'getBoundingClientRect', {
    value: () => ({ left: 0, top: 0, width: 200, height: 100, right: 200, bottom: 100, x: 0, y: 0 }),
  });
  return stage;
}

const tile = (name: string) => screen.getAllByTestId('crop').find((c) => c.dataset.name === name)!;
const rectOf = (name: string) => tile(name).dataset.rect;
const marker = () => screen.getByTestId('focal-marker');
const clickAt = async (stage: HTMLElement, x: number, y: number) => {
  await fireEvent.pointerDown(stage, { clientX: x, clientY: y, button: 0, pointerId: 1 });
  await fireEvent.pointerUp(stage, { clientX: x, clientY: y, button: 0, pointerId: 1 });
};

beforeEach(() => {
  setLang('de');
  clearToasts();
});

afterEach(() => setLibrary(null));

describe('PhotoFraming', () => {
  it('shows every crop as the backend worked it out: named, with aspect, size, marks and exactly its part of the picture', async () => {
    installIpc(library());
    show(library());
    await waitFor(() => expect(screen.getAllByTestId('crop')).toHaveLength(5));
    const names = screen.getAllByTestId('crop').map((c) => c.querySelector('.name')!.textContent!.replace(/\s+/g, ' ').trim());
    expect(names).toEqual(['Original', 'Breit 16:9', 'Social 1,91:1', 'Quadrat 1:1', 'Klassisch 4:3']);
    expect(rectOf('square')).toBe('500,0,1000,1000');
    expect(tile('square').textContent).toContain('1.000 × 1.000 px');
    // 1,000 px is narrower than the 1,200 the square is wanted at; the original wants nothing.
    const warnings = (name: string) => within(tile(name)).queryAllByTestId('crop-warning').map((w) => w.textContent!.trim());
    expect(warnings('square')).toEqual(['⚠ schmaler als 1.200 px']);
    expect(warnings('original')).toEqual([]);
    expect(within(tile('square')).queryByTestId('crop-hand-set')).toBeNull();
    // The square's box shows its 1000 × 1000 from x 500: the picture twice its width, half of it to the left.
    const img = within(tile('square')).getByTestId('crop-box').querySelector('img')!;
    expect(img.getAttribute('src')).toBe('thumb.jpg');
    expect([img.style.left, img.style.top, img.style.width, img.style.height]).toEqual(['-50%', '0%', '200%', '100%']);
    expect(within(tile('square')).getByTestId('crop-box').getAttribute('style')).toContain('--w: 1000; --h: 1000');
    // Nothing marked yet: the marker sits in the centre and says so.
    expect(marker().dataset.x).toBe('0.5');
    expect(marker().getAttribute('aria-valuetext')).toBe('Bildschwerpunkt: Bildmitte (nicht gesetzt)');

    setLang('en');
    await waitFor(() => expect(tile('social').querySelector('.name')!.textContent!.replace(/\s+/g, ' ').trim()).toBe('Social 1.91:1'));
    expect(warnings('square')).toEqual(['⚠ narrower than 1,200 px']);
    expect(tile('square').textContent).toContain('Square');
  });

  it('a click on the picture sets the focal point there; the crops follow', async () => {
    const lib = library();
    const ipc = installIpc(lib);
    const updated: Photo[] = [];
    const stage = show(lib, (p) => updated.push(p));
    await waitFor(() => expect(rectOf('square')).toBe('500,0,1000,1000'));
    await clickAt(stage, 170, 20);
    await waitFor(() => expect(rectOf('square')).toBe('1000,0,1000,1000'));
    expect(ipc.callsOf('set_photo_focus').map((c) => c.args)).toEqual([{ id: IPTC, focus: TOP_RIGHT, keepHandSet: false }]);
    expect(marker().dataset.x).toBe('0.85');
    expect(marker().getAttribute('aria-valuetext')).toBe('Bildschwerpunkt: 85 % von links, 20 % von oben');
    expect(updated.map((p) => p.focus)).toEqual([TOP_RIGHT]);
  });

  it('dragging moves only the marker; the point is stored once, where it is let go', async () => {
    const lib = library();
    const ipc = installIpc(lib);
    const stage = show(lib);
    await waitFor(() => expect(screen.getAllByTestId('crop')).toHaveLength(5));
    await fireEvent.pointerDown(stage, { clientX: 100, clientY: 50, button: 0, pointerId: 1 });
    await fireEvent.pointerMove(stage, { clientX: 140, clientY: 30, pointerId: 1 });
    expect(marker().dataset.x).toBe('0.7');
    await fireEvent.pointerMove(stage, { clientX: 170, clientY: 20, pointerId: 1 });
    expect(ipc.callsOf('set_photo_focus')).toHaveLength(0);
    await fireEvent.pointerUp(stage, { clientX: 170, clientY: 20, button: 0, pointerId: 1 });
    await waitFor(() => expect(rectOf('square')).toBe('1000,0,1000,1000'));
    expect(ipc.callsOf('set_photo_focus').map((c) => c.args.focus)).toEqual([TOP_RIGHT]);
  });

  it('the marker moves with the keyboard, is stored once the keys settle, and Home or "Mitte" put it back in the centre', async () => {
    const lib = library(TOP_RIGHT);
    const atRest = golden.crops.find((c) => c.photo_id === IPTC && c.focus === null)!.crops;
    // A point nobody recorded: the test gives the backend's answer.
    const ipc = installIpc(lib, {
      set_photo_focus: (args): Framing =>
        args.focus === null
          ? (lib.handle('set_photo_focus', args) as Framing)
          : { photo: { ...lib.photos.get(IPTC)!, focus: args.focus as FocalPoint }, crops: atRest },
    });
    show(lib);
    await waitFor(() => expect(rectOf('square')).toBe('1000,0,1000,1000'));
    marker().focus();
    await fireEvent.keyDown(marker(), { key: 'ArrowRight' });
    await fireEvent.keyDown(marker(), { key: 'ArrowUp', shiftKey: true });
    expect([marker().dataset.x, marker().dataset.y]).toEqual(['0.86', '0.1']);
    expect(marker().getAttribute('aria-valuenow')).toBe('86');
    expect(ipc.callsOf('set_photo_focus')).toHaveLength(0);
    await waitFor(() => expect(ipc.callsOf('set_photo_focus')).toHaveLength(1));
    expect(ipc.callsOf('set_photo_focus')[0].args).toEqual({ id: IPTC, focus: { x: 0.86, y: 0.1 }, keepHandSet: false });

    await fireEvent.keyDown(marker(), { key: 'Home' });
    await waitFor(() => expect(ipc.callsOf('set_photo_focus')).toHaveLength(2));
    expect(ipc.lastOf('set_photo_focus')!.args.focus).toBeNull();
    await waitFor(() => expect(rectOf('square')).toBe('500,0,1000,1000'));
    expect(screen.getByTestId<HTMLButtonElement>('focal-centre').disabled).toBe(true);
  });

  it('"Mitte" clears the focal point', async () => {
    const lib = library(TOP_RIGHT);
    const ipc = installIpc(lib);
    show(lib);
    await waitFor(() => expect(rectOf('square')).toBe('1000,0,1000,1000'));
    expect(screen.getByTestId('focal-centre').textContent).toBe('Mitte');
    await fireEvent.click(screen.getByTestId('focal-centre'));
    await waitFor(() => expect(rectOf('square')).toBe('500,0,1000,1000'));
    expect(ipc.callsOf('set_photo_focus').map((c) => c.args)).toEqual([{ id: IPTC, focus: null, keepHandSet: false }]);
    expect(marker().dataset.x).toBe('0.5');
  });

  it('moving the point while a crop is set by hand asks whether to keep it', async () => {
    for (const [answer, keep] of [
      ['keep-hand-set-yes', true],
      ['keep-hand-set-no', false],
    ] as const) {
      const lib = library(TOP_RIGHT, true);
      const ipc = installIpc(lib);
      const stage = show(lib);
      await waitFor(() => expect(rectOf('square')).toBe('0,0,800,800'));
      expect(within(tile('square')).getByTestId('crop-hand-set').textContent).toBe('von Hand');
      const warnings = within(tile('square')).getAllByTestId('crop-warning').map((w) => w.dataset.warning);
      expect(warnings).toEqual(['off_focus', 'narrow']);
      await clickAt(stage, 20, 50);
      expect(screen.getByTestId('keep-hand-set').textContent).toContain('Von Hand gesetzte Zuschnitte behalten?');
      expect(ipc.callsOf('set_photo_focus')).toHaveLength(0);
      await fireEvent.click(screen.getByTestId(answer));
      await waitFor(() => expect(ipc.callsOf('set_photo_focus')).toHaveLength(1));
      expect(ipc.callsOf('set_photo_focus')[0].args).toEqual({ id: IPTC, focus: { x: 0.1, y: 0.5 }, keepHandSet: keep });
      await waitFor(() => expect(tile('square').dataset.handSet).toBe(String(keep)));
      expect(screen.queryByTestId('keep-hand-set')).toBeNull();
      cleanup();
    }
  });

  it('"Abbrechen" on the question leaves the point and the crops as they are', async () => {
    const lib = library(TOP_RIGHT, true);
    const ipc = installIpc(lib);
    const stage = show(lib);
    await waitFor(() => expect(rectOf('square')).toBe('0,0,800,800'));
    await clickAt(stage, 20, 50);
    expect(marker().dataset.x).toBe('0.1');
    await fireEvent.click(within(screen.getByTestId('keep-hand-set')).getByText('Abbrechen'));
    expect(marker().dataset.x).toBe('0.85');
    expect(screen.queryByTestId('keep-hand-set')).toBeNull();
    expect(ipc.callsOf('set_photo_focus')).toHaveLength(0);
  });

  it('a crop is set by hand with the keyboard in its editor; "Automatisch" lets it follow the point again', async () => {
    const lib = library(TOP_RIGHT);
    const ipc = installIpc(lib);
    show(lib);
    await waitFor(() => expect(rectOf('square')).toBe('1000,0,1000,1000'));
    const open = within(tile('square')).getByTestId('crop-open');
    expect(open.getAttribute('aria-label')).toBe('Zuschnitt Quadrat von Hand anpassen');
    // The whole photo has no shape to keep: it does not open.
    expect(within(tile('original')).queryByTestId('crop-open')).toBeNull();
    await fireEvent.click(open);
    const dialog = await screen.findByTestId('crop-editor');
    expect(within(dialog).getByRole('heading').textContent).toBe('Zuschnitt Quadrat anpassen');
    const frame = within(dialog).getByTestId('crop-frame');
    await waitFor(() => expect(document.activeElement).toBe(frame));
    expect(frame.dataset.rect).toBe('1000,0,1000,1000');
    expect(within(dialog).getByTestId<HTMLButtonElement>('crop-auto').disabled).toBe(true);
    // Shift: steps of a tenth of the picture. Narrower by 200 px, then to the left edge.
    await fireEvent.keyDown(frame, { key: '-', shiftKey: true });
    for (let i = 0; i < 6; i++) await fireEvent.keyDown(frame, { key: 'ArrowLeft', shiftKey: true });
    expect(frame.dataset.rect).toBe('0,0,800,800');
    expect(frame.getAttribute('aria-label')).toBe('Zuschnittrahmen Quadrat: 800 × 800 px, 0 px von links, 0 px von oben');
    expect(within(dialog).getByText(/schmaler als 1\.200 px/)).toBeTruthy();
    await fireEvent.click(within(dialog).getByTestId('crop-save'));
    await waitFor(() => expect(screen.queryByTestId('crop-editor')).toBeNull());
    expect(ipc.callsOf('set_photo_crop').map((c) => c.args)).toEqual([{ id: IPTC, name: 'square', rect: TOP_LEFT_SQUARE }]);
    expect(rectOf('square')).toBe('0,0,800,800');
    expect(within(tile('square')).getByTestId('crop-hand-set')).toBeTruthy();

    await fireEvent.click(within(tile('square')).getByTestId('crop-open'));
    const again = await screen.findByTestId('crop-editor');
    await fireEvent.click(within(again).getByTestId('crop-auto'));
    await waitFor(() => expect(screen.queryByTestId('crop-editor')).toBeNull());
    expect(ipc.lastOf('set_photo_crop')!.args).toEqual({ id: IPTC, name: 'square', rect: null });
    expect(rectOf('square')).toBe('1000,0,1000,1000');
    expect(tile('square').dataset.handSet).toBe('false');
  });

  it('the frame is dragged and resized by its corner, and kept on the picture', async () => {
    const lib = library(TOP_RIGHT);
    installIpc(lib);
    show(lib);
    await waitFor(() => expect(rectOf('wide')).toBeTruthy());
    await fireEvent.click(within(tile('square')).getByTestId('crop-open'));
    const dialog = await screen.findByTestId('crop-editor');
    const stage = within(dialog).getByTestId('crop-stage');
    // Drawn 400 × 200 px: one screen pixel is five of the photo's.
    Object.defineProperty(stage, 'getBoundingClientRect', { value: () => ({ left: 0, top: 0, width: 400, height: 200 }) });
    const frame = within(dialog).getByTestId('crop-frame');
    await fireEvent.pointerDown(frame, { clientX: 300, clientY: 100, button: 0, pointerId: 1 });
    await fireEvent.pointerMove(frame, { clientX: 100, clientY: 100, pointerId: 1 });
    await fireEvent.pointerUp(frame, { clientX: 100, clientY: 100, pointerId: 1 });
    expect(frame.dataset.rect).toBe('0,0,1000,1000');
    // The corner pulled in to 600 px wide (120 screen px), then out past the picture's foot.
    const handle = within(dialog).getByTestId('crop-handle');
    await fireEvent.pointerDown(handle, { clientX: 200, clientY: 200, button: 0, pointerId: 2 });
    await fireEvent.pointerMove(handle, { clientX: 120, clientY: 20, pointerId: 2 });
    expect(frame.dataset.rect).toBe('0,0,600,600');
    await fireEvent.pointerMove(handle, { clientX: 390, clientY: 190, pointerId: 2 });
    await fireEvent.pointerUp(handle, { clientX: 390, clientY: 190, pointerId: 2 });
    expect(frame.dataset.rect).toBe('0,0,1000,1000');
    await fireEvent.click(within(dialog).getByTestId('crop-cancel'));
    expect(screen.queryByTestId('crop-editor')).toBeNull();
  });

  it('a crop the backend refuses is said in the editor, which stays open', async () => {
    const lib = library(TOP_RIGHT);
    installIpc(lib, {
      set_photo_crop: () => {
        throw { code: 'invalid_input', message: 'the crop 800×800 at 1500,0 does not fit the 2000×1000 photo' };
      },
    });
    show(lib);
    await waitFor(() => expect(screen.getAllByTestId('crop')).toHaveLength(5));
    await fireEvent.click(within(tile('square')).getByTestId('crop-open'));
    const dialog = await screen.findByTestId('crop-editor');
    await fireEvent.click(within(dialog).getByTestId('crop-save'));
    await waitFor(() => expect(within(dialog).getByTestId('crop-error').textContent).toContain('Ungültige Eingabe'));
    expect(screen.getByTestId('crop-editor')).toBe(dialog);
    expect(rectOf('square')).toBe('1000,0,1000,1000');
  });

  it('a role that may not edit photos sees the framing and changes nothing', async () => {
    setLibrary({
      ...golden.library_info,
      kind: 'server',
      permissions: { login: 'rita', roles: ['redaktion'], text: true, attach_photos: true, photos: false, states: ['draft', 'review'], export: false },
    });
    const lib = library(TOP_RIGHT);
    const ipc = installIpc(lib);
    const stage = show(lib);
    await waitFor(() => expect(screen.getAllByTestId('crop')).toHaveLength(5));
    expect(screen.queryAllByTestId('crop-open')).toHaveLength(0);
    expect(marker().getAttribute('aria-disabled')).toBe('true');
    expect(marker().getAttribute('tabindex')).toBe('-1');
    expect(screen.getByTestId<HTMLButtonElement>('focal-centre').disabled).toBe(true);
    expect(screen.getByText('Bilder importieren und bearbeiten darf die Fotografie.')).toBeTruthy();
    await clickAt(stage, 20, 50);
    await fireEvent.keyDown(marker(), { key: 'ArrowLeft' });
    expect(marker().dataset.x).toBe('0.85');
    await new Promise((r) => setTimeout(r, 500));
    expect(ipc.callsOf('set_photo_focus')).toHaveLength(0);
  });

  it('sits in the photo editor above the metadata, reading the photo it shows', async () => {
    const ipc = installIpc(library());
    render(PhotoEditor, { id: IPTC });
    await waitFor(() => expect(screen.getAllByTestId('crop')).toHaveLength(5));
    expect(ipc.callsOf('photo_crops').map((c) => c.args)).toEqual([{ id: IPTC }]);
    const framing = screen.getByTestId('photo-framing');
    expect(framing.compareDocumentPosition(screen.getByTestId('photo-caption')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(framing).getByTestId('focal-picture').querySelector('img')!.getAttribute('alt')).toBeTruthy();
  });
});
