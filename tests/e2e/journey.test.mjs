// The editor's journey through the real app window: write a complete article, close the app,
// reopen it, find the article again, restore an earlier revision, release it — then check what
// was stored with the CLI.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, suiteOptions, assertPrerequisites, cli } from './lib/harness.mjs';
import { NewsroomApp, tid, Key, GERMAN_DATE } from './lib/app.mjs';
import { steps } from './lib/steps.mjs';
import { waitFor } from './lib/wait.mjs';

const ARTICLE = {
  kicker: 'Stadtleben',
  headline: 'Großes Straßenfest in Hörde',
  teaser: 'Am Samstag feiert Hörde rund um den Friedensplatz – mit Musik, Ständen und einem Kinderprogramm.',
  author: 'Erika Mustermann',
  contact: 'Pressestelle der Stadt\nTelefon 0231 50-12345',
  // Dates as typed and as the field shows them (German form, Europe/Berlin) …
  publishedAtTyped: '12.11.25 9:30',
  embargoUntilTyped: '12.11.2025 07:00',
  publishedAt: '12.11.2025, 09:30',
  embargoUntil: '12.11.2025, 07:00',
  // … and as stored (RFC 3339 UTC; November is CET = UTC+1)
  publishedAtUtc: '2025-11-12T08:30:00Z',
  embargoUntilUtc: '2025-11-12T06:00:00Z',
  topics: ['Stadtfest', 'Ehrenamt'],
  places: ['Hörde'],
  related: [
    { label: 'Programm des Straßenfests', url: 'https://www.dortmund.de/hoerde/strassenfest' },
    { label: 'Anreise mit Bus und Bahn', url: 'https://www.bus-und-bahn.de/' },
  ],
  body: {
    heading: 'Programm am Samstag',
    paragraph: 'Ab 14 Uhr spielen Bands auf dem Friedensplatz. Alle Infos gibt es beim Bezirksamt Hörde.',
    linkText: 'beim Bezirksamt Hörde',
    linkUrl: 'https://www.dortmund.de/bezirksamt-hoerde',
    quote: 'Wir freuen uns auf viele Gäste aus der ganzen Stadt.',
  },
};
const HEADLINE_2 = 'Straßenfest in Hörde: Bühnenprogramm steht';

describe('journey: write, close, reopen, restore, release', suiteOptions(), () => {
  let harness;
  let app = null; // the running app (NewsroomApp) or null
  let library;
  let articleId = null;
  let sampleCount = null; // rows in the list of the fresh library
  const step = steps(() => app?.session ?? null);

  before(async () => {
    assertPrerequisites();
    harness = await Harness.start();
    library = harness.newLibraryDir('journey');
  });

  after(async () => {
    await harness?.stop();
  });

  step('the app starts on a fresh library and lists the sample articles with German dates', async (t) => {
    app = await NewsroomApp.launch(harness, { library });
    t.diagnostic(`app start: session ${app.timings.sessionMs} ms, list ready ${app.timings.readyMs} ms`);
    const rows = await app.waitCount('article-row', (n) => n >= 2, { what: 'at least 2 sample articles in the list' });
    const dates = [];
    for (const row of rows) dates.push((await (await app.el('row-date', { within: row })).text()).trim());
    t.diagnostic(`row dates: ${JSON.stringify(dates)}`);
    assert.ok(dates.some((d) => d !== ''), `no row shows a date: ${JSON.stringify(dates)}`);
    for (const d of dates.filter((d) => d !== '')) assert.match(d, GERMAN_DATE, `row date is not a German date like "Mi 12. November 2025"`);
    sampleCount = rows.length;
    const count = await app.text('article-count');
    assert.match(count, new RegExp(`\\b${rows.length}\\b`), `article-count "${count}" does not mention ${rows.length}`);
    assert.equal(await app.exec(() => document.documentElement.lang), 'de', 'the UI starts in German');

    // lang-switch toggles to English and back (the dates follow the language).
    const lang = () => app.exec(() => ({ lang: document.documentElement.lang, date: document.querySelector('[data-testid="row-date"]')?.textContent?.trim() }));
    await app.click('lang-switch');
    const en = await waitFor(async () => {
      const l = await lang();
      return { ok: l.lang === 'en', value: l, seen: l };
    }, { what: 'document.documentElement.lang === "en" after lang-switch' });
    assert.doesNotMatch(en.date, GERMAN_DATE, `row date still German in English: ${en.date}`);
    await app.click('lang-switch');
    await waitFor(async () => {
      const l = await lang();
      return { ok: l.lang === 'de' && GERMAN_DATE.test(l.date), seen: l };
    }, { what: 'German again after the second lang-switch' });
  });

  step('Ctrl+N creates a new article and opens the editor', async () => {
    await app.session.chord(Key.CONTROL, 'n');
    const headline = await app.el('field-headline', { timeout: 10_000 });
    assert.equal(await headline.value(), '', 'a new article starts with an empty headline');
    assert.equal(await (await app.el('state-badge')).attr('data-state'), 'draft', 'a new article is a draft');
  });

  step('fill every field of the article', async () => {
    await app.fill('field-kicker', ARTICLE.kicker);
    await app.fill('field-headline', ARTICLE.headline);
    await app.fill('field-teaser', ARTICLE.teaser);
    await app.fill('field-author', ARTICLE.author);
    await app.fill('field-contact', ARTICLE.contact);
    await app.setDateTime('field-published-at', ARTICLE.publishedAtTyped, ARTICLE.publishedAt);
    await app.setDateTime('field-embargo-until', ARTICLE.embargoUntilTyped, ARTICLE.embargoUntil);
    for (const topic of ARTICLE.topics) await app.addChip('topics-input', 'topic-chip', topic);
    for (const place of ARTICLE.places) await app.addChip('places-input', 'place-chip', place);
    assert.deepEqual(await app.chipTexts('topic-chip'), ARTICLE.topics);
    assert.deepEqual(await app.chipTexts('place-chip'), ARTICLE.places);

    for (const [i, link] of ARTICLE.related.entries()) {
      await app.click('add-link');
      const rows = await app.waitCount('related-link', (n) => n === i + 1, { what: `${i + 1} related-link row(s) after clicking add-link` });
      const row = rows[i];
      await app.fill('related-label', link.label, { within: row });
      await app.fill('related-url', link.url, { within: row });
    }
    assert.deepEqual(await app.relatedLinks(), ARTICLE.related);
    await app.waitSaved();
  });

  step('write the body: subheading, paragraph, quote, link', async () => {
    const b = ARTICLE.body;
    await app.caretToEditorEnd();
    await app.click('tb-h2');
    await app.typeInEditor(b.heading + Key.ENTER + b.paragraph + Key.ENTER);
    await app.click('tb-quote');
    await app.typeInEditor(b.quote);

    await app.selectInEditor(b.linkText);
    await app.click('tb-link');
    const url = await app.el('link-url');
    await url.type(b.linkUrl);
    await app.click('link-apply');

    const pm = await app.editor();
    const structure = await app.exec(
      (e, linkText) => ({
        h2: e.querySelector('h2')?.textContent ?? null,
        blockquote: e.querySelector('blockquote')?.textContent ?? null,
        a: e.querySelector('a[href]') ? { href: e.querySelector('a[href]').getAttribute('href'), text: e.querySelector('a[href]').textContent } : null,
        html: e.innerHTML,
      }),
      pm,
    );
    assert.equal(structure.h2, b.heading, `editor h2; editor HTML: ${structure.html}`);
    assert.equal(structure.blockquote?.trim(), b.quote, `editor blockquote; editor HTML: ${structure.html}`);
    assert.deepEqual(structure.a, { href: b.linkUrl, text: b.linkText }, `editor link; editor HTML: ${structure.html}`);
    await app.waitSaved();
  });

  step('the preview (rendered by the backend) shows heading, quote and link', async () => {
    const b = ARTICLE.body;
    const preview = await waitFor(
      async () => {
        const p = await app.exec(() => {
          const el = document.querySelector('[data-testid="preview"]');
          if (!el) return null;
          const a = el.querySelector('a[href]');
          return {
            h2: el.querySelector('h2')?.textContent?.trim() ?? null,
            blockquote: el.querySelector('blockquote')?.textContent?.trim() ?? null,
            a: a ? { href: a.getAttribute('href'), text: a.textContent } : null,
            html: el.innerHTML.slice(0, 2000),
          };
        });
        return { ok: p && p.h2 && p.blockquote && p.a, value: p, seen: p };
      },
      { timeout: 10_000, what: 'preview with h2, blockquote and a[href]' },
    );
    assert.equal(preview.h2, b.heading);
    assert.equal(preview.blockquote, b.quote);
    assert.deepEqual(preview.a, { href: b.linkUrl, text: b.linkText });
  });

  step('state change to review (a revision), then a second headline', async () => {
    await app.select('state-select', 'review');
    await waitFor(async () => (await (await app.el('state-badge')).attr('data-state')) === 'review', { what: 'state-badge data-state="review"' });
    await app.waitSaved();
    await app.fill('field-headline', HEADLINE_2);
    await app.saveNow(); // Ctrl+S
  });

  step('close the app and start it again on the same library', async (t) => {
    const closed = await app.close();
    t.diagnostic(`close: ${closed.closeMs} ms${closed.forced ? ' (app did not exit after session delete: SIGKILLed)' : ''}`);
    assert.equal(closed.forced, false, 'the app process must exit when the WebDriver session is deleted');
    app = null;
    app = await NewsroomApp.launch(harness, { library });
    t.diagnostic(`app restart: session ${app.timings.sessionMs} ms, list ready ${app.timings.readyMs} ms`);
  });

  step('searching "Strassenfest" (ss for ß) finds the article', async () => {
    const rowsNow = await app.waitCount('article-row', (n) => n === sampleCount + 1, { what: `${sampleCount + 1} rows (samples + the new article)` });
    // Ctrl+F focuses the search field; then type into whatever has focus.
    await app.session.chord(Key.CONTROL, 'f');
    await waitFor(async () => (await app.exec(() => document.activeElement?.getAttribute('data-testid'))) === 'search-input', {
      what: 'Ctrl+F to focus search-input',
    });
    await app.session.keys('Strassenfest');
    assert.equal(await (await app.el('search-input')).value(), 'Strassenfest');
    const rows = await waitFor(
      async () => {
        const r = await app.exec(() =>
          [...document.querySelectorAll('[data-testid="article-row"]')].map((row) => ({
            id: row.getAttribute('data-id'),
            state: row.getAttribute('data-state'),
            headline: row.querySelector('[data-testid="row-headline"]')?.textContent?.trim(),
          })),
        );
        return { ok: r.some((x) => x.headline === HEADLINE_2) && r.length < rowsNow.length, value: r, seen: r };
      },
      { timeout: 10_000, what: `a row with headline "${HEADLINE_2}" after searching "Strassenfest"` },
    );
    // (the wait above also requires that the search filtered the samples out of the list)
    const mine = rows.filter((r) => r.headline === HEADLINE_2);
    assert.equal(mine.length, 1, `exactly one row for the article: ${JSON.stringify(rows)}`);
    articleId = mine[0].id;
    assert.ok(articleId && /^\d+$/.test(articleId), `row data-id is an id: ${articleId}`);
    assert.equal(mine[0].state, 'review');
  });

  step('the reopened article has every field as typed', async () => {
    await (await app.session.find(`${tid('article-row')}[data-id="${articleId}"] ${tid('row-headline')}`)).click();
    const headline = await app.el('field-headline');
    await waitFor(async () => (await headline.value()) === HEADLINE_2, { what: `headline field to show "${HEADLINE_2}"` });
    const values = {};
    for (const f of ['kicker', 'headline', 'teaser', 'author', 'contact', 'published-at', 'embargo-until']) {
      values[f] = await (await app.el(`field-${f}`)).value();
    }
    assert.deepEqual(values, {
      kicker: ARTICLE.kicker,
      headline: HEADLINE_2,
      teaser: ARTICLE.teaser,
      author: ARTICLE.author,
      contact: ARTICLE.contact,
      'published-at': ARTICLE.publishedAt,
      'embargo-until': ARTICLE.embargoUntil,
    });
    assert.deepEqual(await app.chipTexts('topic-chip'), ARTICLE.topics);
    assert.deepEqual(await app.chipTexts('place-chip'), ARTICLE.places);
    assert.deepEqual(await app.relatedLinks(), ARTICLE.related);
    const pm = await app.editor();
    const body = await app.exec(
      (e) => ({ h2: e.querySelector('h2')?.textContent, quote: e.querySelector('blockquote')?.textContent?.trim(), href: e.querySelector('a[href]')?.getAttribute('href'), text: e.innerText }),
      pm,
    );
    assert.equal(body.h2, ARTICLE.body.heading);
    assert.equal(body.quote, ARTICLE.body.quote);
    assert.equal(body.href, ARTICLE.body.linkUrl);
    assert.ok(body.text.includes(ARTICLE.body.paragraph), `body paragraph missing: ${body.text}`);
    assert.equal(await (await app.el('state-badge')).attr('data-state'), 'review');
  });

  step('restore the revision with the original headline', async () => {
    await app.click('revisions-toggle');
    const revRows = await app.waitCount('revision-row', (n) => n >= 2, { what: 'at least 2 revisions (create + state change)' });
    const revs = await app.exec(() =>
      [...document.querySelectorAll('[data-testid="revision-row"]')].map((r) => ({ rev: r.getAttribute('data-rev'), text: r.textContent.replace(/\s+/g, ' ').trim() })),
    );
    const target = revs.find((r) => r.text.includes(ARTICLE.headline));
    assert.ok(target, `no revision row mentions the original headline "${ARTICLE.headline}": ${JSON.stringify(revs)}`);
    const row = revRows[revs.indexOf(target)];
    await app.click('revision-restore', { within: row });
    await app.acceptAlertIfAny();
    // The editor may re-mount its fields with the restored article: find the field afresh on
    // every poll instead of holding an element that can go stale.
    await waitFor(async () => (await (await app.el('field-headline')).value()) === ARTICLE.headline, {
      what: `headline field to show the restored "${ARTICLE.headline}"`,
    });
    // Restoring keeps a new "restore" revision on top; the content it replaced (the second
    // headline, which no revision held yet) is kept as a revision first, so 1 or 2 rows appear.
    const after = await waitFor(
      async () => {
        const now = await app.exec(() =>
          [...document.querySelectorAll('[data-testid="revision-row"]')].map((r) => ({ rev: Number(r.getAttribute('data-rev')), text: r.textContent.replace(/\s+/g, ' ').trim() })),
        );
        return { ok: now.length > revs.length, value: now, seen: now };
      },
      { what: `a new revision row after the restore (before: ${revs.length})` },
    );
    const newest = after.reduce((a, b) => (b.rev > a.rev ? b : a));
    assert.equal(newest.rev, Math.max(...revs.map((r) => Number(r.rev))) + (after.length - revs.length), `revision numbers: ${JSON.stringify(after)}`);
    assert.ok(newest.text.includes(ARTICLE.headline), `the newest revision holds the restored headline: ${JSON.stringify(newest)}`);
    assert.ok(after.some((r) => r.text.includes(HEADLINE_2)), `the replaced headline "${HEADLINE_2}" is kept in a revision: ${JSON.stringify(after)}`);
    await app.waitSaved();
  });

  step('release the article (state "ready") and see it in the list', async () => {
    await app.select('state-select', 'ready');
    await waitFor(async () => (await (await app.el('state-badge')).attr('data-state')) === 'ready', { what: 'state-badge data-state="ready"' });
    await app.waitSaved();
    await app.click('back-to-list');
    await app.waitCount('article-row', (n) => n >= 1, { what: 'list rows after going back' });
    // The search may still be active; clear it so the full list is shown.
    const search = await app.el('search-input');
    if ((await search.value()) !== '') await app.fill('search-input', '');
    const row = await waitFor(
      async () => {
        const r = await app.exec(
          (id) => {
            const row = document.querySelector(`[data-testid="article-row"][data-id="${id}"]`);
            return row
              ? {
                  state: row.getAttribute('data-state'),
                  stateText: row.querySelector('[data-testid="row-state"]')?.textContent?.trim(),
                  headline: row.querySelector('[data-testid="row-headline"]')?.textContent?.trim(),
                }
              : null;
          },
          articleId,
        );
        return { ok: r?.state === 'ready', value: r, seen: r };
      },
      { what: `row ${articleId} with data-state="ready"` },
    );
    assert.equal(row.headline, ARTICLE.headline);
    assert.equal(row.stateText, 'Freigegeben');
    await app.waitCount('article-row', (n) => n === sampleCount + 1, { what: `${sampleCount + 1} rows (samples + ours) once the search is cleared` });
  });

  step('after closing, the CLI shows the stored article as typed', async () => {
    const closed = await app.close();
    app = null;
    assert.equal(closed.forced, false, 'the app process must exit when the WebDriver session is deleted');
    const a = cli(library, 'article', 'show', String(articleId));
    assert.equal(a.id, Number(articleId));
    assert.equal(a.state, 'ready');
    assert.equal(a.kicker, ARTICLE.kicker);
    assert.equal(a.headline, ARTICLE.headline);
    assert.equal(a.teaser, ARTICLE.teaser);
    assert.equal(a.author, ARTICLE.author);
    assert.equal(a.contact, ARTICLE.contact);
    assert.equal(a.published_at, ARTICLE.publishedAtUtc);
    assert.equal(a.embargo_until, ARTICLE.embargoUntilUtc);
    assert.deepEqual(a.topics, ARTICLE.topics);
    assert.deepEqual(a.places, ARTICLE.places);
    assert.deepEqual(a.related_links, ARTICLE.related);
    assert.match(a.body, /^## Programm am Samstag$/m, `body: ${a.body}`);
    assert.match(a.body, /^> /m, `body: ${a.body}`);
    assert.ok(a.body.includes(`[${ARTICLE.body.linkText}](${ARTICLE.body.linkUrl})`), `body lacks the link: ${a.body}`);
    assert.ok(a.body.includes('](http'), `body: ${a.body}`);

    // Revisions, newest first: state(ready), [edit], restore, [edit], state(review), …, create
    const revs = cli(library, 'article', 'revisions', String(articleId));
    const summary = revs.map((r) => `${r.rev}:${r.reason}:${r.state}:${r.headline}`).join(' | ');
    assert.equal(revs.at(-1).reason, 'create', `oldest revision: ${summary}`);
    assert.deepEqual([revs[0].reason, revs[0].state, revs[0].headline], ['state', 'ready', ARTICLE.headline], `newest revision: ${summary}`);
    const restore = revs.find((r) => r.reason === 'restore');
    assert.ok(restore, `a restore revision: ${summary}`);
    assert.equal(restore.headline, ARTICLE.headline, `restored headline: ${summary}`);
    assert.ok(revs.some((r) => r.rev < restore.rev && r.headline === HEADLINE_2), `the replaced headline kept before the restore: ${summary}`);
    assert.ok(revs.some((r) => r.reason === 'state' && r.state === 'review'), `a state revision for "review": ${summary}`);

    const found = cli(library, 'article', 'search', 'Strassenfest');
    const items = Array.isArray(found) ? found : found.items;
    assert.ok(items.some((x) => x.id === Number(articleId)), `CLI search "Strassenfest" does not find ${articleId}: ${JSON.stringify(found).slice(0, 500)}`);
  });
});
