// People and their roles in the real window, each with their own PostgreSQL login made by
// `newsroom server add-user`: the photographer's window names her and her role, keeps the
// article's text and its states closed with the reason, and lets her write a photo's credit
// and attach it as the lead photo; the editor's window writes text and sends the article to
// review, but cannot approve it. What the windows let through lands on the server; what they
// close, the server would refuse too (tested with psql in the core suite).
//
// The server: NEWSROOM_TEST_PG (run.sh starts a throwaway cluster when it is unset); the run
// gets a schema of its own. Logins are cluster-wide, so theirs carry the run's pid.
// NEWSROOM_SCREENSHOTS=1 also writes docs/role-fotografie.png (at 1024×700).

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Harness, suiteOptions, assertPrerequisites, freshSchemaUrl, cli, CLI, REPO, TEST_PG } from './lib/harness.mjs';
import { NewsroomApp, tid } from './lib/app.mjs';
import { steps } from './lib/steps.mjs';
import { waitFor } from './lib/wait.mjs';

const FOR_DOCS = process.env.NEWSROOM_SCREENSHOTS === '1';
const FIXTURES = path.join(REPO, 'tests/fixtures/images');
const HEADLINE = 'Neue Spielplätze in der Nordstadt';
const CREDIT = 'Bild: Stadt Dortmund / Frieda Fotografin';

/** `newsroom server add-user` as the library's owner, with the password from a file. */
function addUser(url, login, role, fullName) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-pw-'));
  const file = path.join(dir, 'password');
  fs.writeFileSync(file, 'geheim-und-lang-genug\n', { mode: 0o600 });
  try {
    execFileSync(CLI, ['--library', url, 'server', 'add-user', login, '--role', role, '--full-name', fullName, '--password-file', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // The person's address: the same server and schema, their own login.
  return url.replace(/^postgres:\/\/[^@]+@/, `postgres://${login}@`);
}

describe('roles in the real window: Fotografie and Redaktion', suiteOptions({ skip: !TEST_PG }), () => {
  let desk;
  let app = null;
  let url;
  let id;
  let photo;
  let fotografie;
  let redaktion;
  const step = steps(() => app?.session ?? null);

  before(async () => {
    assertPrerequisites();
    url = freshSchemaUrl('e2e_roles');
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-roles-'));
    const json = path.join(scratch, 'article.json');
    fs.writeFileSync(json, JSON.stringify({ headline: HEADLINE }));
    id = cli(url, 'article', 'create', json).id;
    fs.rmSync(scratch, { recursive: true, force: true });
    photo = cli(url, 'photo', 'import', path.join(FIXTURES, 'orientation/landscape_3.jpg')).photo.id;
    fotografie = addUser(url, `frieda_${process.pid}`, 'fotografie', 'Frieda Fotografin');
    redaktion = addUser(url, `rolf_${process.pid}`, 'redaktion', 'Rolf Redakteur');
    desk = await Harness.start();
  });

  after(async () => {
    await desk?.stop();
  });

  const launch = async (library) => {
    if (app) await desk.close(app.session);
    app = await NewsroomApp.launch(desk, { library });
    await app.session.setWindowRect({ x: 0, y: 0, width: 1024, height: 700 }).catch(() => {});
    await app.waitCount('article-row', (n) => n === 1, { what: 'the article on the server', timeout: 20_000 });
    return app;
  };
  const disabled = (testid) => app.exec((t) => document.querySelector(`[data-testid="${t}"]`)?.matches(':disabled') ?? null, testid);
  const shows = (testid, want) =>
    waitFor(
      async () => {
        const seen = await app.exec((t) => document.querySelector(`[data-testid="${t}"]`)?.textContent?.trim() ?? null, testid);
        return { ok: seen === want, seen };
      },
      { timeout: 10_000, what: `${testid} to read ${want}` },
    );
  const stateOption = (s) => app.exec((v) => document.querySelector(`[data-testid="state-select"] option[value="${v}"]`)?.disabled ?? null, s);

  step('Fotografie: her name and role; no new articles, the reason given', async () => {
    await launch(fotografie);
    await shows('library-user', 'Frieda Fotografin · Fotografie');
    assert.equal(await disabled('new-article'), true);
    assert.equal(await (await app.el('new-article')).attr('title'), 'Neue Artikel legt die Redaktion an.');
  });

  step('Fotografie: the text and the states are closed, the lead photo is open', async () => {
    await app.click('article-row');
    await app.el('field-headline');
    assert.match(await app.text('role-banner'), /Als Fotografie können Sie den Text lesen, aber nicht ändern/);
    assert.equal(await disabled('field-headline'), true);
    assert.equal(await disabled('field-teaser'), true);
    const editable = await app.exec(() => document.querySelector('[data-testid="body-editor"] .ProseMirror')?.getAttribute('contenteditable'));
    assert.equal(editable, 'false');
    assert.equal(await stateOption('review'), true);
    assert.equal(await stateOption('ready'), true);
    assert.equal(await disabled('lead-photo-choose'), false);
    if (FOR_DOCS) fs.writeFileSync(path.join(REPO, 'docs', 'role-fotografie.png'), await app.session.screenshot());
  });

  step('Fotografie: writes the photo’s credit and attaches it; the text stays as it was', async () => {
    await app.click('back-to-list');
    await app.click('nav-photos');
    await app.waitCount('photo-card', (n) => n === 1, { what: 'the photo on the server' });
    await (await app.session.find(`${tid('photo-card')}[data-photo-id="${photo}"]`)).click();
    await app.el('photo-editor');
    await app.fill('photo-credit', CREDIT);
    await waitFor(() => cli(url, 'photo', 'show', String(photo)).credit === CREDIT, { timeout: 15_000, what: 'the credit on the server' });
    await app.click('nav-articles');
    await app.click('article-row');
    await app.click('lead-photo-choose');
    await app.el('photo-picker');
    await app.waitCount('photo-picker-item', (n) => n === 1, { what: 'the photo in the picker' });
    await (await app.session.find(`${tid('photo-picker-item')}[data-photo-id="${photo}"]`)).click();
    await app.click('photo-picker-confirm');
    assert.equal(await app.text('lead-photo-credit'), CREDIT);
    await app.waitSaved({ timeout: 20_000 });
    const a = await waitFor(
      () => {
        const a = cli(url, 'article', 'show', String(id));
        return { ok: a.lead_photo?.photo_id === photo, value: a, seen: a.lead_photo };
      },
      { timeout: 15_000, what: 'the lead photo on the server' },
    );
    assert.equal(a.headline, HEADLINE);
    assert.equal(a.state, 'draft');
    // Stored under her own login: the server names her as the article's last writer.
    const by = execFileSync('psql', [url, '-XAtc', `SELECT updated_by FROM articles WHERE id = ${id}`], { encoding: 'utf8' }).trim();
    assert.equal(by, 'Frieda Fotografin');
  });

  step('Redaktion: writes the text and sends it to review; approving is closed', async () => {
    await launch(redaktion);
    await shows('library-user', 'Rolf Redakteur · Redaktion');
    await app.click('article-row');
    await app.el('field-headline');
    assert.equal((await app.all('role-banner')).length, 0);
    await app.fill('field-teaser', 'Drei Spielplätze werden bis zum Sommer erneuert.');
    await app.waitSaved({ timeout: 20_000 });
    assert.equal(await stateOption('ready'), true);
    assert.equal(await stateOption('exported'), true);
    assert.equal(await stateOption('review'), false);
    await app.exec(() => {
      const s = document.querySelector('[data-testid="state-select"]');
      s.value = 'review';
      s.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => cli(url, 'article', 'show', String(id)).state === 'review', { timeout: 15_000, what: 'In Prüfung on the server' });
    const a = cli(url, 'article', 'show', String(id));
    assert.equal(a.teaser, 'Drei Spielplätze werden bis zum Sommer erneuert.');
    assert.equal(a.lead_photo?.photo_id, photo, 'the photographer’s lead photo stays');
  });
});
