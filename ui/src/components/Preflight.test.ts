import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeLibrary } from '../dev/fakeBackend';
import { setLang } from '../lib/i18n';
import { clearToasts } from '../lib/toasts';
import type { CheckCode, Preflight, PreflightCheck } from '../lib/types';
import { article, closurePreview, id, preflight } from '../test/articles';
import { installIpc, type Overrides } from '../test/ipc';
import Editor from './Editor.svelte';

// Recorded preflights: works has errors (its lead photo lacks credit and alt text, a relative
// link in the body) and warnings (a long headline, no related links); trees lacks teaser and
// date; closure waits for its embargo; school and market are ready.
const library = () => new FakeLibrary();
const works = article('works');
const LEAD = id('lake_again');

const items = () => screen.queryAllByTestId('preflight-item');
const codes = () => items().map((i) => `${i.dataset.level}:${i.dataset.code}`);
const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => screen.getByTestId(id) as T;
const item = (code: string, n = 0) => items().filter((i) => i.dataset.code === code)[n];
const fieldOf = (code: string, n = 0) => item(code, n).querySelector('[data-testid="preflight-field"]')?.textContent;
const goto = (code: string, n = 0) => item(code, n).querySelector<HTMLButtonElement>('[data-testid="preflight-goto"]')!;

async function open(articleId: number, lib = library(), props: Record<string, unknown> = {}, overrides: Overrides = {}) {
  const ipc = installIpc(lib, overrides);
  const view = render(Editor, { id: articleId, onback: vi.fn(), ...props });
  await waitFor(() => expect(byId('preflight').dataset.ok).toBeDefined());
  return { ...ipc, ...view };
}

/**
 * Not recorded: checks of a body figure and of a related link that is not the first. Opens
 * the closure article (a figure of the camera photo in its body) with two related links, and
 * answers the preflight the backend would give it, made from recorded checks.
 */
function openClosureWithFigureAndLinks() {
  const lib = library();
  const closure = lib.articles.get(id('closure'))!;
  closure.related_links = [
    { label: 'Plan', url: 'https://a.de/plan' },
    { label: 'Kaputt', url: 'javascript:alert(1)' },
  ];
  const recorded = (code: CheckCode): PreflightCheck => preflight('works').checks.find((c) => c.code === code)!;
  const camera = id('camera');
  const answer: Preflight = {
    article_id: closure.id,
    ok: false,
    checks: [
      { ...recorded('photo_no_credit'), field: 'body', photo_id: camera, detail: `photo ${camera} has no credit` },
      { ...recorded('bad_link'), field: 'related_links[1]', detail: 'javascript:alert(1): scheme javascript: not allowed' },
      ...preflight('closure').checks.filter((c) => c.code !== 'no_related_links'),
    ],
  };
  return open(closure.id, lib, {}, { preflight_article: () => answer, render_preview: closurePreview });
}

beforeEach(() => {
  setLang('de');
  clearToasts();
});

describe('export preflight in the editor', () => {
  it('lists errors first, then warnings, translated, with the field, the photo and the detail', async () => {
    const ipc = await open(works.id);
    expect(ipc.callsOf('preflight_article')[0].args).toEqual({ id: works.id });
    expect(byId('preflight').dataset.ok).toBe('false');
    expect(codes()).toEqual([
      'error:photo_no_credit',
      'error:photo_no_alt',
      'error:bad_link',
      'warning:headline_long',
      'warning:no_related_links',
      'warning:crop_narrow',
      'warning:crop_narrow',
      'warning:crop_narrow',
      'warning:crop_narrow',
    ]);
    expect(screen.queryByTestId('preflight-ok')).toBeNull();
    expect(byId('preflight').textContent).toContain('Prüfung vor dem Export');
    expect(byId('preflight').textContent).toContain('3 Fehler, 6 Hinweise');
    // The lead photo is small: its crops come out narrower than social networks and search
    // engines want them, each named with its width.
    expect(item('crop_narrow').textContent).toContain('Ein Zuschnitt ist schmaler als gewünscht.');
    expect(fieldOf('crop_narrow')).toBe('Aufmacherbild');
    expect(item('crop_narrow', 1).querySelector('[data-testid="preflight-detail"]')?.textContent).toBe(
      'Zuschnitt „social“: 600 px breit, 1200 px gewünscht',
    );
    const leadCredit = item('photo_no_credit');
    expect(leadCredit.textContent).toContain('Das Bild hat keinen Credit.');
    expect(leadCredit.textContent).toContain('Aufmacherbild');
    expect(leadCredit.textContent).toContain(`Bild #${LEAD}`);
    expect(item('photo_no_alt').textContent).toContain('Das Bild hat keinen Alternativtext.');
    expect(item('bad_link').textContent).toContain('„www.dortmund.de/baustellen“ ist unvollständig (es fehlt https://)');
    expect(fieldOf('bad_link')).toBe('Text');
    expect(item('headline_long').querySelector('[data-testid="preflight-detail"]')?.textContent).toBe(
      `${Array.from(works.headline).length} Zeichen, höchstens 90`,
    );
    expect(fieldOf('no_related_links')).toBe('Zum Thema');
    // Icons say what they are.
    expect(item('photo_no_credit').querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('Fehler (verhindert den Export)');
    expect(item('headline_long').querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('Hinweis');
    // The chip in the editor bar.
    expect(byId('preflight-summary').textContent?.trim()).toBe('3 Fehler');
  });

  it('names the teaser, the date and the embargo (with its end in Berlin time)', async () => {
    const trees = await open(id('trees'));
    expect(codes()).toEqual([
      'error:no_teaser',
      'error:no_published_at',
      'error:field_held',
      'error:field_held',
      'warning:no_related_links',
    ]);
    expect(item('no_teaser').textContent).toContain('Der Teaser fehlt.');
    expect(fieldOf('no_teaser')).toBe('Teaser / Vorspann');
    expect(fieldOf('no_published_at')).toBe('Veröffentlichung');
    // The date typed by hand and the pasted author line are held as typed, and say why.
    expect(fieldOf('field_held')).toBe('Veröffentlichung');
    expect(item('field_held').textContent).toContain('„31.02.2026, 10:30“ ist kein Datum');
    expect(fieldOf('field_held', 1)).toBe('Autor/in');
    expect(item('field_held', 1).textContent).toContain('1200 Zeichen, höchstens 1000');
    expect(byId('preflight-summary').textContent?.trim()).toBe('4 Fehler');
    trees.unmount();
    await open(id('closure'), library(), {}, { render_preview: closurePreview });
    expect(codes()).toEqual([
      'warning:no_related_links',
      'warning:embargo_pending',
      'warning:crop_narrow',
      'warning:crop_narrow',
      'warning:crop_narrow',
      'warning:crop_narrow',
    ]);
    expect(item('embargo_pending').textContent).toContain('Die Sperrfrist ist noch nicht abgelaufen.');
    expect(item('embargo_pending').textContent).toContain('bis Do 20. November 2025, 07:00');
    expect(fieldOf('embargo_pending')).toBe('Sperrfrist');
  });

  it('names a body figure and a related link by its number, in both languages', async () => {
    await openClosureWithFigureAndLinks();
    expect(codes()).toEqual([
      'error:photo_no_credit',
      'error:bad_link',
      'warning:embargo_pending',
      'warning:crop_narrow',
      'warning:crop_narrow',
      'warning:crop_narrow',
      'warning:crop_narrow',
    ]);
    expect(item('photo_no_credit').textContent).toContain('Bild im Text');
    expect(item('photo_no_credit').textContent).toContain(`Bild #${id('camera')}`);
    expect(fieldOf('bad_link')).toBe('„Zum Thema“, Link 2');
    setLang('en');
    await waitFor(() => expect(item('photo_no_credit').textContent).toContain('Body figure'));
    expect(item('embargo_pending').textContent).toContain('until Thu 20 November 2025, 07:00');
    expect(fieldOf('bad_link')).toBe('Related links, link 2');
  });

  it('follows the language switch', async () => {
    await open(works.id);
    setLang('en');
    await waitFor(() => expect(item('photo_no_credit').textContent).toContain('The photo has no credit.'));
    expect(byId('preflight').textContent).toContain('Export check');
    expect(byId('preflight').textContent).toContain('3 errors, 6 warnings');
    expect(item('crop_narrow', 2).querySelector('[data-testid="preflight-detail"]')?.textContent).toBe(
      'crop “square”: 450 px wide, 1200 px wanted',
    );
    expect(item('photo_no_credit').textContent).toContain('Lead photo');
    expect(item('headline_long').querySelector('[data-testid="preflight-detail"]')?.textContent).toBe('95 characters, at most 90');
  });

  it('an article without errors is ready for export (warnings may remain)', async () => {
    await open(id('school'));
    expect(byId('preflight').dataset.ok).toBe('true');
    expect(byId('preflight-ok').textContent?.trim()).toBe('Bereit für den Export');
    expect(codes()).toEqual(['warning:crop_narrow']);
    expect(byId('preflight-summary').textContent).toContain('Bereit für den Export');
    setLang('en');
    await waitFor(() => expect(byId('preflight-ok').textContent?.trim()).toBe('Ready for export'));
  });

  it('is asked again after the autosave stored an edit', async () => {
    // After the teaser is stored the backend no longer misses it (its answer, given here).
    const trees = preflight('trees');
    const after: Preflight = { ...trees, checks: trees.checks.filter((c) => c.code !== 'no_teaser') };
    const lib = library();
    const ipc = await open(trees.article_id, lib, {}, {
      preflight_article: () => (lib.articles.get(trees.article_id)!.teaser ? after : trees),
    });
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
    const worksView = await open(works.id);
    await fireEvent.click(goto('headline_long'));
    expect(document.activeElement).toBe(byId('field-headline'));
    await fireEvent.click(goto('photo_no_alt'));
    expect(document.activeElement).toBe(byId('lead-photo-alt'));
    worksView.unmount();
    const treesView = await open(id('trees'));
    await fireEvent.click(goto('no_teaser'));
    expect(document.activeElement).toBe(byId('field-teaser'));
    await fireEvent.click(goto('no_published_at'));
    expect(document.activeElement).toBe(byId('field-published-at'));
    treesView.unmount();
    await openClosureWithFigureAndLinks();
    await fireEvent.click(goto('embargo_pending'));
    expect(document.activeElement).toBe(byId('field-embargo-until'));
    await fireEvent.click(goto('bad_link'));
    expect(document.activeElement).toBe(screen.getAllByTestId('related-url')[1]);
    // A body figure: the body editor gets the focus and the figure flashes.
    await waitFor(() => expect(document.querySelector(`[data-testid="body-figure"][data-photo-id="${id('camera')}"]`)).toBeTruthy());
    await fireEvent.click(goto('photo_no_credit'));
    expect(
      document.querySelector(`[data-testid="body-figure"][data-photo-id="${id('camera')}"]`)?.classList.contains('check-flash'),
    ).toBe(true);
  });

  it('photo checks open the photo in the media library', async () => {
    const onopenphoto = vi.fn();
    await open(works.id, library(), { onopenphoto });
    const btn = item('photo_no_credit').querySelector<HTMLButtonElement>('[data-testid="preflight-open-photo"]')!;
    expect(btn.textContent).toBe('Bild öffnen');
    expect(btn.getAttribute('aria-label')).toContain(`Bild #${LEAD}`);
    await fireEvent.click(btn);
    expect(onopenphoto).toHaveBeenCalledWith(LEAD);
    // Not for checks without a photo.
    expect(item('headline_long').querySelector('[data-testid="preflight-open-photo"]')).toBeNull();
  });

  it('a photo that no longer exists and an unknown code', async () => {
    const ipc = installIpc(library(), {
      preflight_article: () => ({
        article_id: id('school'),
        ok: false,
        checks: [
          { level: 'error', code: 'photo_missing', field: 'body', photo_id: 9, detail: 'photo 9 does not exist' },
          { level: 'warning', code: 'shouting', field: 'headline', photo_id: null, detail: 'ALL CAPS' },
        ],
      }),
    });
    render(Editor, { id: id('school'), onback: vi.fn(), onopenphoto: vi.fn() });
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
    render(Editor, { id: id('school'), onback: vi.fn() });
    await waitFor(() => expect(byId('preflight-error').textContent).toContain('Datenbankfehler'));
    // SQLite's own words are English: the German UI does not show them.
    expect(byId('preflight-error').textContent).not.toContain('disk I/O error');
    expect(screen.queryAllByTestId('error-toast')).toHaveLength(0);
    fail = false;
    await fireEvent.click(byId('preflight-refresh'));
    await waitFor(() => expect(byId('preflight-ok')).toBeTruthy());
    expect(ipc.callsOf('preflight_article')).toHaveLength(2);
  });

  it('collapses and expands', async () => {
    await open(works.id);
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
    // The market article went out in the recorded export.
    await open(id('market'));
    const folder = '/home/presse/Export/2025-11-03-weihnachtsmarkt-in-hoerde-der-baum-steht';
    expect(byId('exported-info').textContent?.trim()).toBe(`Exportiert am Mo 10. November 2025, 08:18 nach ${folder}`);
    setLang('en');
    await waitFor(() => expect(byId('exported-info').textContent?.trim()).toBe(`Exported on Mon 10 November 2025, 08:18 to ${folder}`));
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
    render(Editor, { id: id('school'), onback: vi.fn() });
    await waitFor(() => expect(byId('preflight-ok')).toBeTruthy());
    expect(screen.queryByTestId('exported-info')).toBeNull();
    expect(ipc.callsOf('get_article')).toHaveLength(1);
  });
});
