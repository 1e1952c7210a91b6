// The app follows what the command line writes into the same library folder, without a
// reload: an article created with `newsroom article create` appears in the list, and a teaser
// changed with `newsroom article update` appears in the open editor.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Harness, suiteOptions, assertPrerequisites, CLI } from './lib/harness.mjs';
import { NewsroomApp } from './lib/app.mjs';
import { steps } from './lib/steps.mjs';
import { waitFor } from './lib/wait.mjs';

/** Live updates arrive at once; nothing in the app reads the list again on a timer. */
const LIVE_MS = 8_000;
const HEADLINE = 'Neue Ampel an der Kreuzung Hörder Brücke';
const TEASER = 'Ab Montag regelt eine Ampel den Verkehr an der Hörder Brücke.';

/** The CLI on `library` with JSON on stdin; its JSON answer. */
function cli(library, args, input) {
  return JSON.parse(execFileSync(CLI, ['--library', library, ...args, '--json'], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 30_000 }));
}

describe('a library folder: the app follows the command line', suiteOptions(), () => {
  let harness;
  let app = null;
  let id;
  const step = steps(() => app?.session ?? null);

  before(async () => {
    assertPrerequisites();
    harness = await Harness.start();
  });

  after(async () => {
    await harness?.stop();
  });

  step('an article the CLI creates appears in the list', async () => {
    app = await NewsroomApp.launch(harness, { library: harness.newLibraryDir('desk') });
    const before = (await app.waitCount('article-row', (n) => n >= 2, { what: 'the sample articles' })).length;
    id = cli(app.library, ['article', 'create', '-'], JSON.stringify({ headline: HEADLINE })).id;
    const t0 = Date.now();
    await app.waitCount('article-row', (n) => n === before + 1, { timeout: LIVE_MS, what: 'the new row' });
    console.log(`# live update: the list showed the CLI's article after ${Date.now() - t0} ms`);
    const headlines = await app.exec(() => [...document.querySelectorAll('[data-testid="row-headline"]')].map((e) => e.textContent));
    assert.ok(headlines.includes(HEADLINE), headlines.join(' | '));
  });

  step('a teaser the CLI writes appears in the open editor', async () => {
    await app.exec((wanted) => {
      const row = [...document.querySelectorAll('[data-testid="article-row"]')].find((r) => r.dataset.id === String(wanted));
      row?.querySelector('button')?.click();
    }, id);
    await waitFor(async () => (await (await app.el('field-headline')).value()) === HEADLINE, { what: 'the article in the editor' });
    cli(app.library, ['article', 'update', String(id), '-', '--latest'], JSON.stringify({ teaser: TEASER }));
    await waitFor(async () => (await (await app.el('field-teaser')).value()) === TEASER, { timeout: LIVE_MS, what: 'the CLI’s teaser in the editor' });
  });
});
