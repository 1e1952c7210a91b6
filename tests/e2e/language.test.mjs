// One language at a time, in the real window: with the UI switched to English, the photo
// dialog (GTK's own file chooser, opened for real, not through the test seam) carries the
// English title, and refused files are explained in English, worded by the UI from the codes
// and values the backend sends. Switching back to German rewords the same results.
//
//   NEWSROOM_SCREENSHOTS=1 → also writes docs/screenshot-import-dialog-en.png and
//                            docs/screenshot-import-error-en.png

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Harness, suiteOptions, assertPrerequisites, REPO } from './lib/harness.mjs';
import { NewsroomApp } from './lib/app.mjs';
import { steps } from './lib/steps.mjs';
import { waitFor } from './lib/wait.mjs';

const FOR_DOCS = process.env.NEWSROOM_SCREENSHOTS === '1';

/** The names of the top-level windows on the display (xwininfo, from x11-utils). */
function windowNames(display) {
  const tree = execFileSync('xwininfo', ['-display', display, '-root', '-children'], { encoding: 'utf8', timeout: 15_000 });
  return [...tree.matchAll(/^\s+0x[0-9a-f]+ "([^"]*)"/gm)].map((m) => m[1]);
}

async function shoot(app, harness, name) {
  if (!FOR_DOCS) return;
  const file = path.join(REPO, 'docs', name);
  // The root window, so that a GTK dialog over the webview is in the picture.
  execFileSync('import', ['-display', harness.display, '-window', 'root', file], { timeout: 30_000 });
}

async function toEnglish(app) {
  await app.click('nav-photos');
  await app.el('photo-import');
  if ((await app.exec(() => document.documentElement.lang)) !== 'en') await app.click('lang-switch');
  await waitFor(async () => (await app.exec(() => document.documentElement.lang)) === 'en', { what: 'the English UI' });
}

describe('the English UI: the photo dialog', suiteOptions({ needCli: false }), () => {
  let harness;
  let app = null;
  const step = steps(() => app?.session ?? null);

  before(async () => {
    assertPrerequisites({ needCli: false });
    delete process.env.NEWSROOM_PICK_FILES;
    harness = await Harness.start();
  });

  after(async () => {
    await harness?.stop();
  });

  step('the import dialog opens with the English title', async (t) => {
    app = await NewsroomApp.launch(harness, { library: harness.newLibraryDir('dialog') });
    await toEnglish(app);
    assert.ok(!windowNames(harness.display).includes('Import photos'), 'no dialog before the click');
    await app.click('photo-import');
    const names = await waitFor(
      async () => {
        const seen = windowNames(harness.display);
        return { ok: seen.includes('Import photos'), value: seen, seen };
      },
      { timeout: 20_000, what: 'a window titled "Import photos"' },
    );
    t.diagnostic(`windows: ${JSON.stringify(names)}`);
    assert.ok(!names.includes('Bilder importieren'), `no German dialog: ${JSON.stringify(names)}`);
    // Let the chooser draw its folder before the picture.
    await new Promise((r) => setTimeout(r, 1500));
    await shoot(app, harness, 'screenshot-import-dialog-en.png');
    // WebDriver cannot answer a GTK dialog; closing the app closes it.
    await app.close();
    app = null;
  });
});

describe('the English UI: refused files', suiteOptions({ needCli: false }), () => {
  let harness;
  let app = null;
  let scratch;
  const step = steps(() => app?.session ?? null);

  before(async () => {
    assertPrerequisites({ needCli: false });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-language-'));
    const pdf = path.join(scratch, 'Programm.pdf');
    fs.writeFileSync(pdf, '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const empty = path.join(scratch, 'Rathaus.jpg');
    fs.writeFileSync(empty, '');
    // The dialog's seam: these two files are "picked".
    process.env.NEWSROOM_PICK_FILES = [pdf, empty].join('\n');
    harness = await Harness.start();
  });

  after(async () => {
    delete process.env.NEWSROOM_PICK_FILES;
    await harness?.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  async function notes() {
    return Promise.all((await app.all('import-note')).map((n) => n.text()));
  }

  step('a PDF and an empty file are refused, explained in English only', async (t) => {
    app = await NewsroomApp.launch(harness, { library: harness.newLibraryDir('refused') });
    await toEnglish(app);
    await app.click('photo-import');
    const seen = await waitFor(
      async () => {
        const n = await notes();
        return { ok: n.length === 2, value: n, seen: n };
      },
      { timeout: 60_000, what: 'two import notes' },
    );
    t.diagnostic(`notes: ${JSON.stringify(seen)}`);
    const pdf = seen.find((n) => n.includes('Programm.pdf'));
    const empty = seen.find((n) => n.includes('Rathaus.jpg'));
    assert.match(pdf, /File format not supported/);
    assert.match(pdf, /The file is a PDF document; Newsroom takes JPEG, PNG, WebP and TIFF photos\./);
    assert.match(empty, /The file is empty \(0 bytes\)/);
    for (const n of seen) assert.doesNotMatch(n, /Datei|Bild|nimmt|ist ein|leer/, `German in the English UI: ${n}`);
    await app.exec(() => new Promise((r) => document.fonts.ready.then(() => requestAnimationFrame(() => r(true)))));
    await shoot(app, harness, 'screenshot-import-error-en.png');
  });

  step('switched to German, the same results are worded in German only', async () => {
    await app.click('lang-switch');
    const seen = await waitFor(
      async () => {
        const n = await notes();
        return { ok: n.some((x) => x.includes('PDF-Dokument')), value: n, seen: n };
      },
      { what: 'the notes in German' },
    );
    const pdf = seen.find((n) => n.includes('Programm.pdf'));
    assert.match(pdf, /Die Datei ist ein PDF-Dokument; Newsroom nimmt Fotos als JPEG, PNG, WebP und TIFF\./);
    for (const n of seen) assert.doesNotMatch(n, /is a PDF|takes|empty|not supported/, `English in the German UI: ${n}`);
    await app.close();
    app = null;
  });
});
