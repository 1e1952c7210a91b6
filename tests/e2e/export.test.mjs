// The export in the real app window: the preflight checklist holds back an article whose lead
// photo has no credit (in the editor and in a batch export, where nothing is written); the
// credit is added from the checklist's "Bild öffnen"; then the article is exported as HTML and
// ninjs to a folder (the dialog's seam NEWSROOM_PICK_FOLDER, since WebDriver cannot drive a
// GTK dialog). The files must exist, pass the W3C Nu HTML checker with no message, and be
// valid IPTC ninjs 3.1 (the validate_ninjs example of newsroom-core); the article is
// Exportiert, with time and folder, in the library and in the editor.
//
//   NEWSROOM_SCREENSHOTS=1 → also writes docs/screenshot-preflight.png, docs/screenshot-export-dialog.png
//   and docs/screenshot-export-summary.png

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Harness, suiteOptions, assertPrerequisites, cli, REPO } from './lib/harness.mjs';
import { NewsroomApp, tid } from './lib/app.mjs';
import { steps } from './lib/steps.mjs';
import { waitFor } from './lib/wait.mjs';

const FIXTURES = path.join(REPO, 'tests/fixtures/images');
const VNU = path.join(REPO, 'ui/node_modules/vnu-jar/build/dist/vnu.jar');
const VALIDATE_NINJS = path.join(REPO, 'target/debug/examples/validate_ninjs');
const FOR_DOCS = process.env.NEWSROOM_SCREENSHOTS === '1';
const CREDIT = 'Bild: Stadt Dortmund / Erika Mustermann';

function vnu(files) {
  let stderr = '';
  try {
    execFileSync('java', ['-jar', VNU, '--format', 'json', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (e) {
    stderr = e.stderr;
    assert.fail(`vnu found problems: ${stderr}`);
  }
  return stderr;
}

describe('export: preflight blocks an uncredited photo, then HTML + ninjs to a folder', suiteOptions(), () => {
  let harness;
  let app = null;
  let library;
  let scratch;
  let out;
  let article;
  let photo;
  const step = steps(() => app?.session ?? null);

  before(async () => {
    assertPrerequisites();
    assert.ok(fs.existsSync(VNU), `${VNU} missing (npm --prefix ui ci)`);
    assert.ok(fs.existsSync(VALIDATE_NINJS), `${VALIDATE_NINJS} missing (cargo test --workspace --no-run builds it)`);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-export-'));
    out = path.join(scratch, 'web');
    process.env.NEWSROOM_PICK_FOLDER = out;
    harness = await Harness.start();
    library = harness.newLibraryDir('export');

    // The library, set up with the CLI: the samples (one is Freigegeben), the office's name,
    // and a photo with alt text but no credit as that article's lead photo.
    cli(library, 'photo', 'settings', '--organisation', 'Stadt Dortmund');
    photo = cli(library, 'photo', 'import', path.join(FIXTURES, 'orientation/landscape_3.jpg')).photo;
    assert.equal(photo.credit, '', 'the fixture has no credit');
    cli(library, 'photo', 'update', String(photo.id), '--alt-text', 'Der Hafen in Hörde am Abend', '--caption', 'Abendstimmung am Hafen');
    article = cli(library, 'article', 'list', '--state', 'ready')[0];
    assert.ok(article, 'a Freigegeben sample article');
    const lead = path.join(scratch, 'lead.json');
    fs.writeFileSync(lead, JSON.stringify({ lead_photo: { photo_id: photo.id, caption: null, alt_text: null } }));
    cli(library, 'article', 'update', String(article.id), lead, '--latest');
  });

  after(async () => {
    await harness?.stop();
    delete process.env.NEWSROOM_PICK_FOLDER;
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  async function shoot(name) {
    if (!FOR_DOCS) return;
    await app.session.executeAsync((done) => document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))));
    fs.writeFileSync(path.join(REPO, 'docs', name), await app.session.screenshot());
  }

  async function openArticle() {
    const row = await waitFor(
      async () => {
        const r = await app.session.findAll(`${tid('article-row')}[data-id="${article.id}"]`);
        return { ok: r.length === 1, value: r[0] };
      },
      { what: 'the article row' },
    );
    await (await app.el('row-headline', { within: row })).click();
    const headline = await app.el('field-headline');
    await waitFor(async () => (await headline.value()) !== '', { what: 'the article to load' });
  }

  async function items(level) {
    const all = await app.session.findAll(`${tid('preflight-item')}[data-level="${level}"]`);
    return Promise.all(all.map((i) => i.attr('data-code')));
  }

  step('the editor checklist shows the missing credit as an error and the dialog will not start', async () => {
    app = await NewsroomApp.launch(harness, { library });
    await openArticle();
    await app.el('preflight');
    const errors = await waitFor(
      async () => {
        const e = await items('error');
        return { ok: e.length > 0, value: e, seen: e };
      },
      { timeout: 15_000, what: 'preflight errors' },
    );
    assert.deepEqual(errors, ['photo_no_credit']);
    const item = await app.session.find(`${tid('preflight-item')}[data-code="photo_no_credit"]`);
    assert.equal(await item.attr('data-photo-id'), String(photo.id));
    assert.match(await item.text(), /Credit/);
    await shoot('screenshot-preflight.png');

    await app.click('export-article');
    await app.el('export-dialog');
    const blocking = await app.el('export-blocking');
    assert.equal(await blocking.attr('data-code'), 'photo_no_credit');
    assert.equal(await (await app.el('export-start')).prop('disabled'), true);
    await app.click('export-close');
  });

  step('a batch export of everything Freigegeben holds the article back and writes nothing', async () => {
    await app.click('back-to-list');
    await app.click('export-ready');
    await app.el('export-dialog');
    await app.click('export-pick-folder');
    await waitFor(async () => (await app.text('export-folder')).includes(out), { what: 'the picked folder' });
    await app.click('export-start');
    await app.el('export-summary', { timeout: 60_000 });
    const held = await app.session.find(`${tid('export-held-back')}[data-article-id="${article.id}"]`);
    const check = await app.el('export-held-check', { within: held });
    assert.equal(await check.attr('data-code'), 'photo_no_credit');
    assert.equal((await app.session.findAll(tid('export-bundle'))).length, 0);
    await app.click('export-close');
    const written = fs.existsSync(out) ? fs.readdirSync(out) : [];
    assert.deepEqual(written, [], 'nothing written');
    assert.equal(cli(library, 'article', 'show', String(article.id)).state, 'ready');
  });

  step('the credit is added from the checklist, which then reports the article ready', async () => {
    await openArticle();
    await app.click('preflight-open-photo');
    await app.el('photo-editor');
    await app.fill('photo-credit', CREDIT);
    await waitFor(async () => cli(library, 'photo', 'show', String(photo.id)).credit === CREDIT, { timeout: 15_000, what: 'the credit stored' });
    await app.click('nav-articles');
    await openArticle();
    await waitFor(
      async () => {
        const p = await app.el('preflight');
        return { ok: (await p.attr('data-ok')) === 'true', seen: await items('error') };
      },
      { timeout: 15_000, what: 'the checklist without errors' },
    );
    await app.el('preflight-ok');
  });

  step('export as HTML and ninjs: files exist, pass the Nu checker and the ninjs schema', async (t) => {
    await app.click('export-article');
    await app.el('export-dialog');
    await app.click('export-format-both');
    if (!(await app.text('export-folder')).includes(out)) await app.click('export-pick-folder');
    await waitFor(async () => (await app.text('export-folder')).includes(out), { what: 'the folder' });
    await waitFor(async () => (await (await app.el('export-start')).prop('disabled')) === false, { what: 'start enabled' });
    // Articles under an embargo are listed only on request, asked each time.
    assert.equal(await (await app.el('export-include-embargoed')).prop('checked'), false);
    await shoot('screenshot-export-dialog.png');
    await app.click('export-start');
    await app.el('export-summary', { timeout: 120_000 });
    const bundle = await app.session.find(`${tid('export-bundle')}[data-article-id="${article.id}"]`);
    const name = await bundle.attr('data-name');
    t.diagnostic(`bundle ${name}`);
    await shoot('screenshot-export-summary.png');
    await app.click('export-close');

    const dir = path.join(out, name);
    const files = fs.readdirSync(dir).sort();
    assert.deepEqual(files, ['article.json', 'images', 'index.html']);
    const images = fs.readdirSync(path.join(dir, 'images'));
    assert.ok(images.some((f) => f.endsWith('.jpg')) && images.some((f) => f.endsWith('.webp')), images.join(', '));
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    assert.ok(html.includes(`<span class="credit">${CREDIT}</span>`), 'the credit is in the figcaption');
    // Every image is named by a document: the page, or ninjs (which lists the lead photo's
    // crops for other sites too).
    const json = fs.readFileSync(path.join(dir, 'article.json'), 'utf8');
    for (const img of images) assert.ok(html.includes(`images/${img}`) || json.includes(`images/${img}`), `${img} is referenced`);
    assert.ok(images.some((f) => /-wide-\d+\.jpg$/.test(f)), 'the lead photo leaves in its wide crop too');
    assert.ok(fs.existsSync(path.join(out, 'index.html')) && fs.existsSync(path.join(out, 'feed.json')));

    vnu([path.join(dir, 'index.html'), path.join(out, 'index.html')]);
    const res = execFileSync(VALIDATE_NINJS, [path.join(dir, 'article.json')], { encoding: 'utf8' });
    assert.match(res, /^OK /);
    const ninjs = JSON.parse(fs.readFileSync(path.join(dir, 'article.json'), 'utf8'));
    const lead = ninjs.associations.find((a) => a.name === 'lead');
    assert.deepEqual(lead.descriptions.find((d) => d.role === 'creditline').value, CREDIT);

    // The article moved to Exportiert with time and folder, in the library and the editor.
    const stored = cli(library, 'article', 'show', String(article.id));
    assert.equal(stored.state, 'exported');
    assert.equal(stored.exported_to, fs.realpathSync(dir));
    assert.ok(Date.now() - Date.parse(stored.exported_at) < 10 * 60_000, stored.exported_at);
    await waitFor(async () => (await app.text('exported-info')).includes(name), { timeout: 10_000, what: 'exported info in the editor' });
    await app.close();
    app = null;
  });
});
