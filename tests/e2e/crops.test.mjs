// Framing a photo in the real app window: a generated picture with a red mark top right
// (1800 × 1200, the mark at 1530, 240) is imported through the file dialog's seam and given a
// credit; a click on the mark sets the focal point, and the square crop's preview then shows
// the mark (its rectangle from the backend holds it, and the screenshot has red in its box);
// the square is set by hand with the keyboard, the point moved with the arrow keys keeping it;
// everything checked with the CLI. An article with the photo as its lead is exported through
// the dialog, with the website's address typed there: the listing's teaser picture is 16:9 and
// the page's og:image 1,200 × 630, both with the mark where the focal point puts it (their
// pixels). In the editor, a body figure is put in the square crop and given this article's own
// square, the lead its own wide crop, both with the keyboard; exported, the page and the listing
// show them and the photo's crops are untouched. The office adds a portrait crop to its crop
// set (a wrong aspect refused first) and the photo's crop view shows it. Then the English UI at
// 1024×700.
//
//   NEWSROOM_SCREENSHOTS=1 → also writes docs/crop-view.png, docs/crop-editor.png,
//   docs/article-crops.png, docs/crop-set.png and docs/crop-view-en.png (at 1024×700)

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

const FOR_DOCS = process.env.NEWSROOM_SCREENSHOTS === '1';
const SIZE = { width: 1800, height: 1200 };
const MARK = { x: 1530, y: 240, r: 28 };

describe('framing: focal point and crops in the real window', suiteOptions(), () => {
  let harness;
  let app = null;
  let library;
  let scratch;
  let photoId;
  let out;
  let articleId;
  let exportName;
  const step = steps(() => app?.session ?? null);

  before(async () => {
    assertPrerequisites();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-crops-'));
    const marked = path.join(scratch, 'marked.jpg');
    // Houses and a tree under the sky, and the red mark (a balloon): what the crops must keep.
    execFileSync('convert', [
      '-size', `${SIZE.width}x${SIZE.height}`, 'gradient:#7fa7cf-#dfe7ee',
      '-fill', '#5d7f45', '-draw', `rectangle 0,${SIZE.height * 0.72} ${SIZE.width},${SIZE.height}`,
      '-fill', '#b9a48a', '-draw', 'rectangle 120,560 420,880',
      '-fill', '#8c4a3a', '-draw', 'polygon 100,560 270,430 440,560',
      '-fill', '#d9cdb8', '-draw', 'rectangle 520,620 760,880',
      '-fill', '#6b3b30', '-draw', 'polygon 505,620 640,520 775,620',
      '-fill', '#2f4a2a', '-draw', 'circle 1050,700 1050,560',
      '-fill', '#5a4030', '-draw', 'rectangle 1035,760 1065,900',
      '-fill', 'red', '-draw', `circle ${MARK.x},${MARK.y} ${MARK.x + MARK.r},${MARK.y}`,
      '-quality', '92', marked,
    ], { timeout: 30_000 });
    process.env.NEWSROOM_PICK_FILES = marked;
    out = path.join(scratch, 'web');
    process.env.NEWSROOM_PICK_FOLDER = out;
    harness = await Harness.start();
    library = harness.newLibraryDir('crops');
  });

  after(async () => {
    await harness?.stop();
    delete process.env.NEWSROOM_PICK_FOLDER;
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

  /** The import's results put away and the framing scrolled to the top of the panel. */
  async function showFraming() {
    await app.exec(() => {
      document.querySelector('button.dismiss')?.click();
      // The panel's top just under the app's header, the panel scrolled to its top.
      const aside = document.querySelector('[data-testid="photo-framing"]').closest('aside');
      aside.scrollTop = 0;
      const header = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
      window.scrollBy(0, aside.getBoundingClientRect().top - header - 12);
    });
    await waitFor(
      async () => app.exec(() => [...document.querySelectorAll('[data-testid="photo-framing"] img')].every((i) => i.complete && i.naturalWidth > 0)),
      { timeout: 20_000, what: 'every picture of the framing loaded' },
    );
  }

  /** Back to the photo's framing in the media library. */
  async function showFramingOf() {
    await app.click('nav-photos');
    const card = await waitFor(() => app.session.find(`${tid('photo-card')}[data-photo-id="${photoId}"]`), { what: 'the photo card' });
    await card.click();
    await app.el('photo-framing');
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

  /** Presses `key` `times` times on the focused element, Shift held for the frame's large steps. */
  async function press(key, times, { shift = false } = {}) {
    const once = [{ type: 'keyDown', value: key }, { type: 'keyUp', value: key }];
    const actions = shift ? [{ type: 'keyDown', value: Key.SHIFT }, ...once, { type: 'keyUp', value: Key.SHIFT }] : once;
    for (let i = 0; i < times; i++) await app.session.performKeyActions(actions);
  }

  /** A crop's tile as the page shows it: its rectangle (from the backend), text and box. */
  function tile(name) {
    return app.exec((name) => {
      const li = document.querySelector(`[data-testid="crop"][data-name="${name}"]`);
      if (!li) return null;
      const [x, y, width, height] = li.dataset.rect.split(',').map(Number);
      const b = li.querySelector('[data-testid="crop-box"]').getBoundingClientRect();
      const img = li.querySelector('[data-testid="crop-box"] img');
      return {
        rect: { x, y, width, height },
        handSet: li.dataset.handSet === 'true',
        text: li.textContent.replace(/\s+/g, ' ').trim(),
        box: { x: b.left, y: b.top, w: b.width, h: b.height, dpr: window.devicePixelRatio },
        loaded: img.complete && img.naturalWidth > 0,
      };
    }, name);
  }

  const holdsMark = (r) => r.x <= MARK.x && MARK.x <= r.x + r.width && r.y <= MARK.y && MARK.y <= r.y + r.height;

  /** Red pixels inside a crop's preview box on a screenshot of the window. */
  async function redIn(box) {
    const file = path.join(scratch, 'shot.png');
    await settle();
    fs.writeFileSync(file, await app.session.screenshot());
    const s = box.dpr || 1;
    const crop = `${Math.round(box.w * s)}x${Math.round(box.h * s)}+${Math.round(box.x * s)}+${Math.round(box.y * s)}`;
    const txt = execFileSync('convert', [file, '-crop', crop, '+repage', '-depth', '8', 'txt:-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    let red = 0;
    for (const m of txt.matchAll(/\((\d+),(\d+),(\d+)/g)) {
      const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (r > 170 && r - g > 90 && r - b > 90) red += 1;
    }
    return red;
  }

  const focus = () => cli(library, 'photo', 'show', String(photoId)).focus;

  /** A picture file's size and where its red pixels are (their centre), by its pixels. */
  function picture(file) {
    const txt = execFileSync('convert', [file, '-depth', '8', 'txt:-'], { encoding: 'utf8', maxBuffer: 256 << 20 });
    const [, w, h] = /^# ImageMagick pixel enumeration: (\d+),(\d+)/.exec(txt).map(Number);
    let n = 0, sx = 0, sy = 0;
    for (const m of txt.matchAll(/^(\d+),(\d+): \((\d+),(\d+),(\d+)/gm)) {
      const [x, y, r, g, b] = m.slice(1).map(Number);
      if (r > 170 && r - g > 90 && r - b > 90) {
        n += 1;
        sx += x;
        sy += y;
      }
    }
    return { w, h, red: n, at: n ? { x: sx / n, y: sy / n } : null };
  }
  const near = (f, x, y) => f && Math.abs(f.x - x) <= 0.01 && Math.abs(f.y - y) <= 0.01;

  step('the marked photo is imported and given a credit', async () => {
    app = await NewsroomApp.launch(harness, { library });
    await app.click('nav-photos');
    await app.click('photo-import');
    await waitFor(
      async () => {
        const p = cli(library, 'photo', 'list').items.find((x) => x.original_name === 'marked.jpg');
        return { ok: !!p, value: p, seen: p };
      },
      { timeout: 60_000, what: 'marked.jpg imported' },
    );
    photoId = cli(library, 'photo', 'list').items.find((x) => x.original_name === 'marked.jpg').id;
    const card = await waitFor(() => app.session.find(`${tid('photo-card')}[data-photo-id="${photoId}"]`), { what: 'the photo card' });
    await card.click();
    await app.el('photo-framing');
    await app.fill('photo-credit', 'Bild: Stadt Dortmund / Erika Mustermann');
    await waitFor(async () => cli(library, 'photo', 'show', String(photoId)).credit === 'Bild: Stadt Dortmund / Erika Mustermann', {
      timeout: 15_000,
      what: 'the credit stored',
    });
    // Nothing marked yet: the square follows the centre and leaves the mark out.
    const square = await waitFor(async () => {
      const t = await tile('square');
      return { ok: t?.loaded, value: t, seen: t };
    }, { timeout: 20_000, what: 'the square preview with its picture' });
    assert.deepEqual(square.rect, { x: 300, y: 0, width: 1200, height: 1200 });
    assert.equal(holdsMark(square.rect), false);
    assert.equal(await redIn(square.box), 0, 'no red in the square preview before the focal point is set');
  });

  step('a click on the red mark sets the focal point; the square preview then shows the mark', async (t) => {
    const picture = await app.el('focal-picture');
    const r = await app.exec((e) => {
      e.scrollIntoView({ block: 'center' });
      const b = e.getBoundingClientRect();
      return { w: b.width, h: b.height };
    }, picture);
    // WebDriver points from the element's centre.
    const dx = Math.round((MARK.x / SIZE.width - 0.5) * r.w);
    const dy = Math.round((MARK.y / SIZE.height - 0.5) * r.h);
    await app.session.cmd('POST', '/actions', {
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', origin: picture.toJSON(), x: dx, y: dy },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
    await app.session.cmd('DELETE', '/actions');
    const f = await waitFor(async () => {
      const f = focus();
      return { ok: near(f, 0.85, 0.2), value: f, seen: f };
    }, { timeout: 15_000, what: 'the focal point stored near (0.85, 0.2)' });
    t.diagnostic(`focal point ${JSON.stringify(f)} from a click on a ${Math.round(r.w)}×${Math.round(r.h)} px picture`);
    const square = await waitFor(async () => {
      const s = await tile('square');
      return { ok: s && holdsMark(s.rect), value: s, seen: s };
    }, { what: 'the square preview to follow the focal point' });
    assert.deepEqual(square.rect, { x: 600, y: 0, width: 1200, height: 1200 });
    const stored = cli(library, 'photo', 'crops', String(photoId));
    assert.deepEqual(stored.find((c) => c.name === 'square').rect, square.rect, 'the preview shows what the library says');
    assert.ok(stored.every((c) => c.holds_focus), JSON.stringify(stored));
    const red = await redIn(square.box);
    t.diagnostic(`red pixels in the square preview: ${red}`);
    assert.ok(red >= 1, `the mark is in the square preview (${red} red pixels)`);
    assert.match(await app.exec(() => document.querySelector('[data-testid="focal-marker"]').getAttribute('aria-valuetext')), /85 % von links, 20 % von oben/);
  });

  step('the square is set by hand with the keyboard', async () => {
    const open = await app.session.find(`${tid('crop')}[data-name="square"] ${tid('crop-open')}`);
    await open.click();
    const frame = await app.el('crop-frame');
    await waitFor(async () => app.exec((e) => document.activeElement === e, frame), { what: 'the frame to have the focus' });
    assert.equal(await frame.attr('data-rect'), '600,0,1200,1200');
    // A tenth of the width narrower, a tenth of the height down (Shift: large steps).
    await app.session.performKeyActions([
      { type: 'keyDown', value: Key.SHIFT },
      { type: 'keyDown', value: '-' },
      { type: 'keyUp', value: '-' },
      { type: 'keyDown', value: Key.ARROW_DOWN },
      { type: 'keyUp', value: Key.ARROW_DOWN },
      { type: 'keyUp', value: Key.SHIFT },
    ]);
    assert.equal(await frame.attr('data-rect'), '600,120,1020,1020');
    await waitFor(async () => app.exec(() => document.querySelector('[data-testid="crop-stage"] img').naturalWidth > 0), {
      timeout: 20_000,
      what: 'the picture in the crop editor',
    });
    await shoot('crop-editor.png');
    await app.click('crop-save');
    await waitFor(async () => !(await app.exec(() => document.querySelector('[data-testid="crop-editor"]'))), { what: 'the crop editor to close' });
    const square = cli(library, 'photo', 'crops', String(photoId)).find((c) => c.name === 'square');
    assert.deepEqual(square.rect, { x: 600, y: 120, width: 1020, height: 1020 });
    assert.equal(square.hand_set, true);
    const shown = await waitFor(async () => {
      const s = await tile('square');
      return { ok: s?.handSet, value: s, seen: s };
    }, { what: 'the square tile marked as set by hand' });
    assert.match(shown.text, /von Hand/);
    assert.match(shown.text, /schmaler als 1\.200 px/);
  });

  step('the arrow keys move the focal point; keeping the hand-set square is asked first', async () => {
    const marker = await app.el('focal-marker');
    await app.exec((e) => e.focus(), marker);
    await app.session.keys(Key.ARROW_LEFT, Key.ARROW_LEFT);
    await app.el('keep-hand-set');
    assert.ok(near(focus(), 0.85, 0.2), 'nothing stored while the question is open');
    await app.click('keep-hand-set-yes');
    await waitFor(async () => {
      const f = focus();
      return { ok: near(f, 0.83, 0.2), seen: f };
    }, { timeout: 15_000, what: 'the focal point moved two steps left' });
    const square = cli(library, 'photo', 'crops', String(photoId)).find((c) => c.name === 'square');
    assert.equal(square.hand_set, true, 'the hand-set square is kept');
    assert.deepEqual(square.rect, { x: 600, y: 120, width: 1020, height: 1020 });
  });

  step('exported with the website’s address: the listing’s teaser is 16:9 and og:image 1,200 × 630, both with the mark', async (t) => {
    // An article with the photo as its lead, Freigegeben, set up with the CLI.
    cli(library, 'photo', 'update', String(photoId), '--alt-text', 'Ein roter Ballon über Häusern und einem Baum');
    const input = path.join(scratch, 'article.json');
    fs.writeFileSync(input, JSON.stringify({
      kicker: 'Stadtleben',
      headline: 'Ballonfest über dem Westpark',
      teaser: 'Am Samstag steigen die Ballons vom Westpark auf.',
      body: `Der Start ist um 10 Uhr.\n\n![](photo:${photoId})`,
      published_at: '2025-11-12T10:30:00+01:00',
      related_links: [{ label: 'Programm', url: 'https://www.dortmund.de/ballonfest' }],
      lead_photo: { photo_id: photoId, caption: null, alt_text: null },
    }));
    const article = cli(library, 'article', 'create', input);
    cli(library, 'article', 'state', String(article.id), 'ready');

    await app.click('nav-articles');
    await app.click('export-ready');
    await app.el('export-dialog');
    await app.fill('export-base-url', 'https://www.dortmund.de/presse');
    await app.click('export-base-url-save');
    await waitFor(async () => (await (await app.el('export-base-url')).value()) === 'https://www.dortmund.de/presse/', {
      what: 'the address stored as the backend normalised it',
    });
    if (!(await app.text('export-folder')).includes(out)) await app.click('export-pick-folder');
    await waitFor(async () => (await app.text('export-folder')).includes(out), { what: 'the folder' });
    await waitFor(async () => (await (await app.el('export-start')).prop('disabled')) === false, { what: 'start enabled' });
    await app.click('export-start');
    await app.el('export-summary', { timeout: 120_000 });
    const bundle = await app.session.find(`${tid('export-bundle')}[data-article-id="${article.id}"]`);
    const name = await bundle.attr('data-name');
    await app.click('export-close');

    // The listing: its teaser picture is the wide crop, 16:9, with the mark inside.
    const listing = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    const img = new RegExp(`<img src="(${name}/images/photo-${photoId}-wide-\\d+\\.jpg)"[^>]* width="(\\d+)" height="(\\d+)"`).exec(listing);
    assert.ok(img, 'the listing shows the wide crop');
    const teaser = picture(path.join(out, img[1]));
    t.diagnostic(`teaser ${img[1]}: ${teaser.w}×${teaser.h}, ${teaser.red} red pixels at ${JSON.stringify(teaser.at)}`);
    assert.deepEqual([teaser.w, teaser.h], [Number(img[2]), Number(img[3])]);
    assert.equal(teaser.h, Math.round((teaser.w * 9) / 16), `${teaser.w}×${teaser.h} is 16:9`);
    assert.ok(teaser.red > 0, 'the mark is in the teaser picture');

    // The page: og:image is the social crop at 1,200 × 630, absolute, with the mark where the
    // focal point puts it (the crop is the photo's full width from the top: 1800 × 945).
    const page = fs.readFileSync(path.join(out, name, 'index.html'), 'utf8');
    const og = /<meta property="og:image" content="([^"]+)">/.exec(page)?.[1];
    assert.ok(og?.startsWith(`https://www.dortmund.de/presse/${name}/images/photo-${photoId}-social-1200.jpg`), og);
    assert.match(page, /<meta property="og:image:width" content="1200">/);
    assert.match(page, /<meta property="og:image:height" content="630">/);
    const card = picture(path.join(out, og.slice('https://www.dortmund.de/presse/'.length)));
    t.diagnostic(`og:image ${card.w}×${card.h}, ${card.red} red pixels at ${JSON.stringify(card.at)}`);
    assert.deepEqual([card.w, card.h], [1200, 630]);
    assert.ok(card.red > 0, 'the mark is in the social picture');
    const expected = { x: (MARK.x / 1800) * 1200, y: (MARK.y / 945) * 630 };
    assert.ok(Math.abs(card.at.x - expected.x) < 12 && Math.abs(card.at.y - expected.y) < 12, `mark at ${JSON.stringify(card.at)}, expected ${JSON.stringify(expected)}`);
    articleId = article.id;
    exportName = name;
  });

  step('in the editor a body figure takes the square crop and the article its own crops; the export shows them', async (t) => {
    await app.click('nav-articles');
    const row = await waitFor(async () => {
      const r = await app.session.findAll(`${tid('article-row')}[data-id="${articleId}"]`);
      return { ok: r.length === 1, value: r[0] };
    }, { what: 'the article row' });
    await (await app.el('row-headline', { within: row })).click();
    await app.el('body-figure-crop');
    const body = () => cli(library, 'article', 'show', String(articleId)).body;

    // The figure in the photo's square crop: the editor shows that part of the picture.
    await app.select('body-figure-crop', 'square');
    await app.waitSaved();
    assert.match(body(), new RegExp(`!\\[\\]\\(photo:${photoId}#square\\)`));
    const shown = await app.exec(() => {
      const f = document.querySelector('[data-testid="body-figure"] .figure-frame').getBoundingClientRect();
      return { w: Math.round(f.width), h: Math.round(f.height) };
    });
    t.diagnostic(`the figure in the editor: ${JSON.stringify(shown)}`);
    assert.ok(Math.abs(shown.w - shown.h) <= 1, `the editor shows the figure square (${shown.w}×${shown.h})`);

    // This article's own square: the photo's, moved to the left edge with the keyboard.
    await app.click('body-figure-crop-adjust');
    const frame = await app.el('crop-frame');
    assert.match(await app.text('crop-editor'), /für diesen Artikel/);
    await waitFor(async () => app.exec((e) => document.activeElement === e, frame), { what: 'the frame to have the focus' });
    assert.equal(await frame.attr('data-rect'), '600,120,1020,1020');
    await press(Key.ARROW_LEFT, 8, { shift: true });
    const own = await frame.attr('data-rect');
    const [ox, oy, ow, oh] = own.split(',').map(Number);
    assert.ok(ox === 0 && ow === oh, `moved to the left edge: ${own}`);
    await app.click('crop-save');
    await waitFor(async () => !(await app.exec(() => document.querySelector('[data-testid="crop-editor"]'))), { what: 'the crop editor to close' });
    await app.waitSaved();
    assert.match(body(), new RegExp(`photo:${photoId}#square=${ox},${oy},${ow},${oh}\\)`));
    assert.equal(await app.exec(() => !document.querySelector('[data-testid="body-figure-crop-own"]').hidden), true);
    // The photo's own square is untouched.
    assert.deepEqual(cli(library, 'photo', 'crops', String(photoId)).find((c) => c.name === 'square').rect, { x: 600, y: 120, width: 1020, height: 1020 });
    // The preview shows the figure in this article's square: a square picture from the left edge.
    const previewed = await waitFor(async () => {
      const v = await app.exec(() => {
        const i = document.querySelector('[data-testid="preview"] figure img');
        return i && i.complete ? { src: i.getAttribute('src'), w: i.naturalWidth, h: i.naturalHeight } : null;
      });
      return { ok: v?.w > 0 && /\/crop\/.*rect=/.test(v.src), value: v, seen: v };
    }, { timeout: 20_000, what: 'the preview figure in its crop' });
    t.diagnostic(`the preview figure: ${JSON.stringify(previewed)}`);
    assert.match(previewed.src, new RegExp(`/crop/${photoId}/square/640\\?rect=${ox},${oy},${ow},${oh}&a=${articleId}$`));
    assert.equal(previewed.w, previewed.h, 'the preview figure is square');

    // The lead's own wide crop for this article: the bottom of the photo (without the mark).
    await app.exec(() => document.querySelector('[data-testid="lead-own-crop-wide"]').scrollIntoView({ block: 'center' }));
    await app.click('lead-own-crop-wide');
    const wideFrame = await app.el('crop-frame');
    await waitFor(async () => app.exec((e) => document.activeElement === e, wideFrame), { what: 'the wide frame to have the focus' });
    // A 16:9 frame as wide as the photo reaches up to the mark: made 10 % narrower first.
    await press('-', 1, { shift: true });
    await press(Key.ARROW_DOWN, 12, { shift: true });
    const wide = (await wideFrame.attr('data-rect')).split(',').map(Number);
    assert.equal(wide[1] + wide[3], 1200, `the wide frame at the bottom: ${wide}`);
    assert.ok(wide[1] > MARK.y + MARK.r, `the wide frame below the mark: ${wide}`);
    await app.click('crop-save');
    await app.waitSaved();
    const lead = cli(library, 'article', 'show', String(articleId)).lead_photo;
    assert.deepEqual(lead.crops.wide, { x: wide[0], y: wide[1], width: wide[2], height: wide[3] });
    assert.match(await app.text('lead-own-crop-wide'), /eigener Zuschnitt/);
    await shoot('article-crops.png');

    // Exported: the page's figure is this article's square (no mark: it is the left edge); the
    // listing's teaser this article's wide crop, 16:9, without the mark.
    const web = path.join(scratch, 'web2');
    cli(library, 'export', String(articleId), '--format', 'both', '--out', web, '--base-url', 'https://www.dortmund.de/presse/');
    const page = fs.readFileSync(path.join(web, exportName, 'index.html'), 'utf8');
    const fig = new RegExp(`<div class="body">[\\s\\S]*?<img src="(images/photo-${photoId}-square-\\d+\\.jpg)"`).exec(page);
    assert.ok(fig, 'the body figure is the square crop');
    const square = picture(path.join(web, exportName, fig[1]));
    t.diagnostic(`figure ${fig[1]}: ${square.w}×${square.h}, ${square.red} red pixels`);
    assert.equal(square.w, square.h);
    assert.equal(square.red, 0, 'the article’s own square is the left edge, without the mark');
    const listing = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
    const teaser = picture(path.join(web, new RegExp(`<img src="(${exportName}/images/photo-${photoId}-wide-\\d+\\.jpg)"`).exec(listing)[1]));
    assert.equal(teaser.h, Math.round((teaser.w * 9) / 16));
    assert.equal(teaser.red, 0, 'the article’s own wide crop is the bottom, without the mark');
    await showFramingOf();
  });

  step('the office’s crop set: a portrait crop is added, a wrong aspect refused in words, and every photo is cut to it', async (t) => {
    await app.click('crop-set-open');
    await app.el('crop-set');
    await app.waitCount('cropset-row', (n) => n === 4, { what: 'the office’s four crops' });
    const rowOf = (name) => app.session.find(`${tid('cropset-row')}[data-name="${name}"]`);
    // A name that is taken is said at once and cannot be added.
    await app.fill('cropset-new-name', 'square');
    assert.match(await app.text('crop-set'), /Einen Zuschnitt „square“ gibt es schon/);
    assert.equal(await (await app.el('cropset-add')).enabled(), false);
    await app.fill('cropset-new-name', 'hochformat');
    await app.click('cropset-add');
    const row = await waitFor(() => rowOf('hochformat'), { what: 'the new row' });
    // 5:1 is wider than a crop may be: refused, worded in German, nothing stored.
    await app.fill('cropset-w', '5', { within: row });
    await app.fill('cropset-h', '1', { within: row });
    await app.click('cropset-save');
    assert.equal(
      await app.text('cropset-error'),
      'Ungültige Eingabe: Das Seitenverhältnis von „hochformat“ muss zwischen 1:4 und 4:1 liegen, mit Zahlen von 1 bis 1000.',
    );
    assert.ok(!cli(library, 'photo', 'crops', String(photoId)).some((c) => c.name === 'hochformat'), 'nothing stored');
    // 2:3 it is.
    await app.fill('cropset-w', '2', { within: row });
    await app.fill('cropset-h', '3', { within: row });
    assert.equal(await app.text('cropset-ratio', { within: row }), '= 2:3');
    assert.equal(await app.exec(() => document.querySelector('[data-testid="cropset-error"]')), null, 'typing made the message go');
    await shoot('crop-set.png');
    await app.click('cropset-save');
    await waitFor(async () => !(await app.exec(() => document.querySelector('[data-testid="crop-set"]'))), { what: 'the crop set dialog to close' });

    // The open photo's crop view shows the new crop at once, around the focal point.
    const portrait = await waitFor(async () => {
      const p = await tile('hochformat');
      return { ok: p?.loaded === true, value: p, seen: p };
    }, { what: 'the portrait crop’s tile' });
    t.diagnostic(`hochformat: ${JSON.stringify(portrait.rect)}`);
    assert.ok(Math.abs(portrait.rect.width * 3 - portrait.rect.height * 2) <= 3, `2:3: ${JSON.stringify(portrait.rect)}`);
    assert.equal(portrait.rect.height, SIZE.height, 'as tall as the photo: the largest 2:3 rectangle');
    assert.ok(holdsMark(portrait.rect), 'it keeps the focal point');
    assert.ok(Math.abs(portrait.box.w / portrait.box.h - 2 / 3) < 0.02, `the tile is 2:3: ${JSON.stringify(portrait.box)}`);
    const stored = cli(library, 'photo', 'crops', String(photoId)).find((c) => c.name === 'hochformat');
    assert.deepEqual(stored.rect, portrait.rect);
  });

  step('in English at 1024×700 the crop view fits and says the same', async (t) => {
    await resize(1024, 700);
    await showFraming();
    await shoot('crop-view.png');
    await app.click('lang-switch');
    await waitFor(async () => (await app.exec(() => document.documentElement.lang)) === 'en', { what: 'the English UI' });
    const square = await waitFor(async () => {
      const s = await tile('square');
      return { ok: /Square 1:1/.test(s?.text ?? ''), value: s, seen: s };
    }, { what: 'the square tile in English' });
    assert.match(square.text, /set by hand/);
    assert.match(square.text, /narrower than 1,200 px/);
    assert.match((await tile('social')).text, /Social 1\.91:1/);
    const fit = await app.exec(() => {
      const side = document.querySelector('[data-testid="photo-framing"]');
      const s = side.getBoundingClientRect();
      const out = [...side.querySelectorAll('[data-testid="crop"], [data-testid="focal-picture"], button')]
        .map((e) => e.getBoundingClientRect())
        .filter((r) => r.width > 0 && (r.left < s.left - 1 || r.right > s.right + 1)).length;
      const doc = document.scrollingElement;
      const panel = side.closest('aside');
      return { out, docOverflow: doc.scrollWidth - doc.clientWidth, panelOverflow: panel.scrollWidth - panel.clientWidth, width: Math.round(s.width), picture: Math.round(side.querySelector('[data-testid="focal-picture"]').getBoundingClientRect().width) };
    });
    t.diagnostic(`1024×700: ${JSON.stringify(fit)}`);
    await showFraming();
    assert.equal(fit.out, 0, 'nothing of the crop view sticks out of the panel');
    assert.ok(fit.docOverflow <= 0 && fit.panelOverflow <= 0, JSON.stringify(fit));
    assert.ok(fit.picture >= 300, `the picture is ${fit.picture} px wide`);
    assert.match(await app.exec(() => document.querySelector('[data-testid="focal-marker"]').getAttribute('aria-valuetext')), /83 % from the left, 20 % from the top/);
    await shoot('crop-view-en.png');
    await app.click('lang-switch');
    await app.close();
    app = null;
  });
});
