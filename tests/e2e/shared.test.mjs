// A shared library from the app: connect the running app to a PostgreSQL library through the
// header's library menu (a wrong address first: the error is worded, nothing changes), write an
// article there, and read it back from the server with the CLI.
//
// The server: NEWSROOM_TEST_PG (run.sh starts a throwaway cluster when it is unset); each run
// gets a schema of its own. NEWSROOM_SCREENSHOTS=1 also writes docs/shared-connect.png and
// docs/shared-header.png (at 1024×700).

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Harness, suiteOptions, assertPrerequisites, freshSchemaUrl, CLI, REPO, TEST_PG } from './lib/harness.mjs';
import { NewsroomApp, Key } from './lib/app.mjs';
import { steps } from './lib/steps.mjs';
import { waitFor } from './lib/wait.mjs';

const FOR_DOCS = process.env.NEWSROOM_SCREENSHOTS === '1';
const BASE = TEST_PG;
const HEADLINE = 'Gemeinsam geschrieben: Bürgerbüro Hörde öffnet samstags';

/** The server's address with `port` instead of its own (nothing listens on port 1). */
function withPort(url, port) {
  return url.replace(/@([^/:]+):\d+\//, `@$1:${port}/`);
}


/** The headlines of the articles on the server, as the CLI on the same address lists them. */
function storedHeadlines(url) {
  const out = execFileSync(CLI, ['--library', url, 'article', 'list', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  const list = JSON.parse(out);
  const items = Array.isArray(list) ? list : (list.items ?? []);
  return items.map((a) => a.headline);
}

/** The header's library label (textContent: WebDriver's text leaves out the clipped name). */
const chipText = (app) => app.exec(() => document.querySelector('[data-testid="library-path"]')?.textContent ?? '');

describe('shared library: connect from the app, write, read back on the server', suiteOptions({ skip: !BASE }), () => {
  let harness;
  let app = null;
  let url;
  const step = steps(() => app?.session ?? null);

  before(async () => {
    assertPrerequisites();
    assert.ok(BASE, 'NEWSROOM_TEST_PG (tests/e2e/run.sh starts a cluster when it is unset)');
    url = freshSchemaUrl('e2e_shared');
    harness = await Harness.start();
  });

  after(async () => {
    await harness?.stop();
  });

  const shoot = async (name) => {
    if (FOR_DOCS) fs.writeFileSync(path.join(REPO, 'docs', name), await app.session.screenshot());
  };

  step('the app opens its own library; a wrong address is worded and changes nothing', async () => {
    app = await NewsroomApp.launch(harness, { library: harness.newLibraryDir('own') });
    await app.session.setWindowRect({ x: 0, y: 0, width: 1024, height: 700 }).catch(() => {});
    const rows = (await app.waitCount('article-row', (n) => n >= 2, { what: 'the sample articles' })).length;
    const chip = await app.el('library-path');
    await waitFor(async () => (await chip.attr('data-kind')) === 'folder', { what: 'the header to show the own library' });
    assert.match(await chipText(app), /own/);

    await app.click('library-path');
    await app.click('library-connect');
    await app.fill('connect-library-url', withPort(url, 1));
    await app.click('connect-library-submit');
    const error = await app.text('connect-library-error', { timeout: 20_000 });
    assert.match(error, /nicht erreichbar/, error);
    assert.equal(await (await app.el('connect-library-url')).value(), withPort(url, 1), 'the address stays as typed');
    await shoot('shared-connect.png');
    assert.equal(await (await app.el('library-path')).attr('data-kind'), 'folder', 'still the own library');
    assert.equal((await app.all('article-row')).length, rows);
  });

  step('the right address: the header says Gemeinsam and the list is the server’s', async () => {
    await app.fill('connect-library-url', url);
    await app.click('connect-library-submit');
    await waitFor(async () => (await app.all('connect-library')).length === 0, { timeout: 20_000, what: 'the dialog to close' });
    const chip = await app.el('library-path');
    await waitFor(async () => (await chip.attr('data-kind')) === 'server', { what: 'the header to show the shared library' });
    const label = await chipText(app);
    assert.match(label, /Gemeinsam: 127\.0\.0\.1\/postgres/, label);
    const title = await chip.attr('title');
    assert.match(title, /^postgres:\/\/newsroom@127\.0\.0\.1:\d+\/postgres$/, title);
    await waitFor(async () => (await app.all('article-row')).length === 0, { what: 'the empty list of the new shared library' });
    await app.click('library-path');
    await app.el('library-use-own');
    await shoot('shared-header.png');
    await app.session.chord(Key.ESCAPE);
  });

  step('an article written in the app is on the server', async () => {
    await app.session.chord(Key.CONTROL, 'n');
    await app.fill('field-headline', HEADLINE);
    await app.waitSaved({ timeout: 20_000 });
    assert.deepEqual(storedHeadlines(url), [HEADLINE]);
  });

  step('the choice is remembered: a restart opens the shared library again', async () => {
    await app.close();
    app = null;
    // No --library: the remembered choice (XDG_CONFIG_HOME is the run's own) decides.
    app = await NewsroomApp.launch(harness, {});
    const chip = await app.el('library-path');
    await waitFor(async () => (await chip.attr('data-kind')) === 'server', { what: 'the remembered shared library' });
    const rows = await app.waitCount('article-row', (n) => n === 1, { what: 'the article on the server' });
    assert.match(await rows[0].text(), /Bürgerbüro Hörde/);
  });
});
