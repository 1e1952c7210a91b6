// The photo desk in the real app window: import a batch through the file dialog (its seam,
// NEWSROOM_PICK_FILES, since WebDriver cannot drive a GTK dialog), see a broken file refused
// while the rest goes on, edit a caption, apply the credit template to two photos, attach a
// lead photo to an article and see its thumbnail (served by the nrphoto: scheme) in the list.
// Every step is checked against the library with the CLI.
//
//   NEWSROOM_SCREENSHOTS=1 → also writes docs/screenshot-media.png, docs/screenshot-photo-editor.png
//   and docs/screenshot-batch-confirm.png (at 1024×700)

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Harness, suiteOptions, assertPrerequisites, cli, REPO } from './lib/harness.mjs';
import { NewsroomApp, tid, Key } from './lib/app.mjs';
import { steps } from './lib/steps.mjs';
import { waitFor } from './lib/wait.mjs';

const FIXTURES = path.join(REPO, 'tests/fixtures/images');
const FOR_DOCS = process.env.NEWSROOM_SCREENSHOTS === '1';

/** The generated sample photos a new library brings (assets/sample/photos). */
const SAMPLE_PHOTOS = 3;

describe('photo desk: import, caption, credit template, lead photo', suiteOptions(), () => {
  let harness;
  let app = null;
  let library;
  let scratch;
  let picks;
  const ids = {};
  const step = steps(() => app?.session ?? null);

  before(async () => {
    assertPrerequisites();
    assert.ok(fs.existsSync(FIXTURES), `fixture images not found at ${FIXTURES}`);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-photos-'));
    // A "photo" that is really a text file, to prove one bad file doesn't stop the batch.
    const fake = path.join(scratch, 'Pressefoto.jpg');
    fs.writeFileSync(fake, '%PDF-1.4 not a photo');
    picks = {
      harbour: path.join(FIXTURES, 'orientation/landscape_3.jpg'),
      portrait: path.join(FIXTURES, 'orientation/portrait_8.jpg'),
      iptc: path.join(FIXTURES, 'iptc/IPTC-PhotometadataRef-Std2021.1.jpg'),
      fake,
    };
    // The dialog seam: pick_photo_files returns these instead of opening the GTK dialog.
    process.env.NEWSROOM_PICK_FILES = Object.values(picks).join('\n');
    harness = await Harness.start();
    library = harness.newLibraryDir('photos');
  });

  after(async () => {
    await harness?.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  async function clickWith(modifier, element) {
    await app.session.cmd('POST', '/actions', {
      actions: [
        { type: 'key', id: 'kb', actions: [{ type: 'keyDown', value: modifier }, { type: 'pause' }, { type: 'pause' }, { type: 'pause' }, { type: 'keyUp', value: modifier }] },
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pause' },
            { type: 'pointerMove', origin: element.toJSON(), x: 0, y: 0 },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
            { type: 'pause' },
          ],
        },
      ],
    });
    await app.session.cmd('DELETE', '/actions');
  }

  async function card(id) {
    return app.session.find(`${tid('photo-card')}[data-photo-id="${id}"]`);
  }

  async function settle() {
    await app.session.executeAsync((done) => document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))));
  }

  async function shoot(name) {
    if (!FOR_DOCS) return;
    await settle();
    const file = path.join(REPO, 'docs', name);
    try {
      fs.writeFileSync(file, await app.session.screenshot());
    } catch {
      execFileSync('import', ['-display', harness.display, '-window', 'root', file], { timeout: 30_000 });
    }
  }

  step('the media library starts with the sample photos and the office sets its organisation', async () => {
    app = await NewsroomApp.launch(harness, { library });
    await app.click('nav-photos');
    // A new library brings its generated sample photos (lead photos of the sample articles).
    await app.waitCount('photo-card', (n) => n === SAMPLE_PHOTOS, { what: `${SAMPLE_PHOTOS} sample photo cards` });
    await app.click('credit-settings-open');
    await app.fill('credit-organisation', 'Stadt Dortmund');
    assert.equal(await (await app.el('credit-template')).value(), 'Bild: {organisation} / {creator}');
    await app.click('credit-settings-save');
    await waitFor(async () => cli(library, 'photo', 'settings').organisation === 'Stadt Dortmund', { what: 'organisation stored' });
  });

  step('a batch import through the dialog: three photos in, the fake refused with a reason', async (t) => {
    await app.click('photo-import');
    await app.el('import-progress');
    const summary = await waitFor(
      async () => {
        const s = await (await app.session.find(tid('import-summary'))).text();
        return { ok: /\b3\D+\b0\D+\b1\b/.test(s), value: s, seen: s };
      },
      { timeout: 60_000, what: 'the import summary (3 imported, 1 failed)' },
    );
    t.diagnostic(`summary: ${summary}`);
    const notes = await Promise.all((await app.all('import-note')).map((n) => n.text()));
    assert.ok(notes.some((n) => n.includes('Pressefoto.jpg')), `a note names the refused file: ${JSON.stringify(notes)}`);
    await app.waitCount('photo-card', (n) => n === SAMPLE_PHOTOS + 3, { what: 'three photo cards beside the samples' });

    const list = cli(library, 'photo', 'list').items;
    assert.equal(list.length, SAMPLE_PHOTOS + 3);
    for (const p of list) {
      if (p.original_name === 'landscape_3.jpg') ids.harbour = p.id;
      if (p.original_name === 'portrait_8.jpg') ids.portrait = p.id;
      if (p.original_name.startsWith('IPTC')) ids.iptc = p.id;
    }
    assert.ok(ids.harbour && ids.portrait && ids.iptc, JSON.stringify(list.map((p) => p.original_name)));
    // The IPTC reference image's own credit was read from the file.
    assert.equal(list.find((p) => p.id === ids.iptc).credit, 'Credit Line (ref2021.1)');
    // Thumbnails really load through the nrphoto: scheme.
    await waitFor(
      async () => {
        const loaded = await app.exec(() => [...document.querySelectorAll('[data-testid="photo-card"] img')].map((i) => i.complete && i.naturalWidth));
        return { ok: loaded.length === SAMPLE_PHOTOS + 3 && loaded.every((w) => w > 0), seen: loaded };
      },
      { timeout: 30_000, what: 'every thumbnail decoded, the three new ones and the samples' },
    );
    await shoot('screenshot-media.png');
  });

  step('editing a caption in the metadata editor is saved', async () => {
    await (await card(ids.harbour)).click();
    await app.el('photo-editor');
    await app.fill('photo-caption', 'Abendstimmung am Phoenix-See in Hörde');
    await app.fill('photo-alt', 'Blick über den See auf die Hafenpromenade bei Sonnenuntergang');
    await waitFor(
      async () => {
        const p = cli(library, 'photo', 'show', String(ids.harbour));
        return { ok: p.caption === 'Abendstimmung am Phoenix-See in Hörde' && p.alt_text.startsWith('Blick'), seen: [p.caption, p.alt_text] };
      },
      { timeout: 15_000, what: 'caption and alt text stored' },
    );
    await shoot('screenshot-photo-editor.png');
  });

  step('the credit template is applied to two selected photos at once', async () => {
    await (await card(ids.harbour)).click();
    await clickWith(Key.CONTROL, await card(ids.portrait));
    await app.el('batch-panel');
    const count = await (await app.el('photo-selection-count')).attr('data-count');
    assert.equal(count, '2');
    await app.fill('batch-creator', 'Erika Mustermann');
    const box = await app.el('batch-apply-template');
    if (!(await box.prop('checked'))) await box.click();
    await app.click('batch-apply');
    await waitFor(
      async () => {
        const credits = [ids.harbour, ids.portrait].map((id) => cli(library, 'photo', 'show', String(id)).credit);
        return { ok: credits.every((c) => c === 'Bild: Stadt Dortmund / Erika Mustermann'), seen: credits };
      },
      { timeout: 15_000, what: 'both credits filled from the template' },
    );
    // The third photo was not selected and keeps its own credit.
    assert.equal(cli(library, 'photo', 'show', String(ids.iptc)).credit, 'Credit Line (ref2021.1)');
  });

  step('overwriting credits asks first: cancel writes nothing, confirm applies', async () => {
    await (await card(ids.portrait)).click();
    await clickWith(Key.CONTROL, await card(ids.iptc));
    await app.el('batch-panel');
    await app.fill('batch-creator', 'Max Muster');
    const box = await app.el('batch-apply-template');
    if (!(await box.prop('checked'))) await box.click();
    const credits = () => [ids.portrait, ids.iptc].map((id) => cli(library, 'photo', 'show', String(id)).credit);
    const before = credits();
    assert.deepEqual(before, ['Bild: Stadt Dortmund / Erika Mustermann', 'Credit Line (ref2021.1)']);
    await app.click('batch-apply');
    await app.el('batch-confirm');
    const shown = await app.exec(() =>
      [...document.querySelectorAll('[data-testid="batch-confirm-change"][data-field="credit"]')].map((d) => d.textContent.replace(/\s+/g, ' ').trim()),
    );
    assert.deepEqual(shown.sort(), [
      'Bild: Stadt Dortmund / Erika Mustermann → Bild: Stadt Dortmund / Max Muster',
      'Credit Line (ref2021.1) → Bild: Stadt Dortmund / Max Muster',
    ]);
    // Readable at 1024×700: both buttons inside the window.
    let rect = null;
    try {
      rect = await app.session.setWindowRect({ x: 0, y: 0, width: 1024, height: 700 });
    } catch {
      rect = null;
    }
    const fits = await app.exec(() =>
      ['batch-confirm-yes', 'batch-confirm-no'].every((id) => {
        const r = document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect();
        return r.width > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
      }),
    );
    assert.ok(fits, `confirmation buttons inside the window (${JSON.stringify(rect)})`);
    await shoot('screenshot-batch-confirm.png');
    await app.click('batch-confirm-no');
    await waitFor(async () => !(await app.exec(() => document.querySelector('[data-testid="batch-confirm"]'))), {
      what: 'the confirmation to close',
    });
    assert.deepEqual(credits(), before, 'cancel writes nothing');
    await app.click('batch-apply');
    await app.click('batch-confirm-yes');
    await waitFor(
      async () => {
        const now = credits();
        return { ok: now.every((c) => c === 'Bild: Stadt Dortmund / Max Muster'), seen: now };
      },
      { timeout: 15_000, what: 'both credits replaced after confirming' },
    );
    if (rect) await app.session.setWindowRect({ x: 0, y: 0, width: 1280, height: 800 });
  });

  step('a lead photo is attached to an article and its thumbnail shows in the list', async () => {
    await app.click('nav-articles');
    const row = (await app.waitCount('article-row', (n) => n >= 1))[0];
    await (await app.el('row-headline', { within: row })).click();
    const headline = await app.el('field-headline');
    await waitFor(async () => (await headline.value()) !== '', { what: 'the article to load' });
    await app.click('lead-photo-choose');
    await app.el('photo-picker');
    await (await app.session.find(`${tid('photo-picker-item')}[data-photo-id="${ids.harbour}"]`)).click();
    await app.click('photo-picker-confirm');
    await app.el('lead-photo-thumb');
    assert.equal(await app.text('lead-photo-credit'), 'Bild: Stadt Dortmund / Erika Mustermann');
    await app.fill('lead-photo-alt', 'Der Phoenix-See am Abend');
    await app.waitSaved();
    const article = await waitFor(
      async () => {
        const list = cli(library, 'article', 'list');
        // The sample articles bring their own lead photos; ours is the harbour photo.
        const withLead = list.filter((a) => a.lead_photo?.photo_id === ids.harbour);
        const ok = withLead.length === 1 && withLead[0].lead_photo.alt_text === 'Der Phoenix-See am Abend';
        return { ok, value: withLead[0], seen: withLead.map((a) => a.lead_photo) };
      },
      { timeout: 15_000, what: 'the article stored with its lead photo' },
    );
    assert.deepEqual(article.lead_photo, { photo_id: ids.harbour, caption: null, alt_text: 'Der Phoenix-See am Abend' });
    // The photo knows where it is used.
    const used = cli(library, 'photo', 'show', String(ids.harbour)).used_in;
    assert.deepEqual(used.map((u) => [u.article_id, u.role]), [[article.id, 'lead']]);
    // Back in the list: the row shows the thumbnail, decoded.
    await app.click('back-to-list');
    await app.waitCount('article-row', (n) => n >= 1, { what: 'list rows after going back' });
    const leads = cli(library, 'article', 'list').filter((a) => a.lead_photo).length;
    await waitFor(
      async () => {
        const imgs = await app.exec(() => [...document.querySelectorAll('[data-testid="list-thumb"]')].map((i) => i.complete && i.naturalWidth));
        return { ok: imgs.length === leads && imgs.every((w) => w > 0), seen: imgs };
      },
      { timeout: 20_000, what: `${leads} decoded lead-photo thumbnails in the article list (ours and the samples')` },
    );
    await app.close();
    app = null;
  });
});
