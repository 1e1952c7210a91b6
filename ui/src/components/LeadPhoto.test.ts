import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeLibrary } from '../dev/fakeBackend';
import { emptyArticleInput } from '../lib/article';
import { setLang } from '../lib/i18n';
import { clearToasts } from '../lib/toasts';
import type { ArticleInput } from '../lib/types';
import { installIpc } from '../test/ipc';
import Editor from './Editor.svelte';
import { overrideValue, withOverride } from '../lib/leadPhoto';

function library() {
  const lib = new FakeLibrary(false);
  lib.addPhoto({ original_name: 'a.jpg', caption: 'Das Rathaus', alt_text: 'Rotes Backsteingebäude', credit: 'Bild: Stadt / A' });
  lib.addPhoto({ original_name: 'b.jpg', caption: 'Ohne alles' });
  lib.create({ ...emptyArticleInput(), headline: 'Mit Bild', body: 'Text.', lead_photo: { photo_id: 1, caption: null, alt_text: 'Eigener Alt' } });
  lib.create({ ...emptyArticleInput(), headline: 'Ohne Bild', body: 'Text.' });
  return lib;
}

const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => screen.getByTestId(id) as T;
const lastInput = (ipc: ReturnType<typeof installIpc>) =>
  (ipc.lastOf('save_article')?.args as { input: ArticleInput } | undefined)?.input;

beforeEach(() => {
  setLang('de');
  clearToasts();
});

describe('lead photo override semantics', () => {
  it('an empty (or blank) input means the photo’s own text: null', () => {
    expect(overrideValue('')).toBeNull();
    expect(overrideValue('   ')).toBeNull();
    expect(overrideValue('Eigene Zeile')).toBe('Eigene Zeile');
    const lead = { photo_id: 3, caption: 'x', alt_text: 'y' };
    expect(withOverride(lead, 'caption', '')).toEqual({ photo_id: 3, caption: null, alt_text: 'y' });
    expect(withOverride(lead, 'alt_text', 'z')).toEqual({ photo_id: 3, caption: 'x', alt_text: 'z' });
  });
});

describe('lead photo in the article editor', () => {
  it('shows the photo, its credit, and the photo’s own texts as placeholders', async () => {
    installIpc(library());
    render(Editor, { id: 1, onback: () => {} });
    await waitFor(() => expect(byId('lead-photo-credit').textContent).toBe('Bild: Stadt / A'));
    expect(byId<HTMLImageElement>('lead-photo-thumb').getAttribute('src')).toMatch(/thumb\/1/);
    expect(byId<HTMLImageElement>('lead-photo-thumb').alt).toBe('Eigener Alt');
    const caption = byId<HTMLTextAreaElement>('lead-photo-caption');
    expect(caption.value).toBe('');
    expect(caption.placeholder).toBe('Das Rathaus');
    expect(byId<HTMLTextAreaElement>('lead-photo-alt').value).toBe('Eigener Alt');
    expect(screen.queryByTestId('lead-photo-no-credit')).toBeNull();
  });

  it('typing overrides, clearing sends null; both through the autosave', async () => {
    const ipc = installIpc(library());
    render(Editor, { id: 1, onback: () => {} });
    await waitFor(() => expect(byId('lead-photo-credit').textContent).toBe('Bild: Stadt / A'));
    await fireEvent.input(byId('lead-photo-caption'), { target: { value: 'Rathaus im Herbst' } });
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2500 });
    expect(lastInput(ipc)?.lead_photo).toEqual({ photo_id: 1, caption: 'Rathaus im Herbst', alt_text: 'Eigener Alt' });
    await fireEvent.input(byId('lead-photo-caption'), { target: { value: '' } });
    await fireEvent.input(byId('lead-photo-alt'), { target: { value: '' } });
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(2), { timeout: 2500 });
    expect(lastInput(ipc)?.lead_photo).toEqual({ photo_id: 1, caption: null, alt_text: null });
  });

  it('choose a photo in the picker, get warned about a missing credit, remove it again', async () => {
    const ipc = installIpc(library());
    render(Editor, { id: 2, onback: () => {} });
    await waitFor(() => expect(byId('field-headline').value).toBe('Ohne Bild'));
    expect(screen.queryByTestId('lead-photo-thumb')).toBeNull();
    await fireEvent.click(byId('lead-photo-choose'));
    await waitFor(() => expect(screen.getAllByTestId('photo-picker-item')).toHaveLength(2));
    expect(byId<HTMLButtonElement>('photo-picker-confirm').disabled).toBe(true);
    const b = screen.getAllByTestId('photo-picker-item').find((x) => x.dataset.photoId === '2')!;
    await fireEvent.click(b);
    await fireEvent.click(byId('photo-picker-confirm'));
    expect(screen.queryByTestId('photo-picker')).toBeNull();
    await waitFor(() => expect(byId('lead-photo-no-credit').textContent).toContain('Ohne Credit'));
    expect(byId('lead-photo-no-alt')).toBeTruthy();
    await waitFor(() => expect(lastInput(ipc)?.lead_photo).toEqual({ photo_id: 2, caption: null, alt_text: null }), {
      timeout: 2500,
    });
    await fireEvent.click(byId('lead-photo-remove'));
    await waitFor(() => expect(lastInput(ipc)?.lead_photo).toBeNull(), { timeout: 2500 });
  });

  it('"Bild einfügen" puts a figure into the body, saved as ![](photo:ID)', async () => {
    const ipc = installIpc(library());
    render(Editor, { id: 2, onback: () => {} });
    await waitFor(() => expect(document.querySelector('[data-testid="body-editor"] .ProseMirror')).toBeTruthy());
    await fireEvent.click(byId('body-insert-photo'));
    await waitFor(() => expect(screen.getAllByTestId('photo-picker-item')).toHaveLength(2));
    await fireEvent.click(screen.getAllByTestId('photo-picker-item').find((x) => x.dataset.photoId === '1')!);
    await fireEvent.click(byId('photo-picker-confirm'));
    await waitFor(() => expect(lastInput(ipc)?.body).toContain('![](photo:1)'), { timeout: 2500 });
    expect(document.querySelectorAll('[data-testid="body-figure"]')).toHaveLength(1);
  });

  it('a body with a figure loads it as a figure and keeps it when saving', async () => {
    const lib = library();
    lib.create({ ...emptyArticleInput(), headline: 'Figur', body: 'Vorher.\n\n![Alt](photo:2 "Zeile")\n\nNachher.' });
    const ipc = installIpc(lib);
    render(Editor, { id: 3, onback: () => {} });
    await waitFor(() => expect(document.querySelectorAll('[data-testid="body-figure"]')).toHaveLength(1));
    // The renderer never sees the figure syntax.
    expect(String(ipc.callsOf('render_preview')[0].args.body)).not.toContain('photo:');
    expect(screen.getByTestId('preview').querySelector('figure img')?.getAttribute('alt')).toBe('Alt');
    await fireEvent.input(byId('field-headline'), { target: { value: 'Figur 2' } });
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2500 });
    expect(lastInput(ipc)?.body).toBe('Vorher.\n\n![Alt](photo:2 "Zeile")\n\nNachher.');
  });
});

describe('article list thumbnails', () => {
  it('rows with a lead photo show its thumbnail (decorative, alt="")', async () => {
    const { default: ArticleList } = await import('./ArticleList.svelte');
    installIpc(library());
    render(ArticleList, {});
    await waitFor(() => expect(screen.getAllByTestId('article-row')).toHaveLength(2));
    const thumbs = screen.getAllByTestId('list-thumb') as HTMLImageElement[];
    expect(thumbs).toHaveLength(1);
    expect(thumbs[0].getAttribute('alt')).toBe('');
    expect(thumbs[0].getAttribute('src')).toMatch(/\/thumb\/1$/);
    expect(thumbs[0].closest('[data-testid="article-row"]')?.getAttribute('data-id')).toBe('1');
  });
});
