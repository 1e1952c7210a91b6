// Nothing typed is lost, in the real window: a date that is not one and a pasted headline far
// too long are kept as typed and said to be wrong where they are, while the rest of the article
// goes on saving. After a restart the body edit typed afterwards is stored, and the two values
// are still there as typed, in their fields and in the library.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, suiteOptions, assertPrerequisites, cli } from './lib/harness.mjs';
import { NewsroomApp, tid } from './lib/app.mjs';
import { steps } from './lib/steps.mjs';
import { waitFor } from './lib/wait.mjs';

const BAD_DATE = '31.02.2026 10:30';
// A headline pasted from somewhere else: 5,000 characters, far over the limit.
const LONG_HEADLINE = 'Bürgerhaus Hörde öffnet nach dem Umbau wieder – '.repeat(105).slice(0, 5000);
const BODY_EDIT = 'Der Eintritt ist frei.';

describe('nothing typed is lost: held values and a restart', suiteOptions(), () => {
  let harness;
  let app = null;
  let library;
  let articleId;
  const step = steps(() => app?.session ?? null);

  before(async () => {
    assertPrerequisites();
    harness = await Harness.start();
    library = harness.newLibraryDir('held');
  });

  after(async () => {
    await harness?.stop();
  });

  const stored = () => cli(library, 'article', 'show', String(articleId));

  step('a new article gets a headline and a body', async () => {
    app = await NewsroomApp.launch(harness, { library });
    await app.waitCount('article-row', (n) => n >= 1, { what: 'the sample articles' });
    await app.click('new-article');
    await app.fill('field-headline', 'Bürgerhaus Hörde öffnet wieder');
    await app.caretToEditorEnd();
    await app.typeInEditor('Am Samstag ist Tag der offenen Tür.');
    await app.waitSaved();
    const list = cli(library, 'article', 'list');
    articleId = list.find((a) => a.headline === 'Bürgerhaus Hörde öffnet wieder').id;
    assert.ok(articleId);
  });

  step('a date typed wrong is held as typed and said to be wrong under the field', async () => {
    const field = await app.el('field-embargo-until');
    await field.click();
    await field.type(BAD_DATE);
    await app.exec((e) => e.blur(), field);
    const message = await app.text('field-embargo-until-error', { timeout: 10_000 });
    assert.match(message, /Kein gültiges Datum/);
    assert.equal(await field.value(), BAD_DATE, 'the field keeps what was typed');
    await app.waitSaved();
    const a = stored();
    assert.equal(a.embargo_until, null, 'the stored embargo is untouched');
    assert.deepEqual(
      a.held.map((h) => [h.field, h.value, h.problem]),
      [['embargo_until', BAD_DATE, 'not_a_date']],
    );
  });

  step('a pasted 5,000-character headline is held and said to be too long', async () => {
    const field = await app.el('field-headline');
    await app.setValueByScript(field, LONG_HEADLINE);
    const message = await app.text('held-headline', { timeout: 10_000 });
    assert.match(message, /Zu lang: 5\.?000 Zeichen/);
    await app.waitSaved();
    const a = stored();
    assert.equal(a.headline, 'Bürgerhaus Hörde öffnet wieder', 'the last headline that fits stays stored');
    assert.deepEqual(a.held.map((h) => h.field).sort(), ['embargo_until', 'headline']);
  });

  step('the body edited afterwards is saved', async () => {
    await app.caretToEditorEnd();
    await app.typeInEditor(` ${BODY_EDIT}`);
    await app.waitSaved();
    await waitFor(
      async () => {
        const body = stored().body;
        return { ok: body.includes(BODY_EDIT), seen: body };
      },
      { what: 'the body edit stored' },
    );
  });

  step('after a restart the body edit is there, and the held values are back as typed', async () => {
    const closed = await app.close();
    assert.equal(closed.forced, false, 'the app exits when asked');
    app = await NewsroomApp.launch(harness, { library });
    await (await app.session.find(`${tid('article-row')}[data-id="${articleId}"] ${tid('row-headline')}`)).click();
    const headline = await app.el('field-headline');
    await waitFor(async () => (await headline.value()) === LONG_HEADLINE, { what: 'the typed headline back in its field' });
    assert.equal(await (await app.el('field-embargo-until')).value(), BAD_DATE);
    assert.match(await app.text('held-headline'), /Zu lang/);
    assert.match(await app.text('field-embargo-until-error'), /Kein gültiges Datum/);
    const body = await app.exec(() => document.querySelector('[data-testid="body-editor"] .ProseMirror')?.textContent ?? '');
    assert.ok(body.includes(BODY_EDIT), `the body edit after the restart: ${body}`);
    await app.close();
    app = null;
  });
});
