import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeLibrary } from '../dev/fakeBackend';
import { setLang } from '../lib/i18n';
import { clearToasts } from '../lib/toasts';
import type { ArticleInput } from '../lib/types';
import { article, closurePreview, id, photo } from '../test/articles';
import { installIpc, noAnswer } from '../test/ipc';
import Editor from './Editor.svelte';
import { overrideValue, withOverride } from '../lib/leadPhoto';

const library = () => new FakeLibrary();
// The market article's lead photo is the camera photo, with its own caption for the article.
const MARKET = id('market');
const camera = photo('camera');
// The trees article has no lead photo and an empty body.
const TREES = id('trees');

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
    render(Editor, { id: MARKET, onback: () => {} });
    await waitFor(() => expect(byId('lead-photo-credit').textContent).toBe('Bild: Stadt Dortmund / Roland Gorecki'));
    expect(byId<HTMLImageElement>('lead-photo-thumb').getAttribute('src')).toMatch(new RegExp(`thumb/${camera.id}`));
    expect(byId<HTMLImageElement>('lead-photo-thumb').alt).toBe(camera.alt_text);
    const caption = byId<HTMLTextAreaElement>('lead-photo-caption');
    expect(caption.value).toBe('Der Markt vor der Bezirksverwaltung');
    expect(caption.placeholder).toBe(camera.caption);
    const alt = byId<HTMLTextAreaElement>('lead-photo-alt');
    expect(alt.value).toBe('');
    expect(alt.placeholder).toBe('Ein Platz mit Bäumen und Bänken vor einem Verwaltungsgebäude');
    expect(screen.queryByTestId('lead-photo-no-credit')).toBeNull();
  });

  it('typing overrides, clearing sends null; both through the autosave', async () => {
    const ipc = installIpc(library());
    render(Editor, { id: MARKET, onback: () => {} });
    await waitFor(() => expect(byId('lead-photo-credit').textContent).toBe(camera.credit));
    await fireEvent.input(byId('lead-photo-alt'), { target: { value: 'Buden rund um den Baum' } });
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2500 });
    expect(lastInput(ipc)?.lead_photo).toEqual({
      photo_id: camera.id,
      caption: 'Der Markt vor der Bezirksverwaltung',
      alt_text: 'Buden rund um den Baum',
    });
    await fireEvent.input(byId('lead-photo-caption'), { target: { value: '' } });
    await fireEvent.input(byId('lead-photo-alt'), { target: { value: '' } });
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(2), { timeout: 2500 });
    expect(lastInput(ipc)?.lead_photo).toEqual({ photo_id: camera.id, caption: null, alt_text: null });
  });

  it('the page may show the lead photo in one of its crops, saved with the article', async () => {
    const ipc = installIpc(library());
    render(Editor, { id: MARKET, onback: () => {} });
    const select = await waitFor(() => byId<HTMLSelectElement>('lead-photo-crop'));
    // The photo's crops, from the backend, named as the photo desk names them.
    expect([...select.options].map((o) => o.value)).toEqual(['original', 'wide', 'social', 'square', 'classic']);
    expect([...select.options].map((o) => o.textContent)).toEqual(['Original', 'Breit 16:9', 'Social 1,91:1', 'Quadrat 1:1', 'Klassisch 4:3']);
    expect(select.value).toBe('original');
    await fireEvent.change(select, { target: { value: 'square' } });
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2500 });
    expect(lastInput(ipc)?.lead_photo?.crop).toBe('square');
    await fireEvent.change(select, { target: { value: 'original' } });
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(2), { timeout: 2500 });
    expect(lastInput(ipc)?.lead_photo).not.toHaveProperty('crop');
  });

  it('choose a photo in the picker, get warned about a missing credit, remove it again', async () => {
    const lake = id('lake');
    const ipc = installIpc(library());
    render(Editor, { id: TREES, onback: () => {} });
    await waitFor(() => expect(byId('field-headline').value).toBe('Baumpflanzaktion im Westpark'));
    expect(screen.queryByTestId('lead-photo-thumb')).toBeNull();
    await fireEvent.click(byId('lead-photo-choose'));
    await waitFor(() => expect(screen.getAllByTestId('photo-picker-item')).toHaveLength(4));
    expect(byId<HTMLButtonElement>('photo-picker-confirm').disabled).toBe(true);
    const b = screen.getAllByTestId('photo-picker-item').find((x) => x.dataset.photoId === String(lake))!;
    await fireEvent.click(b);
    await fireEvent.click(byId('photo-picker-confirm'));
    expect(screen.queryByTestId('photo-picker')).toBeNull();
    await waitFor(() => expect(byId('lead-photo-no-credit').textContent).toContain('Ohne Credit'));
    expect(byId('lead-photo-no-alt')).toBeTruthy();
    await waitFor(() => expect(lastInput(ipc)?.lead_photo).toEqual({ photo_id: lake, caption: null, alt_text: null }), {
      timeout: 2500,
    });
    await fireEvent.click(byId('lead-photo-remove'));
    await waitFor(() => expect(lastInput(ipc)?.lead_photo).toBeNull(), { timeout: 2500 });
  });

  it('"Bild einfügen" puts a figure into the body, saved as ![](photo:ID)', async () => {
    const iptc = id('iptc');
    // The preview of the new body is not looked at here.
    const ipc = installIpc(library(), { render_preview: noAnswer });
    render(Editor, { id: TREES, onback: () => {} });
    await waitFor(() => expect(document.querySelector('[data-testid="body-editor"] .ProseMirror')).toBeTruthy());
    await fireEvent.click(byId('body-insert-photo'));
    await waitFor(() => expect(screen.getAllByTestId('photo-picker-item')).toHaveLength(4));
    await fireEvent.click(screen.getAllByTestId('photo-picker-item').find((x) => x.dataset.photoId === String(iptc))!);
    await fireEvent.click(byId('photo-picker-confirm'));
    await waitFor(() => expect(lastInput(ipc)?.body).toContain(`![](photo:${iptc})`), { timeout: 2500 });
    expect(document.querySelectorAll('[data-testid="body-figure"]')).toHaveLength(1);
  });

  it('a body with a figure loads it as a figure and keeps it when saving', async () => {
    // The closure article's body, its figure given its own alt text and caption.
    const closure = article('closure');
    const figure = `![](photo:${id('camera')})`;
    const body = closure.body.replace(figure, `![Alt](photo:${id('camera')} "Zeile")`);
    expect(body).not.toBe(closure.body);
    const lib = library();
    lib.articles.get(closure.id)!.body = body;
    // The renderer sees the figure as a token paragraph, whatever its alt text and caption.
    const ipc = installIpc(lib, { render_preview: closurePreview });
    render(Editor, { id: closure.id, onback: () => {} });
    await waitFor(() => expect(document.querySelectorAll('[data-testid="body-figure"]')).toHaveLength(1));
    // The renderer never sees the figure syntax.
    expect(String(ipc.callsOf('render_preview')[0].args.body)).not.toContain('photo:');
    expect(screen.getByTestId('preview').querySelector('figure img')?.getAttribute('alt')).toBe('Alt');
    await fireEvent.input(byId('field-headline'), { target: { value: 'Figur 2' } });
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2500 });
    expect(lastInput(ipc)?.body).toBe(body);
  });
});

describe('article list thumbnails', () => {
  it('rows with a lead photo show its thumbnail (decorative, alt="")', async () => {
    const { default: ArticleList } = await import('./ArticleList.svelte');
    installIpc(library());
    render(ArticleList, {});
    await waitFor(() => expect(screen.getAllByTestId('article-row')).toHaveLength(5));
    const thumbs = screen.getAllByTestId('list-thumb') as HTMLImageElement[];
    // works, school and market have a lead photo; trees and closure none.
    expect(thumbs.map((t) => Number(t.closest<HTMLElement>('[data-testid="article-row"]')?.dataset.id))).toEqual([
      id('works'),
      id('school'),
      id('market'),
    ]);
    for (const t of thumbs) expect(t.getAttribute('alt')).toBe('');
    expect(thumbs[1].getAttribute('src')).toMatch(new RegExp(`/thumb/${id('iptc')}$`));
  });
});
