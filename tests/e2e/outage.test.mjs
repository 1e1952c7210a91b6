// The shared library's server goes away while someone types, in the real window: the editor
// says so, typing goes on, and once the server is back everything typed is stored. Then the
// same again, but the app is killed during the outage: started again, it stores what it kept
// on the desk's disk.
//
// The server is a throwaway cluster of its own with PostgreSQL's durable defaults (a server
// stopped at once keeps every commit, as a real one does); it is stopped with
// `pg_ctl stop -m immediate` and started again on its port. NEWSROOM_SCREENSHOTS=1 also writes
// docs/outage.png (at 1024×700).

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Harness, suiteOptions, assertPrerequisites, CLI, REPO } from './lib/harness.mjs';
import { NewsroomApp } from './lib/app.mjs';
import { steps } from './lib/steps.mjs';
import { waitFor } from './lib/wait.mjs';

const FOR_DOCS = process.env.NEWSROOM_SCREENSHOTS === '1';
const HAS_PG = fs.existsSync('/usr/lib/postgresql');

/** Runs a function of scripts/lib/pg.sh on the cluster in `dir`; returns what it printed. */
function pg(script, dir = '') {
  return execFileSync('bash', ['-c', `source scripts/lib/pg.sh; PG_CLUSTER_DIR="$1"; ${script}`, 'pg', dir], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 90_000,
  });
}

function cli(url, args, input) {
  return JSON.parse(execFileSync(CLI, ['--library', url, ...args, '--json'], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 30_000 }));
}

describe('the server goes away while someone types', suiteOptions({ skip: !HAS_PG }), () => {
  let harness;
  let app = null;
  let url;
  let dir;
  let id;
  const step = steps(() => app?.session ?? null);

  before(async () => {
    assertPrerequisites();
    [url, dir] = pg('PG_DURABLE=1 pg_start_cluster >&2 && printf "%s\\n%s" "$NEWSROOM_TEST_PG" "$PG_CLUSTER_DIR"').split('\n');
    id = cli(url, ['article', 'create', '-'], JSON.stringify({ headline: 'Stromausfall im Rathaus' })).id;
    harness = await Harness.start({ env: { NEWSROOM_USER: 'Anna Beispiel' } });
  });

  after(async () => {
    await harness?.stop();
    if (dir) pg('pg_stop_cluster', dir);
  });

  const openArticle = async () => {
    await app.waitCount('article-row', (n) => n === 1, { what: 'the article on the server', timeout: 20_000 });
    await app.click('article-row');
    await app.el('field-headline');
  };

  step('typing goes on during the outage and is stored when the server is back', async () => {
    app = await NewsroomApp.launch(harness, { library: url });
    await app.session.setWindowRect({ x: 0, y: 0, width: 1024, height: 700 }).catch(() => {});
    await openArticle();

    pg('pg_pause_cluster', dir);
    await app.fill('field-teaser', 'Getippt, während der Server weg war.');
    const banner = await app.text('offline-banner', { timeout: 20_000 });
    assert.match(banner, /Verbindung unterbrochen – Änderungen werden lokal gehalten/);
    await app.fill('field-kicker', 'Störung');
    if (FOR_DOCS) fs.writeFileSync(path.join(REPO, 'docs', 'outage.png'), await app.session.screenshot());

    pg('pg_resume_cluster', dir);
    await waitFor(async () => (await app.all('offline-banner')).length === 0, { timeout: 30_000, what: 'the banner to go once saved' });
    await app.waitSaved({ timeout: 20_000 });
    const a = cli(url, ['article', 'show', String(id)]);
    assert.equal(a.teaser, 'Getippt, während der Server weg war.');
    assert.equal(a.kicker, 'Störung');
  });

  step('killed during the outage, the app stores what it kept when it starts again', async () => {
    pg('pg_pause_cluster', dir);
    await app.fill('field-headline', 'Stromausfall im Rathaus: Notstrom läuft');
    await app.el('offline-banner', { timeout: 20_000 });
    // The autosave keeps typing on this desk's disk while the server is away (at most the
    // last moments of typing are not yet there, as in any crash): wait until the whole
    // headline is, then kill the app.
    const journal = () =>
      execFileSync('find', [path.join(harness.root, 'xdg-cache'), '-path', '*/journal/*.json'], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean);
    await waitFor(() => journal().some((f) => fs.readFileSync(f, 'utf8').includes('Notstrom läuft')), {
      timeout: 15_000,
      what: 'the typed headline in the journal on disk',
    });
    harness.kill(app.session);
    await harness.discard(app.session);
    app = null;

    pg('pg_resume_cluster', dir);
    app = await NewsroomApp.launch(harness, { library: url });
    await waitFor(() => cli(url, ['article', 'show', String(id)]).headline === 'Stromausfall im Rathaus: Notstrom läuft', {
      timeout: 20_000,
      what: 'the kept headline on the server',
    });
    const a = cli(url, ['article', 'show', String(id)]);
    assert.equal(a.teaser, 'Getippt, während der Server weg war.');
    await openArticle();
    assert.equal(await (await app.el('field-headline')).value(), 'Stromausfall im Rathaus: Notstrom läuft');
  });
});
