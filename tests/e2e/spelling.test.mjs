// German spell checking in the real window: a misspelt word in the body gets WebKit's red
// underline, a Dortmund name from the press office's word list does not, and a name added to
// the word list (here with the CLI, as `add_dictionary_word` does) is accepted after a reload.
//
// The underline is found in a screenshot: red pixels in a thin band under the word's box.
//
//   NEWSROOM_SCREENSHOTS=1 tests/e2e/run.sh tests/e2e/spelling.test.mjs → docs/screenshot-spelling.png

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Harness, suiteOptions, assertPrerequisites, cli, REPO, SCREEN } from './lib/harness.mjs';
import { NewsroomApp, Key } from './lib/app.mjs';
import { steps } from './lib/steps.mjs';
import { waitFor } from './lib/wait.mjs';

const FOR_DOCS = process.env.NEWSROOM_SCREENSHOTS === '1';
const MISSPELT = 'Kindergartn';
const DISTRICT = 'Lütgendortmund';
const NAME = 'Wróblewska';

describe('spelling: German checker with the press office word list', suiteOptions(), () => {
  let harness;
  let app = null;
  let library;
  let outDir;
  const step = steps(() => app?.session ?? null);

  before(async () => {
    assertPrerequisites();
    harness = await Harness.start({ screen: SCREEN });
    library = harness.newLibraryDir('spelling');
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-spelling-'));
  });

  after(async () => {
    await harness?.stop();
    if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
  });

  /** The box of the first occurrence of `word` in the body editor, or in its last paragraph
   *  with `inLast` (CSS pixels). */
  function wordBox(word, inLast = false) {
    return app.exec((w, last) => {
      const editor = document.querySelector('[data-testid="body-editor"] .ProseMirror');
      const root = last ? editor.lastElementChild : editor;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const i = node.data.indexOf(w);
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(node, i);
        r.setEnd(node, i + w.length);
        const b = r.getBoundingClientRect();
        return { x: b.left, y: b.top, w: b.width, h: b.height, dpr: window.devicePixelRatio };
      }
      return null;
    }, word, inLast);
  }

  /** Red pixels in a band from the word's lower third to just under its box. */
  function redPixelsUnder(file, box) {
    const s = box.dpr || 1;
    const x = Math.round(box.x * s);
    const y = Math.round((box.y + box.h * 0.6) * s);
    const w = Math.max(1, Math.round(box.w * s));
    const h = Math.max(1, Math.round((box.h * 0.4 + 5) * s));
    const txt = execFileSync('convert', [file, '-crop', `${w}x${h}+${x}+${y}`, '+repage', '-depth', '8', 'txt:-'], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    let red = 0;
    for (const m of txt.matchAll(/\((\d+),(\d+),(\d+)/g)) {
      const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
      // WebKit's underline is a dotted, anti-aliased red line: about (255, 130, 130).
      if (r > 200 && r - g > 80 && r - b > 80) red += 1;
    }
    return red;
  }

  async function shoot(name) {
    const file = path.join(outDir, name);
    fs.writeFileSync(file, await app.session.screenshot());
    return file;
  }

  /** Types `text` as a new paragraph at the end of the body and waits for the checker. */
  async function typeParagraph(text) {
    await app.caretToEditorEnd();
    await app.typeInEditor(Key.ENTER + text + ' ');
    await app.waitSaved();
    // The checker marks words after they are finished; give it a moment to paint.
    await new Promise((r) => setTimeout(r, 800));
  }

  step('a new article with a misspelt word and a district name in the body', async () => {
    cli(library, 'words', 'list'); // creates the library (with samples) before the app opens it
    app = await NewsroomApp.launch(harness, { library });
    await app.session.setWindowRect({ x: 0, y: 0, width: SCREEN.width, height: SCREEN.height }).catch(() => null);
    await app.session.chord(Key.CONTROL, 'n');
    await app.el('field-headline', { timeout: 10_000 });
    await app.fill('field-headline', 'Neuer Kindergarten in Lütgendortmund');
    await typeParagraph(`Der ${MISSPELT} in ${DISTRICT} öffnet mit Frau ${NAME} im Frühjahr.`);
  });

  step('the misspelt word is underlined in red, the district name and correct words are not', async (t) => {
    const file = await shoot('spelling.png');
    const misspelt = redPixelsUnder(file, await wordBox(MISSPELT));
    const district = redPixelsUnder(file, await wordBox(DISTRICT));
    const correct = redPixelsUnder(file, await wordBox('Frühjahr'));
    const name = redPixelsUnder(file, await wordBox(NAME));
    t.diagnostic(`red pixels under: ${MISSPELT} ${misspelt}, ${DISTRICT} ${district}, Frühjahr ${correct}, ${NAME} ${name}`);
    assert.ok(misspelt >= 8, `${MISSPELT} should be underlined (${misspelt} red pixels)`);
    assert.equal(district, 0, `${DISTRICT} is in the word list and must not be underlined`);
    assert.equal(correct, 0, 'Frühjahr is German and must not be underlined');
    assert.ok(name >= 8, `${NAME} is not in the word list yet and should be underlined (${name})`);
    if (FOR_DOCS) fs.copyFileSync(file, path.join(REPO, 'docs/screenshot-spelling.png'));
  });

  step('a name added to the word list is no longer underlined after a reload', async (t) => {
    const added = cli(library, 'words', 'add', NAME);
    assert.deepEqual(added, { word: NAME, added: true });
    assert.ok(cli(library, 'words', 'list').includes(NAME));
    await app.exec(() => location.reload());
    await app.waitReady();
    // The article is the newest in the list: open it again and type the name once more.
    await waitFor(async () => (await app.all('article-row')).length > 0, { what: 'the list after the reload' });
    const row = (await app.all('article-row'))[0];
    await (await app.el('row-headline', { within: row })).click();
    await app.editor();
    await typeParagraph(`Auch ${NAME} und ${MISSPELT} sind dabei.`);
    const file = await shoot('spelling-after.png');
    const boxes = { name: await wordBox(NAME, true), bad: await wordBox(MISSPELT, true) };
    const name = redPixelsUnder(file, boxes.name);
    const misspelt = redPixelsUnder(file, boxes.bad);
    t.diagnostic(`after adding: ${NAME} ${name}, ${MISSPELT} ${misspelt}`);
    assert.equal(name, 0, `${NAME} was added to the word list and must not be underlined`);
    assert.ok(misspelt >= 8, `${MISSPELT} is still misspelt (${misspelt})`);
  });

  /** The context menu of the misspelt word, opened with a real right click (xdotool). */
  async function contextMenu(name, t) {
    const box = await wordBox(MISSPELT, true);
    // WebDriver's clicks stay inside WebKit and never open GTK's menu; the window sits at the
    // screen's origin, so page coordinates are screen coordinates.
    const env = { ...process.env, DISPLAY: harness.display };
    const at = [String(Math.round(box.x + box.w / 2)), String(Math.round(box.y + box.h / 2))];
    execFileSync('xdotool', ['mousemove', ...at, 'click', '3'], { env, timeout: 15_000 });
    // GTK's menu is a window of its own on the display, larger than a few pixels.
    const menu = await waitFor(
      async () => {
        const tree = execFileSync('xwininfo', ['-display', harness.display, '-root', '-tree'], { encoding: 'utf8', timeout: 15_000 });
        const popups = [...tree.matchAll(/"newsroom-app": \([^)]*\)\s+(\d+)x(\d+)\+/g)].filter((m) => Number(m[1]) > 100 && Number(m[2]) > 100);
        return { ok: popups.length > 0, value: popups[0]?.[0], seen: popups.length };
      },
      { timeout: 10_000, what: 'the context menu window' },
    );
    t.diagnostic(`menu: ${menu}`);
    await new Promise((r) => setTimeout(r, 500));
    const file = path.join(outDir, name);
    execFileSync('import', ['-display', harness.display, '-window', 'root', file], { timeout: 30_000 });
    if (FOR_DOCS) fs.copyFileSync(file, path.join(REPO, 'docs', `screenshot-${name}`));
    execFileSync('xdotool', ['key', 'Escape'], { env, timeout: 15_000 });
  }

  step('the context menu on a misspelt word opens, worded in German and in English', async (t) => {
    await contextMenu('context-menu-de.png', t);
    await app.click('lang-switch');
    await waitFor(async () => (await app.exec(() => document.documentElement.lang)) === 'en', { what: 'the English UI' });
    await contextMenu('context-menu-en.png', t);
    await app.close();
    app = null;
  });
});
