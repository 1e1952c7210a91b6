import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeLibrary } from '../dev/fakeBackend';
import { emptyArticleInput } from '../lib/article';
import { setLang } from '../lib/i18n';
import { clearToasts } from '../lib/toasts';
import { installIpc } from '../test/ipc';
import Editor from './Editor.svelte';

const LONG = 'Neue Gesamtschule in Dortmund-Hörde startet nach zwei Jahren Bauzeit zum Schuljahr 2026/27 im Sommer';

function library() {
  const lib = new FakeLibrary(false);
  lib.addPhoto({ original_name: 'ok.jpg', caption: 'Schulhof', credit: 'Bild: Stadt / A', alt_text: 'Kinder auf dem Schulhof' });
  lib.addPhoto({ original_name: 'ohne.jpg', caption: 'Baustelle' });
  // 1: errors and warnings
  lib.create({
    ...emptyArticleInput(),
    headline: LONG,
    teaser: '',
    body: 'Text mit [Link](www.dortmund.de) und Bild:\n\n![](photo:2)',
    published_at: '2025-11-12T09:30:00Z',
    embargo_until: '2099-01-01T08:00:00Z',
    related_links: [{ label: 'Plan', url: 'https://a.de/plan' }, { label: 'Kaputt', url: 'javascript:alert(1)' }],
    lead_photo: { photo_id: 2, caption: null, alt_text: null },
  });
  // 2: ready for export
  lib.create(
    {
      ...emptyArticleInput(),
      headline: 'Kita eröffnet',
      teaser: 'Die neue Kita in Hörde hat 80 Plätze.',
      body: 'Mehr dazu.',
      published_at: '2025-11-12T09:30:00Z',
      related_links: [{ label: 'Kitas', url: 'https://www.dortmund.de/kita' }],
      lead_photo: { photo_id: 1, caption: null, alt_text: null },
    },
    'ready',
  );
  return lib;
}

const items = () => screen.queryAllByTestId('preflight-item');
const codes = () => items().map((i) => `${i.dataset.level}:${i.dataset.code}`);
const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => screen.getByTestId(id) as T;
const item = (code: string, n = 0) => items().filter((i) => i.dataset.code === code)[n];

async function open(id: number, lib = library(), props: Record<string, unknown> = {}) {
  const ipc = installIpc(lib);
  render(Editor, { id, onback: vi.fn(), ...props });
  await waitFor(() => expect(byId('preflight').dataset.ok).toBeDefined());
  return ipc;
}

beforeEach(() => {
  setLang('de');
  clearToasts();
});

describe('export preflight in the editor', () => {
  it('lists errors first, then warnings, translated, with the field, the photo and the detail', async () => {
    const ipc = await open(1);
    expect(ipc.callsOf('preflight_article')[0].args).toEqual({ id: 1 });
    expect(byId('preflight').dataset.ok).toBe('false');
    expect(codes()).toEqual([
      'error:no_teaser',
      'error:photo_no_credit',
      'error:photo_no_alt',
      'error:photo_no_credit',
      'error:photo_no_alt',
      'error:bad_link',
      'error:bad_link',
      'warning:headline_long',
      'warning:embargo_pending',
    ]);
    expect(screen.queryByTestId('preflight-ok')).toBeNull();
    expect(byId('preflight').textContent).toContain('Prüfung vor dem Export');
    expect(byId('preflight').textContent).toContain('7 Fehler, 2 Hinweise');
    expect(item('no_teaser').textContent).toContain('Der Teaser fehlt.');
    expect(item('no_teaser').querySelector('[data-testid="preflight-field"]')?.textContent).toBe('Teaser / Vorspann');
    const leadCredit = item('photo_no_credit', 0);
    expect(leadCredit.textContent).toContain('Das Bild hat keinen Credit.');
    expect(leadCredit.textContent).toContain('Aufmacherbild');
    expect(leadCredit.textContent).toContain('Bild #2');
    expect(item('photo_no_credit', 1).textContent).toContain('Bild im Text');
    expect(item('bad_link', 0).textContent).toContain('www.dortmund.de: relative URL');
    expect(item('bad_link', 1).querySelector('[data-testid="preflight-field"]')?.textContent).toBe('„Zum Thema“, Link 2');
    expect(item('headline_long').querySelector('[data-testid="preflight-detail"]')?.textContent).toBe(
      `${Array.from(LONG).length} Zeichen, höchstens 90`,
    );
    expect(item('embargo_pending').textContent).toContain('bis Do 1. Januar 2099, 09:00');
    // Icons say what they are.
    expect(item('no_teaser').querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('Fehler (verhindert den Export)');
    expect(item('headline_long').querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('Hinweis');
    // The chip in the editor bar.
    expect(byId('preflight-summary').textContent?.trim()).toBe('7 Fehler');
  });

  it('follows the language switch', async () => {
    await open(1);
    setLang('en');
    await waitFor(() => expect(item('no_teaser').textContent).toContain('The teaser is missing.'));
    expect(byId('preflight').textContent).toContain('Export check');
    expect(byId('preflight').textContent).toContain('7 errors, 2 warnings');
    expect(item('photo_no_credit', 1).textContent).toContain('Body figure');
    expect(item('embargo_pending').textContent).toContain('until Thu 1 January 2099, 09:00');
  });

  it('an article without errors is ready for export (warnings may remain)', async () => {
    await open(2);
    expect(byId('preflight').dataset.ok).toBe('true');
    expect(byId('preflight-ok').textContent?.trim()).toBe('Bereit für den Export');
    expect(codes()).toEqual([]);
    expect(byId('preflight-summary').textContent).toContain('Bereit für den Export');
    setLang('en');
    await waitFor(() => expect(byId('preflight-ok').textContent?.trim()).toBe('Ready for export'));
  });

  it('is asked again after the autosave stored an edit', async () => {
    const ipc = await open(1);
    expect(item('no_teaser')).toBeTruthy();
    await fireEvent.input(byId('field-teaser'), { target: { value: 'Jetzt mit Teaser.' } });
    expect(byId('preflight-stale')).toBeTruthy();
    await waitFor(() => expect(ipc.callsOf('save_article')).toHaveLength(1), { timeout: 2000 });
    await waitFor(() => expect(item('no_teaser')).toBeUndefined(), { timeout: 2000 });
    expect(ipc.callsOf('preflight_article').length).toBe(2);
    // Saving comes first, the preflight reads what was stored.
    const order = ipc.calls.map((c) => c.cmd).filter((c) => c === 'save_article' || c === 'preflight_article');
    expect(order).toEqual(['preflight_article', 'save_article', 'preflight_article']);
    expect(screen.queryByTestId('preflight-stale')).toBeNull();
  });

  it('a click on a check goes to its field', async () => {
    await open(1);
    const goto = (code: string, n = 0) => item(code, n).querySelector<HTMLButtonElement>('[data-testid="preflight-goto"]')!;
    await fireEvent.click(goto('no_teaser'));
    expect(document.activeElement).toBe(byId('field-teaser'));
    await fireEvent.click(goto('headline_long'));
    expect(document.activeElement).toBe(byId('field-headline'));
    await fireEvent.click(goto('embargo_pending'));
    expect(document.activeElement).toBe(byId('field-embargo-until'));
    await fireEvent.click(goto('bad_link', 1));
    expect(document.activeElement).toBe(screen.getAllByTestId('related-url')[1]);
    await fireEvent.click(goto('photo_no_alt', 0));
    expect(document.activeElement).toBe(byId('lead-photo-alt'));
    // A body figure: the body editor gets the focus and the figure flashes.
    await fireEvent.click(goto('photo_no_credit', 1));
    expect(document.querySelector('[data-testid="body-figure"][data-photo-id="2"]')?.classList.contains('check-flash')).toBe(
      true,
    );
  });

  it('photo checks open the photo in the media library', async () => {
    const onopenphoto = vi.fn();
    await open(1, library(), { onopenphoto });
    const btn = item('photo_no_credit').querySelector<HTMLButtonElement>('[data-testid="preflight-open-photo"]')!;
    expect(btn.textContent).toBe('Bild öffnen');
    expect(btn.getAttribute('aria-label')).toContain('Bild #2');
    await fireEvent.click(btn);
    expect(onopenphoto).toHaveBeenCalledWith(2);
    // Not for checks without a photo.
    expect(item('no_teaser').querySelector('[data-testid="preflight-open-photo"]')).toBeNull();
  });

  it('a photo that no longer exists and an unknown code', async () => {
    const ipc = installIpc(library(), {
      preflight_article: () => ({
        article_id: 1,
        ok: false,
        checks: [
          { level: 'error', code: 'photo_missing', field: 'body', photo_id: 9, detail: 'photo 9 does not exist' },
          { level: 'warning', code: 'shouting', field: 'headline', photo_id: null, detail: 'ALL CAPS' },
        ],
      }),
    });
    render(Editor, { id: 1, onback: vi.fn(), onopenphoto: vi.fn() });
    await waitFor(() => expect(items()).toHaveLength(2));
    expect(item('photo_missing').textContent).toContain('Das Bild ist nicht mehr in der Bibliothek.');
    expect(item('photo_missing').querySelector('[data-testid="preflight-open-photo"]')).toBeNull();
    expect(item('shouting').textContent).toContain('Prüfung „shouting“');
    expect(item('shouting').textContent).toContain('ALL CAPS');
    expect(ipc.callsOf('preflight_article')).toHaveLength(1);
  });

  it('a failing preflight is shown in the panel, translated, and "Erneut prüfen" asks again', async () => {
    let fail = true;
    const lib = library();
    const ipc = installIpc(lib, {
      preflight_article: (args) =>
        fail ? Promise.reject({ code: 'database', message: 'disk I/O error' }) : lib.handle('preflight_article', args),
    });
    render(Editor, { id: 2, onback: vi.fn() });
    await waitFor(() => expect(byId('preflight-error').textContent).toContain('Datenbankfehler'));
    expect(byId('preflight-error').textContent).toContain('disk I/O error');
    expect(screen.queryAllByTestId('error-toast')).toHaveLength(0);
    fail = false;
    await fireEvent.click(byId('preflight-refresh'));
    await waitFor(() => expect(byId('preflight-ok')).toBeTruthy());
    expect(ipc.callsOf('preflight_article')).toHaveLength(2);
  });

  it('collapses and expands', async () => {
    await open(1);
    const toggle = byId('preflight').querySelector<HTMLButtonElement>('[aria-expanded]')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await fireEvent.click(toggle);
    expect(items()).toHaveLength(0);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    // The chip in the bar opens it again.
    await fireEvent.click(byId('preflight-summary'));
    await waitFor(() => expect(items().length).toBeGreaterThan(0));
  });
});

describe('exported info in the editor', () => {
  it('says when and where the article went, in German and English', async () => {
    const lib = library();
    lib.markExported(2, '2025-11-12T09:30:00Z', '/srv/export/2025-11-12-kita-eroeffnet');
    await open(2, lib);
    expect(byId('exported-info').textContent?.trim()).toBe(
      'Exportiert am Mi 12. November 2025, 10:30 nach /srv/export/2025-11-12-kita-eroeffnet',
    );
    setLang('en');
    await waitFor(() =>
      expect(byId('exported-info').textContent?.trim()).toBe(
        'Exported on Wed 12 November 2025, 10:30 to /srv/export/2025-11-12-kita-eroeffnet',
      ),
    );
  });

  it('is not shown for an article never exported (also when the field is missing)', async () => {
    const lib = library();
    const ipc = installIpc(lib, {
      get_article: (args) => {
        const a = lib.handle('get_article', args) as Record<string, unknown>;
        delete a.exported_at;
        delete a.exported_to;
        return a;
      },
    });
    render(Editor, { id: 2, onback: vi.fn() });
    await waitFor(() => expect(byId('preflight-ok')).toBeTruthy());
    expect(screen.queryByTestId('exported-info')).toBeNull();
    expect(ipc.callsOf('get_article')).toHaveLength(1);
  });
});
