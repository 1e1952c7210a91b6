// Newsroom-specific helpers on top of the WebDriver session: the DOM contract (data-testid),
// robust waits on the save status, form filling that works around WebKit quirks, and the
// ProseMirror body editor.

import { Key, WebDriverError } from './webdriver.mjs';
import { waitFor, sleep } from './wait.mjs';

/** CSS selector for a data-testid. */
export const tid = (id) => `[data-testid="${id}"]`;

/** "Mi 12. November 2025" */
export const GERMAN_DATE = /^(Mo|Di|Mi|Do|Fr|Sa|So)\.? \d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}$/;

/** Element errors that mean "not (yet) there" while the UI re-renders. */
const transient = (e) => e instanceof WebDriverError && /no such element|stale element|not interactable|element click intercepted/.test(e.error);

export class NewsroomApp {
  /** Launch the app on `library` and wait until the list is rendered. */
  static async launch(harness, { library, readyTimeout = 60_000 } = {}) {
    const session = await harness.launch({ library });
    const app = new NewsroomApp(harness, session);
    await app.waitReady({ timeout: readyTimeout });
    return app;
  }

  constructor(harness, session) {
    this.harness = harness;
    this.session = session;
  }

  get library() {
    return this.session.library;
  }

  get timings() {
    return this.session.timings;
  }

  /** Wait for `document.body.dataset.ready === "1"`; records timings.readyMs (from launch). */
  async waitReady({ timeout = 60_000 } = {}) {
    await waitFor(
      async () => {
        const s = await this.session.execute(() => ({
          ready: document.body?.dataset?.ready ?? null,
          url: location.href,
          title: document.title,
          text: (document.body?.innerText ?? '').slice(0, 200),
        }));
        if (/Could not connect to localhost/i.test(s.text)) {
          // An app built without its default features loads the Vite dev server instead.
          throw Object.assign(
            new Error(`the app shows "${s.text.trim()}" — this binary loads the dev server URL; build it with its default features (\`cargo test --workspace --no-run\` after \`npm --prefix ui run build\`) so the UI is embedded (${s.url})`),
            { fatal: true },
          );
        }
        return { ok: s.ready === '1', seen: s };
      },
      { timeout, interval: 100, what: 'document.body.dataset.ready === "1" (list rendered)', fatal: (e) => e.fatal },
    );
    this.session.timings.readyMs = Date.now() - this.session.startedAt;
  }

  // ---- finding things -----------------------------------------------------------------------

  /** Wait for the first element with this test id (optionally inside `within`). */
  async el(id, { within, timeout = 10_000 } = {}) {
    const root = within ?? this.session;
    return waitFor(() => root.find(tid(id)), { timeout, what: `element ${tid(id)}`, fatal: (e) => !transient(e) });
  }

  /** All elements with this test id (no waiting). */
  all(id, { within } = {}) {
    return (within ?? this.session).findAll(tid(id));
  }

  /** Wait until `pred(count)` holds for the elements with this test id; returns them. */
  async waitCount(id, pred, { timeout = 10_000, what } = {}) {
    return waitFor(
      async () => {
        const els = await this.all(id);
        return { ok: pred(els.length), value: els, seen: `${els.length} element(s)` };
      },
      { timeout, what: what ?? `count of ${tid(id)} to satisfy ${pred}` },
    );
  }

  async text(id, opts) {
    return (await this.el(id, opts)).text();
  }

  /** Click an element by test id; retries while the UI re-renders it. */
  async click(id, { within, timeout = 10_000 } = {}) {
    await waitFor(
      async () => {
        await (await (within ?? this.session).find(tid(id))).click();
        return true;
      },
      { timeout, what: `click on ${tid(id)}`, fatal: (e) => !transient(e) },
    );
  }

  /** Run a script in the page (see Session.execute). */
  exec(fn, ...args) {
    return this.session.execute(fn, ...args);
  }

  // ---- form fields --------------------------------------------------------------------------

  /**
   * Replace the value of an input/textarea by typing (real key events, as a user would).
   * Verifies the value afterwards; returns the element.
   */
  async fill(id, value, opts = {}) {
    const el = opts.element ?? (await this.el(id, opts));
    await el.clear();
    // clear() fires change but not input in some engines: make sure the UI sees the empty value.
    await this.exec((e) => e.dispatchEvent(new Event('input', { bubbles: true })), el);
    // WebKitWebDriver types "\n" as nothing: newlines (textareas) are typed as the Enter key.
    if (value !== '') await el.type(value.replace(/\r?\n/g, Key.ENTER));
    const got = await el.value();
    if (got !== value) throw new Error(`fill ${tid(id)}: expected value ${JSON.stringify(value)}, field shows ${JSON.stringify(got)}`);
    return el;
  }

  /**
   * Set an input's value from script (for controls WebKit won't type into, e.g.
   * datetime-local) using the native value setter, then dispatch input + change like a user edit.
   */
  async setValueByScript(el, value) {
    await this.exec(
      (e, v) => {
        const proto = e instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : e instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value').set.call(e, v);
        e.dispatchEvent(new Event('input', { bubbles: true }));
        e.dispatchEvent(new Event('change', { bubbles: true }));
      },
      el,
      value,
    );
  }

  /**
   * Type a date into the editor's date field as a person would (keyboard only), leave the
   * field, and check the form it normalises to (e.g. typed "12.11.2025 09:30", shown
   * "12.11.2025, 09:30").
   */
  async setDateTime(id, typed, shown) {
    const el = await this.fill(id, typed);
    await this.exec((e) => e.blur(), el);
    const got = await el.value();
    if (got !== shown) throw new Error(`setDateTime ${tid(id)}: typed ${typed}, expected ${shown}, field shows ${JSON.stringify(got)}`);
    return el;
  }

  /** Choose an option of a <select> by value: clicking the option, script as fallback. */
  async select(id, value) {
    const el = await this.el(id);
    try {
      await (await el.find(`option[value="${value}"]`)).click();
    } catch {}
    if ((await el.value()) !== value) await this.setValueByScript(el, value);
    const got = await el.value();
    if (got !== value) throw new Error(`select ${tid(id)}: expected ${value}, shows ${JSON.stringify(got)}`);
  }

  /** Type text into a chip input and press Enter; waits until a chip with that text exists. */
  async addChip(inputId, chipId, text) {
    const input = await this.el(inputId);
    await input.type(text + Key.ENTER);
    await waitFor(
      async () => {
        const chips = await this.chipTexts(chipId);
        return { ok: chips.includes(text), seen: chips };
      },
      { timeout: 5000, what: `a ${tid(chipId)} with text ${JSON.stringify(text)} after typing it + Enter into ${tid(inputId)}` },
    );
  }

  /** Texts of chips (without the remove button's text). */
  async chipTexts(chipId) {
    return this.exec(
      (sel) =>
        [...document.querySelectorAll(sel)].map((c) => {
          const clone = c.cloneNode(true);
          clone.querySelectorAll('[data-testid="chip-remove"]').forEach((r) => r.remove());
          return clone.textContent.replace(/\s+/g, ' ').trim();
        }),
      tid(chipId),
    );
  }

  /** Values of the "Zum Thema" link rows: [{label, url}]. */
  async relatedLinks() {
    return this.exec(() =>
      [...document.querySelectorAll('[data-testid="related-link"]')].map((row) => ({
        label: row.querySelector('[data-testid="related-label"]')?.value ?? null,
        url: row.querySelector('[data-testid="related-url"]')?.value ?? null,
      })),
    );
  }

  // ---- saving -------------------------------------------------------------------------------

  async saveStatus() {
    return (await this.el('save-status')).attr('data-status');
  }

  /**
   * Wait until save-status is "saved". Fails fast on "error" (with the toast's text).
   * `settle` ms: the status must stay "saved" that long (guards against reading "saved" just
   * before the UI notices a fresh edit).
   */
  async waitSaved({ timeout = 10_000, settle = 300 } = {}) {
    let savedSince = null;
    await waitFor(
      async () => {
        const s = await this.exec(() => ({
          status: document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status') ?? null,
          toast: document.querySelector('[data-testid="error-toast"]')?.textContent?.trim() ?? null,
        }));
        if (s.status === 'error') throw Object.assign(new Error(`save-status is "error"; error-toast: ${s.toast}`), { fatal: true });
        if (s.status !== 'saved') {
          savedSince = null;
          return { ok: false, seen: s };
        }
        savedSince ??= Date.now();
        return { ok: Date.now() - savedSince >= settle, seen: s };
      },
      { timeout, interval: 100, what: 'save-status data-status="saved"', fatal: (e) => e.fatal },
    );
  }

  /** Ctrl+S (save now) and wait for "saved". */
  async saveNow() {
    await this.session.chord(Key.CONTROL, 's');
    await this.waitSaved();
  }

  /** Text of the error toast if one is visible, else null. */
  async errorToast() {
    return this.exec(() => document.querySelector('[data-testid="error-toast"]')?.textContent?.trim() || null);
  }

  // ---- body editor (ProseMirror) -------------------------------------------------------------

  /** The contenteditable of the body editor. */
  editor() {
    return waitFor(() => this.session.find(`${tid('body-editor')} .ProseMirror`), { timeout: 10_000, what: 'the .ProseMirror inside body-editor' });
  }

  /**
   * Type into the body editor. If the editor does not have focus, WebDriver focuses it and puts
   * the caret at the end; if it has focus, typing continues at the caret.
   */
  async typeInEditor(text) {
    const pm = await this.editor();
    await pm.type(text);
  }

  /** Put the caret at the very end of the body editor (focuses it). */
  async caretToEditorEnd() {
    const pm = await this.editor();
    await this.exec((e) => {
      e.focus();
      const r = document.createRange();
      r.selectNodeContents(e);
      r.collapse(false);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
    }, pm);
    await this.waitEditorSelection((s) => s.collapsed && s.atEnd, 'caret at the end of the editor');
  }

  /**
   * Select `needle` inside the body editor's DOM with a Range (like a mouse drag would), then wait
   * until ProseMirror has picked the selection up (it listens to selectionchange).
   */
  async selectInEditor(needle) {
    const pm = await this.editor();
    const found = await this.exec(
      (e, n) => {
        e.focus();
        const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const i = node.data.indexOf(n);
          if (i >= 0) {
            const r = document.createRange();
            r.setStart(node, i);
            r.setEnd(node, i + n.length);
            const sel = window.getSelection();
            sel.removeAllRanges();
            sel.addRange(r);
            document.dispatchEvent(new Event('selectionchange'));
            return true;
          }
        }
        return false;
      },
      pm,
      needle,
    );
    if (!found) throw new Error(`selectInEditor: text ${JSON.stringify(needle)} not found in the editor; editor text: ${JSON.stringify(await pm.text())}`);
    await this.waitEditorSelection((s) => s.text === needle, `editor selection to be ${JSON.stringify(needle)}`);
  }

  async waitEditorSelection(pred, what) {
    return waitFor(
      async () => {
        const s = await this.exec(() => {
          const sel = window.getSelection();
          const pm = document.querySelector('[data-testid="body-editor"] .ProseMirror');
          // At the end: no text between the selection's end and the end of the editor.
          let atEnd = false;
          if (sel.rangeCount > 0) {
            const rest = document.createRange();
            rest.selectNodeContents(pm);
            const r = sel.getRangeAt(0);
            rest.setStart(r.endContainer, r.endOffset);
            atEnd = rest.toString() === '';
          }
          return { text: sel.toString(), collapsed: sel.isCollapsed, focused: pm.contains(document.activeElement) || pm === document.activeElement, atEnd };
        });
        return { ok: pred(s), seen: s };
      },
      { timeout: 5000, what },
    );
  }

  /** innerHTML of an element by test id. */
  html(id) {
    return this.exec((sel) => document.querySelector(sel)?.innerHTML ?? null, tid(id));
  }

  // ---- misc ---------------------------------------------------------------------------------

  /** Accept a JS confirm()/alert() if one is open (no-op otherwise). */
  async acceptAlertIfAny() {
    try {
      await this.session.cmd('POST', '/alert/accept', {});
      return true;
    } catch (e) {
      if (e instanceof WebDriverError && /no such alert/.test(e.error)) return false;
      throw e;
    }
  }

  /** Close the app (delete session) and wait for its process to end. */
  close(opts) {
    return this.harness.close(this.session, opts);
  }
}

export { Key, sleep };
