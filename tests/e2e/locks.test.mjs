// Two desks on one shared library, each a real app window of its own (two WebDriver sessions,
// two people): Anna opens an article and writes; Bernd's list says she is editing it and his
// editor shows it read only, following her text as she saves it; he takes over while she is
// still typing; her window says so and keeps what she typed; when he closes the article, her
// window reads his text and lets her write again. Nothing either typed is lost: the server
// holds all of it at the end. Then a script of the press office (the CLI, which takes no lock)
// changes the headline while Anna is typing one: her window names it and compares both texts,
// and she takes hers back. Last, Anna's laptop goes to sleep with a headline typed but not
// saved; Bernd takes over and writes his; when her laptop wakes, her save meets his: her
// window names Bernd and compares both, and her text is kept as a revision.
//
// The server: NEWSROOM_TEST_PG (run.sh starts a throwaway cluster when it is unset); the run
// gets a schema of its own. NEWSROOM_SCREENSHOTS=1 also writes docs/lock-list.png,
// docs/lock-editor.png, docs/lock-taken-over.png and docs/conflict.png (at 1024×700).

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Harness, suiteOptions, assertPrerequisites, freshSchemaUrl, suspend, resume, CLI, REPO, TEST_PG } from './lib/harness.mjs';
import { NewsroomApp } from './lib/app.mjs';
import { steps } from './lib/steps.mjs';
import { waitFor } from './lib/wait.mjs';

const FOR_DOCS = process.env.NEWSROOM_SCREENSHOTS === '1';
const BASE = TEST_PG;
const HEADLINE = 'Sommerferien: Stadtbibliothek öffnet länger';
const ANNAS_TEASER = 'Die Zentralbibliothek bleibt in den Ferien bis 20 Uhr geöffnet.';
const ANNAS_KICKER = 'Kultur';
const BERNDS_HEADLINE = 'Stadtbibliothek in den Ferien bis 20 Uhr geöffnet';
/** Live updates arrive at once; this is far below the lock renewal, which they must not need. */
const LIVE_MS = 8_000;


function cli(url, args, input, user = '') {
  const env = { ...process.env, ...(user ? { NEWSROOM_USER: user } : {}) };
  return execFileSync(CLI, ['--library', url, ...args], { input, env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 30_000 });
}

const stored = (url, id) => JSON.parse(cli(url, ['article', 'show', String(id), '--json']));

describe('two desks, one article: the lock, the take-over, nothing lost', suiteOptions({ skip: !BASE }), () => {
  let annasDesk;
  let berndsDesk;
  let anna = null;
  let bernd = null;
  let url;
  let id;
  const step = steps(() => anna?.session ?? null);

  before(async () => {
    assertPrerequisites();
    assert.ok(BASE, 'NEWSROOM_TEST_PG (tests/e2e/run.sh starts a cluster when it is unset)');
    url = freshSchemaUrl('e2e_locks');
    id = JSON.parse(cli(url, ['article', 'create', '--json'], JSON.stringify({ headline: HEADLINE, state: 'draft' }))).id;
    annasDesk = await Harness.start({ env: { NEWSROOM_USER: 'Anna Beispiel' } });
    berndsDesk = await Harness.start({ env: { NEWSROOM_USER: 'Bernd Muster' } });
  });

  after(async () => {
    await annasDesk?.stop();
    await berndsDesk?.stop();
  });

  const shoot = async (app, name) => {
    if (FOR_DOCS) fs.writeFileSync(path.join(REPO, 'docs', name), await app.session.screenshot());
  };
  const launch = async (desk) => {
    const app = await NewsroomApp.launch(desk, { library: url });
    await app.session.setWindowRect({ x: 0, y: 0, width: 1024, height: 700 }).catch(() => {});
    await app.waitCount('article-row', (n) => n === 1, { what: 'the article on the server', timeout: 20_000 });
    return app;
  };
  /** Both texts of the conflict panel, and how many differing words it marks. */
  const comparison = (app) =>
    app.exec(() => ({
      mine: document.querySelector('[data-testid="conflict-mine"]')?.textContent?.trim(),
      theirs: document.querySelector('[data-testid="conflict-theirs"]')?.textContent?.trim(),
      marked: [...document.querySelectorAll('[data-testid="conflict-panel"] mark')].length,
    }));
  const disabled = (app, testid) =>
    app.exec((t) => document.querySelector(`[data-testid="${t}"]`)?.matches(':disabled') ?? null, testid);

  step('Anna opens the article; Bernd’s list says she is editing it', async () => {
    anna = await launch(annasDesk);
    bernd = await launch(berndsDesk);
    await anna.click('article-row');
    await anna.el('field-headline');
    await waitFor(async () => (await bernd.all('row-lock')).length === 1, { timeout: LIVE_MS, what: 'the lock mark in Bernd’s list' });
    assert.equal(await bernd.text('row-lock'), 'wird gerade von Anna Beispiel bearbeitet');
    await shoot(bernd, 'lock-list.png');
  });

  step('Bernd’s editor is read only and names Anna; photo and state stay open', async () => {
    await bernd.click('article-row');
    const banner = await bernd.text('lock-banner', { timeout: 20_000 });
    assert.match(banner, /Wird gerade von Anna Beispiel bearbeitet/);
    assert.equal(await disabled(bernd, 'field-headline'), true);
    assert.equal(await disabled(bernd, 'field-teaser'), true);
    assert.equal(await disabled(bernd, 'state-select'), false);
    const editable = await bernd.exec(() => document.querySelector('[data-testid="body-editor"] .ProseMirror')?.getAttribute('contenteditable'));
    assert.equal(editable, 'false');
    await shoot(bernd, 'lock-editor.png');
  });

  step('Anna writes; Bernd’s read-only editor follows as soon as it is stored', async () => {
    await anna.fill('field-teaser', ANNAS_TEASER);
    await anna.waitSaved({ timeout: 20_000 });
    const t0 = Date.now();
    await waitFor(async () => (await (await bernd.el('field-teaser')).value()) === ANNAS_TEASER, { timeout: LIVE_MS, what: 'Anna’s teaser in Bernd’s editor' });
    console.log(`# live update: Bernd's editor showed Anna's saved teaser after ${Date.now() - t0} ms`);
  });

  step('Bernd takes over while Anna types; her window says so and her text is kept', async () => {
    await anna.fill('field-kicker', ANNAS_KICKER);
    await bernd.click('take-over');
    await waitFor(async () => (await bernd.all('lock-banner')).length === 0, { timeout: 20_000, what: 'Bernd’s editor to open' });
    assert.equal(await disabled(bernd, 'field-headline'), false);
    const told = await anna.text('lock-banner', { timeout: LIVE_MS });
    assert.match(told, /Bernd Muster hat die Bearbeitung übernommen/);
    assert.equal(await disabled(anna, 'field-kicker'), true);
    assert.equal(await (await anna.el('field-kicker')).value(), ANNAS_KICKER, 'Anna still sees what she typed');
    await shoot(anna, 'lock-taken-over.png');
    await waitFor(() => stored(url, id).kicker === ANNAS_KICKER, { timeout: 10_000, what: 'Anna’s kicker on the server' });
  });

  step('Bernd writes and closes; Anna’s window reads his text and lets her write again', async () => {
    // The kicker Anna saved as she lost the lock comes into his editor (live, or merged with
    // his next save).
    await bernd.fill('field-headline', BERNDS_HEADLINE);
    await bernd.waitSaved({ timeout: 20_000 });
    await waitFor(async () => (await (await bernd.el('field-kicker')).value()) === ANNAS_KICKER, { timeout: LIVE_MS, what: 'Anna’s kicker in Bernd’s editor' });
    await bernd.click('back-to-list');
    await waitFor(async () => (await anna.all('lock-banner')).length === 0, { timeout: LIVE_MS, what: 'Anna’s editor to open again' });
    assert.equal(await (await anna.el('field-headline')).value(), BERNDS_HEADLINE);
    assert.equal(await disabled(anna, 'field-headline'), false);
    const a = stored(url, id);
    assert.equal(a.headline, BERNDS_HEADLINE);
    assert.equal(a.teaser, ANNAS_TEASER);
    assert.equal(a.kicker, ANNAS_KICKER);
  });

  step('a script changes the headline while Anna types one: her window compares both', async () => {
    const mine = 'Stadtbibliothek: Ferienöffnung bis 20 Uhr, auch samstags';
    const scripts = 'Bibliothek öffnet in den Ferien länger';
    // Anna's headline is in the field, not saved yet (the autosave waits for a pause in the
    // typing) when the press office's script stores another one.
    await anna.setValueByScript(await anna.el('field-headline'), mine);
    cli(url, ['article', 'update', String(id), '-', '--latest', '--json'], JSON.stringify({ headline: scripts }), 'Redaktionsskript');
    const panel = await anna.text('conflict-panel', { timeout: 20_000 });
    assert.match(panel, /Redaktionsskript hat gleichzeitig dieselben Felder geändert/);
    const sides = await comparison(anna);
    assert.equal(sides.mine, mine);
    assert.equal(sides.theirs, scripts);
    assert.ok(sides.marked > 0, 'the differing words are marked');
    // Nothing lost: the script's headline is current, Anna's is a conflict revision; she
    // takes hers back.
    assert.equal(stored(url, id).headline, scripts);
    await anna.click('conflict-take-mine');
    await anna.waitSaved({ timeout: 20_000 });
    await waitFor(() => stored(url, id).headline === mine, { timeout: 10_000, what: 'Anna’s headline back on the server' });
    const revs = JSON.parse(cli(url, ['article', 'revisions', String(id), '--json']));
    const list = Array.isArray(revs) ? revs : (revs.items ?? revs.revisions ?? []);
    assert.ok(list.some((r) => r.reason === 'conflict' && r.author === 'Anna Beispiel'), JSON.stringify(list));
  });

  step('Anna’s laptop sleeps with a headline typed; Bernd takes over; on waking her window compares both', async () => {
    const annas = 'Stadtbibliothek: in den Sommerferien bis 20 Uhr geöffnet';
    const bernds = 'Sommerferien: Bibliothek bleibt bis 20 Uhr offen';
    assert.ok(anna.session.pid, 'the pid of Anna’s app');
    // Typed, not yet saved (the autosave waits for a pause in the typing), when the lid closes.
    await anna.setValueByScript(await anna.el('field-headline'), annas);
    suspend(anna.session.pid);
    try {
      await bernd.click('article-row');
      assert.match(await bernd.text('lock-banner', { timeout: 20_000 }), /Wird gerade von Anna Beispiel bearbeitet/);
      await bernd.click('take-over');
      await waitFor(async () => (await bernd.all('lock-banner')).length === 0, { timeout: 20_000, what: 'Bernd’s editor to open' });
      await bernd.fill('field-headline', bernds);
      await bernd.waitSaved({ timeout: 20_000 });
    } finally {
      resume(anna.session.pid);
    }
    const panel = await anna.text('conflict-panel', { timeout: 20_000 });
    assert.match(panel, /Bernd Muster hat gleichzeitig dieselben Felder geändert/);
    const sides = await comparison(anna);
    assert.equal(sides.mine, annas);
    assert.equal(sides.theirs, bernds);
    assert.ok(sides.marked > 0, 'the differing words are marked');
    // Bernd holds the text now: her window says so, and hers comes back only by taking over.
    assert.match(await anna.text('lock-banner', { timeout: LIVE_MS }), /Bernd Muster hat die Bearbeitung übernommen/);
    assert.equal(await disabled(anna, 'conflict-take-mine'), true);
    assert.equal(await (await anna.el('field-headline')).value(), bernds);
    await shoot(anna, 'conflict.png');
    // Nothing lost: Bernd's headline is the article's, Anna's is a revision of hers.
    assert.equal(stored(url, id).headline, bernds);
    const revs = JSON.parse(cli(url, ['article', 'revisions', String(id), '--json']));
    const list = Array.isArray(revs) ? revs : (revs.items ?? revs.revisions ?? []);
    assert.ok(list.some((r) => r.reason === 'conflict' && r.author === 'Anna Beispiel' && r.headline === annas), JSON.stringify(list));
  });
});
