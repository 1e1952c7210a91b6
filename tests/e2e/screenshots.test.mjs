// Screenshots for the docs: the list and the editor in a 1280×800 window.
//
//   NEWSROOM_SCREENSHOTS=1 tests/e2e/run.sh   → writes docs/screenshot-list.png, docs/screenshot-editor.png
//   otherwise                                  → writes into a temp dir and only checks the PNGs
//
// Screenshots come from WebDriver; if WebKitWebDriver can't take one, from `import -window root`
// (imagemagick) on the Xvfb display, which is exactly as large as the window.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Harness, suiteOptions, assertPrerequisites, REPO, SCREEN } from './lib/harness.mjs';
import { NewsroomApp } from './lib/app.mjs';
import { steps } from './lib/steps.mjs';
import { waitFor } from './lib/wait.mjs';

const FOR_DOCS = process.env.NEWSROOM_SCREENSHOTS === '1';

/** Width, height and colour type from a PNG's IHDR chunk; throws if it isn't a PNG. */
function pngInfo(buf) {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(sig) || buf.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error(`not a PNG (${buf.length} bytes)`);
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** Number of distinct colours (imagemagick), or null if `identify` is not available. */
function colourCount(file) {
  try {
    return Number(execFileSync('identify', ['-format', '%k', file], { encoding: 'utf8', timeout: 30_000 }).trim());
  } catch {
    return null;
  }
}

describe('screenshots of list and editor (1280×800)', suiteOptions({ needCli: false }), () => {
  let harness;
  let app = null;
  let outDir;
  const via = {};
  const step = steps(() => app?.session ?? null);

  before(async () => {
    assertPrerequisites({ needCli: false });
    harness = await Harness.start({ screen: SCREEN });
    outDir = FOR_DOCS ? path.join(REPO, 'docs') : fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-screens-'));
    fs.mkdirSync(outDir, { recursive: true });
  });

  after(async () => {
    await harness?.stop();
    if (!FOR_DOCS && outDir) fs.rmSync(outDir, { recursive: true, force: true });
  });

  /** Take a screenshot into `file`: WebDriver first, imagemagick on the display as a fallback. */
  async function shoot(file) {
    try {
      fs.writeFileSync(file, await app.session.screenshot());
      return 'webdriver';
    } catch (e) {
      execFileSync('import', ['-display', harness.display, '-window', 'root', file], { timeout: 30_000 });
      return `imagemagick import (webdriver screenshot failed: ${e.message})`;
    }
  }

  function checkPng(file, name) {
    const buf = fs.readFileSync(file);
    const { width, height } = pngInfo(buf);
    assert.ok(buf.length > 10_000, `${name}: suspiciously small PNG (${buf.length} bytes)`);
    assert.ok(Math.abs(width - SCREEN.width) <= 16 && Math.abs(height - SCREEN.height) <= 80, `${name}: ${width}×${height}, expected about ${SCREEN.width}×${SCREEN.height}`);
    const colours = colourCount(file);
    if (colours !== null) assert.ok(colours > 16, `${name}: only ${colours} colours — blank window?`);
    return { width, height, bytes: buf.length, colours };
  }

  step('the app window is 1280×800', async (t) => {
    app = await NewsroomApp.launch(harness, { library: harness.newLibraryDir('screens') });
    t.diagnostic(`app start: session ${app.timings.sessionMs} ms, list ready ${app.timings.readyMs} ms`);
    let rect;
    try {
      rect = await app.session.setWindowRect({ x: 0, y: 0, width: SCREEN.width, height: SCREEN.height });
    } catch (e) {
      t.diagnostic(`setWindowRect not supported (${e.message}); relying on the ${SCREEN.width}×${SCREEN.height} Xvfb screen`);
      rect = await app.session.getWindowRect().catch(() => null);
    }
    t.diagnostic(`window rect: ${JSON.stringify(rect)}`);
    await waitFor(
      async () => {
        const v = await app.exec(() => ({ w: window.innerWidth, h: window.innerHeight }));
        return { ok: Math.abs(v.w - SCREEN.width) <= 16 && Math.abs(v.h - SCREEN.height) <= 80, seen: v };
      },
      { what: `the viewport to be about ${SCREEN.width}×${SCREEN.height}` },
    );
  });

  step('screenshot of the list', async (t) => {
    await app.waitCount('article-row', (n) => n >= 2, { what: 'sample articles in the list' });
    // Let fonts and layout settle: wait until the document's fonts are loaded.
    await app.session.executeAsync((done) => document.fonts.ready.then(() => requestAnimationFrame(() => done(true))));
    const file = path.join(outDir, 'screenshot-list.png');
    via.list = await shoot(file);
    t.diagnostic(`${file} via ${via.list}: ${JSON.stringify(checkPng(file, 'list'))}`);
  });

  step('screenshot of the editor', async (t) => {
    const row = (await app.all('article-row'))[0];
    await (await app.el('row-headline', { within: row })).click();
    const headline = await app.el('field-headline');
    await waitFor(async () => (await headline.value()) !== '', { what: 'the sample article to load into the editor' });
    await app.el('preview');
    await app.session.executeAsync((done) => document.fonts.ready.then(() => requestAnimationFrame(() => done(true))));
    const file = path.join(outDir, 'screenshot-editor.png');
    via.editor = await shoot(file);
    t.diagnostic(`${file} via ${via.editor}: ${JSON.stringify(checkPng(file, 'editor'))}`);
    await app.close();
    app = null;
  });
});
