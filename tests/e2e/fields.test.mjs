// The editor's fields in the real window: the date field in German form with its calendar
// (and, with NEWSROOM_SCREENSHOTS=1, docs/screenshot-date-field.png), and no empty drafts
// left in the list by Ctrl+N.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Harness, suiteOptions, assertPrerequisites, REPO, SCREEN } from './lib/harness.mjs';
import { NewsroomApp, Key } from './lib/app.mjs';
import { steps } from './lib/steps.mjs';
import { waitFor } from './lib/wait.mjs';

const FOR_DOCS = process.env.NEWSROOM_SCREENSHOTS === '1';

describe('editor fields in the real window', suiteOptions({ needCli: false }), () => {
  let harness;
  let app = null;
  let outDir;
  let rows0 = 0;
  const step = steps(() => app?.session ?? null);

  before(async () => {
    assertPrerequisites({ needCli: false });
    harness = await Harness.start({ screen: SCREEN });
    outDir = FOR_DOCS ? path.join(REPO, 'docs') : fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-fields-'));
  });

  after(async () => {
    await app?.close().catch(() => {});
    await harness?.stop();
    if (!FOR_DOCS && outDir) fs.rmSync(outDir, { recursive: true, force: true });
  });

  const headlines = async () => Promise.all((await app.all('row-headline')).map((e) => e.text()));

  step('Ctrl+N twice, then back to the list: no empty draft is left', async () => {
    app = await NewsroomApp.launch(harness, { library: harness.newLibraryDir('fields') });
    await app.session.setWindowRect({ x: 0, y: 0, width: SCREEN.width, height: SCREEN.height }).catch(() => {});
    await app.waitCount('article-row', (n) => n >= 2, { what: 'sample articles in the list' });
    rows0 = (await app.all('article-row')).length;
    for (let i = 0; i < 2; i++) {
      await app.session.chord(Key.CONTROL, 'n');
      const headline = await app.el('field-headline');
      await waitFor(async () => (await app.session.activeElement()).attr('data-testid').then((v) => v === 'field-headline'), {
        what: 'the new article with its headline focused',
      });
      assert.equal(await headline.value(), '');
    }
    await app.click('back-to-list');
    await app.waitCount('article-row', (n) => n === rows0, { what: `the list back at ${rows0} articles` });
    assert.ok(!(await headlines()).includes('(ohne Überschrift)'), 'no "(ohne Überschrift)" draft in the list');
  });

  step('the date field takes the German form and shows the calendar', async (t) => {
    const row = (await app.all('article-row'))[0];
    await (await app.el('row-headline', { within: row })).click();
    await waitFor(async () => (await (await app.el('field-headline')).value()) !== '', { what: 'the article to load' });
    assert.equal(await app.session.execute(() => document.querySelectorAll('input[type="datetime-local"]').length), 0);
    await app.setDateTime('field-published-at', '12.11.25 10:30', '12.11.2025, 10:30');
    await app.waitSaved();
    await app.click('field-published-at-calendar-button');
    await app.el('field-published-at-calendar');
    assert.equal(await app.text('field-published-at-month'), 'November 2025');
    await app.session.keys('\uE014'); // ArrowRight
    await waitFor(async () => (await (await app.session.activeElement()).attr('data-day')) === '13', {
      what: 'ArrowRight to move to the 13th',
    });
    await app.session.executeAsync((done) => document.fonts.ready.then(() => requestAnimationFrame(() => done(true))));
    const file = path.join(outDir, 'screenshot-date-field.png');
    fs.writeFileSync(file, await app.session.screenshot());
    t.diagnostic(`${file}: ${fs.statSync(file).size} bytes`);
    await app.session.keys(Key.ENTER);
    await waitFor(async () => (await (await app.el('field-published-at')).value()) === '13.11.2025, 10:30', {
      what: 'Enter to pick the 13th, keeping the time',
    });
    await app.waitSaved();
  });
});
