// The window shows the app and nothing else: a link clicked in the preview opens in the
// system's browser (here the app's test stand-in NEWSROOM_OPENED_LOG records it), the editor
// stays where it was, and a script sending the window elsewhere is refused: a web address
// goes to the browser, a local file nowhere.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Harness, suiteOptions, assertPrerequisites, cli } from './lib/harness.mjs';
import { NewsroomApp } from './lib/app.mjs';
import { steps } from './lib/steps.mjs';
import { waitFor } from './lib/wait.mjs';

const LINK = 'https://example.org/programm?tag=samstag';
const HEADLINE = 'Stadtfest: das Programm';

describe('links leave the window for the browser; the window stays the app', suiteOptions(), () => {
  let harness;
  let app = null;
  let library;
  let opened;
  const step = steps(() => app?.session ?? null);

  before(async () => {
    assertPrerequisites();
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-nav-'));
    opened = path.join(scratch, 'opened.txt');
    harness = await Harness.start({ env: { NEWSROOM_OPENED_LOG: opened } });
    library = harness.newLibraryDir('navigation');
    const json = path.join(scratch, 'article.json');
    fs.writeFileSync(json, JSON.stringify({ headline: HEADLINE, body: `Alles zum Fest im [Programm](${LINK}).` }));
    cli(library, 'article', 'create', json);
  });

  after(async () => {
    await harness?.stop();
  });

  const openedLinks = () => (fs.existsSync(opened) ? fs.readFileSync(opened, 'utf8').split('\n').filter(Boolean) : []);
  const where = () => app.exec(() => location.href);

  step('a link clicked in the preview goes to the browser; the editor stays', async () => {
    app = await NewsroomApp.launch(harness, { library });
    const start = await where();
    await app.waitCount('article-row', (n) => n >= 1, { what: 'the articles' });
    // Newest first: the article just made (the samples carry publication dates of the past).
    await app.click('article-row');
    assert.equal(await (await app.el('field-headline')).value(), HEADLINE);
    const link = await app.session.find(`[data-testid="preview"] a[href="${LINK}"]`);
    await link.click();
    await waitFor(() => ({ ok: openedLinks().includes(LINK), seen: openedLinks() }), { timeout: 10_000, what: 'the link handed to the browser' });
    assert.equal((await app.all('field-headline')).length, 1, 'the editor is still there');
    assert.equal(await where(), start);
  });

  step('a script cannot send the window away: the web goes to the browser, a file nowhere', async () => {
    const start = await where();
    await app.exec(() => {
      location.href = 'https://example.org/woanders';
    });
    await waitFor(() => ({ ok: openedLinks().includes('https://example.org/woanders'), seen: openedLinks() }), { timeout: 10_000, what: 'the address handed to the browser' });
    await app.exec(() => {
      location.href = 'file:///etc/passwd';
    });
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await where(), start);
    assert.equal((await app.all('field-headline')).length, 1);
    assert.ok(!openedLinks().some((l) => l.startsWith('file:')), JSON.stringify(openedLinks()));
  });
});
