// Makes docs/screenshot-export-running.png and docs/screenshot-export-cancelled.png: the real
// app window (Xvfb, tauri-driver) exporting a batch of 300 Freigegeben articles, stopped with
// "Export abbrechen" while it runs. Needs what the e2e tests need (tests/e2e/README.md):
//
//   node scripts/screenshot-export-stop.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Harness, cli, REPO } from '../tests/e2e/lib/harness.mjs';
import { NewsroomApp } from '../tests/e2e/lib/app.mjs';
import { waitFor } from '../tests/e2e/lib/wait.mjs';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-shot-'));
process.env.NEWSROOM_PICK_FOLDER = path.join(scratch, 'web');
const harness = await Harness.start();
try {
  const library = harness.newLibraryDir('stop');
  cli(library, 'article', 'list');
  const places = ['Hörde', 'Innenstadt-West', 'Aplerbeck', 'Eving', 'Hombruch', 'Scharnhorst'];
  for (let n = 1; n <= 300; n++) {
    const file = path.join(scratch, 'a.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        kicker: 'Stadtteile',
        headline: `Bürgersprechstunde in ${places[n % places.length]}, Termin ${n}`,
        teaser: 'Die Bezirksbürgermeisterin lädt zur offenen Sprechstunde ein.',
        body: 'Fragen, Anregungen und Kritik sind willkommen.\n\nEine Anmeldung ist nicht nötig.',
        published_at: `2025-11-${String(1 + (n % 28)).padStart(2, '0')}T09:00:00Z`,
        places: [places[n % places.length]],
      }),
    );
    const a = cli(library, 'article', 'create', file);
    cli(library, 'article', 'state', String(a.id), 'ready');
  }
  const app = await NewsroomApp.launch(harness, { library });
  const shoot = async (name) => {
    await app.session.executeAsync((done) => document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))));
    fs.writeFileSync(path.join(REPO, 'docs', name), await app.session.screenshot());
  };
  await app.click('export-ready');
  await app.el('export-dialog');
  await app.click('export-pick-folder');
  await waitFor(async () => (await (await app.el('export-start')).prop('disabled')) === false, { what: 'start enabled' });
  await app.click('export-start');
  await app.el('export-progress-item', { timeout: 60_000 });
  await shoot('screenshot-export-running.png');
  await app.click('export-stop');
  await app.el('export-summary', { timeout: 120_000 });
  await app.session.execute(() => {
    const summary = document.querySelector('[data-testid="export-summary"]');
    for (let el = summary; el; el = el.parentElement) el.scrollTop = 0;
  });
  const notStarted = await app.session.findAll('[data-testid="export-not-started"]');
  const exported = await app.session.findAll('[data-testid="export-bundle"]');
  console.log(`exported ${exported.length}, not started ${notStarted.length}`);
  await shoot('screenshot-export-cancelled.png');
} finally {
  await harness.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
}
