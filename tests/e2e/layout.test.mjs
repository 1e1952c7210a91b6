// Narrow and wide windows in the real app: from 1024×700 up, every view is usable — no
// horizontal scrolling of the main view, the lead-photo block and its fields at least 240 px
// wide with the Versionen panel open (below 1400 px it lies over the editor as a drawer).
// Also pastes a web table into the body editor through a real paste event.
//
//   NEWSROOM_SCREENSHOTS=1 → also writes docs/screenshot-list-1024.png,
//   docs/screenshot-editor-1024-versions.png, docs/screenshot-editor-1920-versions.png,
//   docs/screenshot-body-figure.png and docs/screenshot-pasted-table.png
// The body figure shows the photo's caption and credit and edits its caption in place.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Harness, suiteOptions, assertPrerequisites, cli, REPO } from './lib/harness.mjs';
import { NewsroomApp } from './lib/app.mjs';
import { steps } from './lib/steps.mjs';
import { waitFor } from './lib/wait.mjs';

const FIXTURES = path.join(REPO, 'tests/fixtures/images');
const FOR_DOCS = process.env.NEWSROOM_SCREENSHOTS === '1';
const MIN_FIELD = 240;

describe('layout: narrow (1024×700) and wide (1920×1080) windows', suiteOptions(), () => {
  let harness;
  let app = null;
  let library;
  let scratch;
  let article;
  const step = steps(() => app?.session ?? null);

  before(async () => {
    assertPrerequisites();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-layout-'));
    harness = await Harness.start({ screen: { width: 1920, height: 1080, depth: 24 } });
    library = harness.newLibraryDir('layout');
    cli(library, 'photo', 'settings', '--organisation', 'Stadt Dortmund');
    const photo = cli(library, 'photo', 'import', path.join(FIXTURES, 'orientation/landscape_3.jpg')).photo;
    cli(library, 'photo', 'update', String(photo.id), '--alt-text', 'Der Hafen in Hörde', '--caption', 'Abendstimmung am Hafen', '--credit', 'Bild: Stadt Dortmund / Erika Mustermann');
    article = cli(library, 'article', 'list', '--state', 'ready')[0];
    const lead = path.join(scratch, 'lead.json');
    // The same photo also as a figure in the body, with the photo's own caption and alt text.
    const body = cli(library, 'article', 'show', String(article.id)).body;
    fs.writeFileSync(lead, JSON.stringify({ lead_photo: { photo_id: photo.id, caption: null, alt_text: null }, body: `![](photo:${photo.id})\n\n${body}` }));
    cli(library, 'article', 'update', String(article.id), lead, '--latest');
  });

  after(async () => {
    await harness?.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  async function settle() {
    await app.session.executeAsync((done) => document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))));
  }

  async function shoot(name) {
    if (!FOR_DOCS) return;
    await settle();
    fs.writeFileSync(path.join(REPO, 'docs', name), await app.session.screenshot());
  }

  async function resize(width, height) {
    await app.session.setWindowRect({ x: 0, y: 0, width, height });
    await waitFor(
      async () => {
        const v = await app.exec(() => ({ w: window.innerWidth, h: window.innerHeight }));
        return { ok: Math.abs(v.w - width) <= 16 && Math.abs(v.h - height) <= 80, seen: v };
      },
      { what: `the viewport to be about ${width}×${height}` },
    );
    await settle();
  }

  /**
   * What the page measures: horizontal overflow of the document and of every scrolling
   * container, and the width of every visible text field (and of the given test ids).
   */
  async function measure(ids = []) {
    return app.exec((ids) => {
      const visible = (el) => {
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
      };
      const doc = document.scrollingElement;
      const scrollers = [...document.querySelectorAll('*')].filter((el) => {
        const s = getComputedStyle(el);
        return (s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1 && visible(el);
      });
      // Fields one types into (a select of a few states may be narrower).
      const fields = [...document.querySelectorAll('input:not([type=checkbox]):not([type=radio]):not([type=file]):not([type=hidden]), textarea, .ProseMirror')]
        .filter(visible)
        .map((el) => ({ id: el.getAttribute('data-testid') || el.id || el.className, w: Math.round(el.getBoundingClientRect().width) }));
      const byId = {};
      for (const id of ids) {
        const el = document.querySelector(`[data-testid="${id}"]`);
        byId[id] = el ? Math.round(el.getBoundingClientRect().width) : null;
      }
      // What sticks out on the right (the innermost elements, for the failure message).
      const sticking = [...document.querySelectorAll('body *')]
        .filter((el) => visible(el) && el.getBoundingClientRect().right > window.innerWidth + 1 && el.children.length === 0)
        .slice(0, 8)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}[${el.getAttribute('data-testid') ?? ''}] → ${Math.round(el.getBoundingClientRect().right)}`);
      return {
        sticking,
        viewport: window.innerWidth,
        docOverflow: doc.scrollWidth - doc.clientWidth,
        scrollers: scrollers.map((el) => el.getAttribute('data-testid') || el.className),
        narrowFields: fields.filter((f) => f.w < 240),
        fields,
        byId,
      };
    }, ids);
  }

  function assertUsable(t, what, m, ids = []) {
    t.diagnostic(`${what}: ${JSON.stringify({ viewport: m.viewport, docOverflow: m.docOverflow, scrollers: m.scrollers, byId: m.byId, narrow: m.narrowFields })}`);
    assert.ok(m.docOverflow <= 0, `${what}: the main view scrolls sideways by ${m.docOverflow} px: ${m.sticking.join(', ')}`);
    assert.deepEqual(m.scrollers, [], `${what}: containers scroll sideways`);
    assert.deepEqual(m.narrowFields, [], `${what}: fields narrower than ${MIN_FIELD} px`);
    for (const id of ids) {
      assert.ok(m.byId[id] !== null, `${what}: ${id} is not on screen`);
      assert.ok(m.byId[id] >= MIN_FIELD, `${what}: ${id} is ${m.byId[id]} px wide`);
    }
  }

  async function openArticle() {
    await app.click('nav-articles');
    const row = await waitFor(() => app.session.find(`[data-testid="article-row"][data-id="${article.id}"]`), { what: 'the article in the list' });
    await (await app.el('row-headline', { within: row })).click();
    const headline = await app.el('field-headline');
    await waitFor(async () => (await headline.value()) !== '', { what: 'the article to load into the editor' });
    await app.el('lead-photo-thumb');
  }

  const LEAD = ['lead-photo', 'lead-photo-caption', 'lead-photo-alt'];

  step('1024×700: the article list', async (t) => {
    app = await NewsroomApp.launch(harness, { library });
    await resize(1024, 700);
    await app.waitCount('article-row', (n) => n >= 2, { what: 'sample articles in the list' });
    assertUsable(t, 'list', await measure(['search-input']), ['search-input']);
    await shoot('screenshot-list-1024.png');
  });

  step('1024×700: the editor without and with Versionen', async (t) => {
    await openArticle();
    assertUsable(t, 'editor', await measure(LEAD), LEAD);
    await app.click('revisions-toggle');
    await app.el('revisions-panel');
    await settle();
    const m = await measure(LEAD);
    assertUsable(t, 'editor with Versionen', m, LEAD);
    // The fields are usable: typing into the caption override lands in it.
    await app.fill('lead-photo-caption', 'Der Hafen im Abendlicht');
    await shoot('screenshot-editor-1024-versions.png');
    await app.click('revisions-toggle');
  });

  step('1024×700: preflight and the export dialog', async (t) => {
    assertUsable(t, 'preflight', await measure(['preflight']), ['preflight']);
    await app.click('export-article');
    await app.el('export-dialog');
    await settle();
    assertUsable(t, 'export dialog', await measure(['export-dialog']), ['export-dialog']);
    await app.click('export-close');
  });

  step('1024×700: the media library', async (t) => {
    await app.click('nav-photos');
    await app.el('photo-search');
    await settle();
    assertUsable(t, 'media library', await measure(['photo-search']), ['photo-search']);
    await (await app.el('photo-card')).click();
    await app.el('photo-creator');
    await settle();
    assertUsable(t, 'media library with the photo editor', await measure(['photo-creator']), ['photo-creator']);
  });

  step('1920×1080: the editor with Versionen', async (t) => {
    await resize(1920, 1080);
    await openArticle();
    await app.click('revisions-toggle');
    await app.el('revisions-panel');
    await settle();
    assertUsable(t, 'wide editor with Versionen', await measure(LEAD), LEAD);
    await shoot('screenshot-editor-1920-versions.png');
    await app.click('revisions-toggle');
  });

  step('a body figure shows caption and credit and edits its caption in place', async (t) => {
    await resize(1280, 800);
    const fig = await app.el('body-figure');
    await app.exec(() => document.querySelector('[data-testid="body-figure"]').scrollIntoView({ block: 'center' }));
    await waitFor(async () => (await app.text('body-figure-credit')) === 'Bild: Stadt Dortmund / Erika Mustermann', { what: "the photo's credit under the figure" });
    assert.equal(await app.text('body-figure-caption'), 'Abendstimmung am Hafen');
    await app.fill('body-figure-caption-input', 'Der Hafen in Hörde im Abendlicht');
    assert.equal(await app.text('body-figure-caption'), 'Der Hafen in Hörde im Abendlicht');
    await app.waitSaved();
    const stored = cli(library, 'article', 'show', String(article.id)).body;
    t.diagnostic(stored.slice(0, 120));
    assert.match(stored, /^!\[\]\(photo:\d+ "Der Hafen in Hörde im Abendlicht"\)/);
    assert.ok(fig);
    await shoot('screenshot-body-figure.png');
  });

  step('a table pasted from a web page keeps its rows', async (t) => {
    // The caret at the end of the body (a click could land on the figure and select it).
    await app.caretToEditorEnd();
    await app.typeInEditor('\uE007'); // Enter: paste into a new empty paragraph
    const html =
      '<meta charset="utf-8"><h1>Öffnungszeiten</h1><table><thead><tr><th>Tag</th><th>Zeit</th></tr></thead>' +
      '<tbody><tr><td>Mo–Fr</td><td>6–22 Uhr</td></tr><tr><td>Sa</td><td>8–12 Uhr</td></tr></tbody></table>';
    await app.exec((html) => {
      const el = document.querySelector('[data-testid="body-editor"] .ProseMirror');
      const dt = new DataTransfer();
      dt.setData('text/html', html);
      dt.setData('text/plain', 'Öffnungszeiten TagZeit Mo–Fr6–22 Uhr Sa8–12 Uhr');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, html);
    const body = await waitFor(
      async () => {
        const inner = await app.exec(() => document.querySelector('[data-testid="body-editor"] .ProseMirror').innerHTML);
        return { ok: inner.includes('Mo–Fr – 6–22 Uhr'), value: inner, seen: inner.slice(-400) };
      },
      { what: 'the pasted table rows in the body editor' },
    );
    t.diagnostic(body.slice(-400));
    assert.match(body, /<h2>Öffnungszeiten<\/h2>/);
    assert.match(body, /<p><strong>Tag – Zeit<\/strong><\/p><p>Mo–Fr – 6–22 Uhr<\/p><p>Sa – 8–12 Uhr<\/p>/);
    await app.exec(() =>
      [...document.querySelectorAll('[data-testid="body-editor"] .ProseMirror h2')]
        .find((h) => h.textContent === 'Öffnungszeiten')
        ?.scrollIntoView({ block: 'center' }),
    );
    await shoot('screenshot-pasted-table.png');
    await app.close();
    app = null;
  });
});
