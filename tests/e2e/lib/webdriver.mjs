// A minimal W3C WebDriver client over fetch (Node 20, no dependencies).
//
// Only what the Newsroom end-to-end tests need:
//   Session.create(url, capabilities)       POST   /session
//   session.find(css) / findAll(css)        POST   /session/{id}/element(s)
//   element.find(css) / findAll(css)        POST   /session/{id}/element/{eid}/element(s)
//   element.click() / clear() / type(text)  POST   /session/{id}/element/{eid}/click|clear|value
//   element.text() / attr(n) / prop(n)      GET    /session/{id}/element/{eid}/text|attribute/n|property/n
//   session.execute(fn|src, ...args)        POST   /session/{id}/execute/sync
//   session.executeAsync(fn|src, ...args)   POST   /session/{id}/execute/async
//   session.keys(...) / session.chord(...)  POST   /session/{id}/actions  (+ DELETE to release)
//   session.screenshot()                    GET    /session/{id}/screenshot  (base64 PNG)
//   session.getWindowRect / setWindowRect   GET|POST /session/{id}/window/rect
//   session.delete()                        DELETE /session/{id}
//
// Errors are thrown as WebDriverError carrying the W3C error code (e.g. "no such element")
// and the command that failed, so a failing test says what it was doing.

/** The W3C key for element references in JSON. */
export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

/** Code points of the WebDriver special keys used by the tests. */
export const Key = Object.freeze({
  BACKSPACE: '\uE003',
  TAB: '\uE004',
  ENTER: '\uE007',
  SHIFT: '\uE008',
  CONTROL: '\uE009',
  ALT: '\uE00A',
  ESCAPE: '\uE00C',
  END: '\uE010',
  HOME: '\uE011',
  ARROW_LEFT: '\uE012',
  ARROW_UP: '\uE013',
  ARROW_RIGHT: '\uE014',
  ARROW_DOWN: '\uE015',
  DELETE: '\uE017',
});

export class WebDriverError extends Error {
  constructor(command, error, message, data) {
    super(`${command}: ${error}: ${message}`);
    this.name = 'WebDriverError';
    this.command = command;
    this.error = error; // W3C error code, e.g. "no such element", "stale element reference"
    this.data = data;
  }
}

/** Send one WebDriver command; returns the `value` of the response or throws WebDriverError. */
async function command(baseUrl, method, path, body, timeoutMs = 60_000) {
  const what = `${method} ${path}`;
  let res;
  try {
    res = await fetch(baseUrl + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new WebDriverError(what, 'transport', `${e.name}: ${e.message}${e.cause ? ` (${e.cause.message ?? e.cause})` : ''}`);
  }
  const raw = await res.text();
  let json;
  try {
    json = raw ? JSON.parse(raw) : {};
  } catch {
    throw new WebDriverError(what, `HTTP ${res.status}`, `non-JSON response: ${raw.slice(0, 300)}`);
  }
  const value = json.value === undefined ? null : json.value;
  if (!res.ok || (value && typeof value === 'object' && typeof value.error === 'string')) {
    const v = value ?? {};
    throw new WebDriverError(what, v.error ?? `HTTP ${res.status}`, v.message ?? raw.slice(0, 300), v.data);
  }
  return value;
}

/** Turn a function or a source string into a WebDriver script body. */
// A function is called with the script arguments (for async scripts WebDriver appends the
// "done" callback as the last argument, so the function simply takes one more parameter).
function scriptSource(fnOrSrc) {
  if (typeof fnOrSrc === 'string') return fnOrSrc;
  return `return (${fnOrSrc}).apply(null, arguments);`;
}

/** Replace Element objects by their JSON reference (deeply) for script arguments. */
function serializeArg(arg) {
  if (arg instanceof Element) return { [ELEMENT_KEY]: arg.id };
  if (Array.isArray(arg)) return arg.map(serializeArg);
  if (arg && typeof arg === 'object') {
    return Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, serializeArg(v)]));
  }
  return arg;
}

export class Session {
  /**
   * Start a new session. `capabilities` is the full `{capabilities: {...}}` body.
   * Session creation starts the application, so it gets a long timeout.
   */
  static async create(baseUrl, capabilities, { timeoutMs = 120_000 } = {}) {
    const value = await command(baseUrl, 'POST', '/session', capabilities, timeoutMs);
    return new Session(baseUrl, value.sessionId, value.capabilities);
  }

  constructor(baseUrl, id, capabilities) {
    this.baseUrl = baseUrl;
    this.id = id;
    this.capabilities = capabilities;
    this.deleted = false;
  }

  /** Raw command relative to this session, e.g. cmd('GET', '/title'). */
  cmd(method, path, body, timeoutMs) {
    return command(this.baseUrl, method, `/session/${this.id}${path}`, body, timeoutMs);
  }

  /** Wrap a JSON value returned by the remote end into Element objects (deeply). */
  revive(value) {
    if (Array.isArray(value)) return value.map((v) => this.revive(v));
    if (value && typeof value === 'object') {
      if (typeof value[ELEMENT_KEY] === 'string') return new Element(this, value[ELEMENT_KEY]);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.revive(v)]));
    }
    return value;
  }

  /** First element matching a CSS selector; throws WebDriverError "no such element" if none. */
  async find(css) {
    return new Element(this, (await this.cmd('POST', '/element', { using: 'css selector', value: css }))[ELEMENT_KEY], css);
  }

  /** All elements matching a CSS selector (possibly empty). */
  async findAll(css) {
    const list = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return list.map((v) => new Element(this, v[ELEMENT_KEY], css));
  }

  /** Run a script synchronously in the page. Functions are serialized with toString(). */
  async execute(fnOrSrc, ...args) {
    const value = await this.cmd('POST', '/execute/sync', { script: scriptSource(fnOrSrc), args: args.map(serializeArg) });
    return this.revive(value);
  }

  /**
   * Run an async script: the function receives the args plus a final `done(result)` callback.
   * The script timeout is whatever the session has (set with setTimeouts).
   */
  async executeAsync(fnOrSrc, ...args) {
    const value = await this.cmd('POST', '/execute/async', { script: scriptSource(fnOrSrc), args: args.map(serializeArg) });
    return this.revive(value);
  }

  /** Set session timeouts in ms, e.g. {script: 30000, implicit: 0, pageLoad: 60000}. */
  setTimeouts(t) {
    return this.cmd('POST', '/timeouts', t);
  }

  /**
   * Type a sequence of keys into whatever has focus, via the Actions API.
   * Each string is typed key by key; use Key.* for special keys.
   */
  async keys(...strings) {
    const actions = [];
    for (const s of strings) {
      for (const ch of s) actions.push({ type: 'keyDown', value: ch }, { type: 'keyUp', value: ch });
    }
    await this.performKeyActions(actions);
  }

  /** Press modifier(s) + key together, e.g. chord(Key.CONTROL, 'n'). */
  async chord(...keys) {
    const down = keys.map((k) => ({ type: 'keyDown', value: k }));
    const up = [...keys].reverse().map((k) => ({ type: 'keyUp', value: k }));
    await this.performKeyActions([...down, ...up]);
  }

  async performKeyActions(actions) {
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.cmd('DELETE', '/actions');
  }

  /**
   * A PNG screenshot of the current window as a Buffer.
   *
   * WebKitWebDriver answers a screenshot only after the page's next paint; an idle page under
   * Xvfb (compositing disabled) may never paint again, and the command hangs. So by default the
   * page is first made to repaint for a few frames: an invisible 1×1 px element flickers
   * between opacity 0 and 0.01 for ~120 animation frames, then removes itself.
   */
  async screenshot({ timeoutMs = 20_000, nudge = true } = {}) {
    if (nudge) {
      await this.execute(() => {
        const d = document.createElement('div');
        d.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;opacity:0;z-index:2147483647';
        document.body.appendChild(d);
        let n = 0;
        const tick = () => {
          d.style.opacity = n % 2 ? '0' : '0.01';
          if (++n < 120) requestAnimationFrame(tick);
          else d.remove();
        };
        requestAnimationFrame(tick);
      });
    }
    return Buffer.from(await this.cmd('GET', '/screenshot', undefined, timeoutMs), 'base64');
  }

  getWindowRect() {
    return this.cmd('GET', '/window/rect');
  }

  /** Set window position/size; any of {x, y, width, height}. Returns the resulting rect. */
  setWindowRect(rect) {
    return this.cmd('POST', '/window/rect', rect);
  }

  title() {
    return this.cmd('GET', '/title');
  }

  /** The element that has focus. */
  async activeElement() {
    return new Element(this, (await this.cmd('GET', '/element/active'))[ELEMENT_KEY], ':focus');
  }

  /** End the session; for tauri-driver this closes (kills) the application. Safe to call twice. */
  async delete({ timeoutMs = 30_000 } = {}) {
    if (this.deleted) return;
    this.deleted = true;
    await command(this.baseUrl, 'DELETE', `/session/${this.id}`, undefined, timeoutMs);
  }
}

export class Element {
  constructor(session, id, selector = '?') {
    this.session = session;
    this.id = id;
    this.selector = selector; // for error messages only
  }

  cmd(method, path, body) {
    return this.session.cmd(method, `/element/${this.id}${path}`, body);
  }

  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return new Element(this.session, v[ELEMENT_KEY], `${this.selector} ${css}`);
  }

  async findAll(css) {
    const list = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return list.map((v) => new Element(this.session, v[ELEMENT_KEY], `${this.selector} ${css}`));
  }

  click() {
    return this.cmd('POST', '/click', {});
  }

  clear() {
    return this.cmd('POST', '/clear', {});
  }

  /** Send keys to this element (focuses it first, as WebDriver "Element Send Keys" does). */
  type(text) {
    return this.cmd('POST', '/value', { text });
  }

  text() {
    return this.cmd('GET', '/text');
  }

  attr(name) {
    return this.cmd('GET', `/attribute/${encodeURIComponent(name)}`);
  }

  prop(name) {
    return this.cmd('GET', `/property/${encodeURIComponent(name)}`);
  }

  /** The element's current `value` property (inputs, textareas, selects). */
  value() {
    return this.prop('value');
  }

  displayed() {
    return this.cmd('GET', '/displayed');
  }

  enabled() {
    return this.cmd('GET', '/enabled');
  }

  toJSON() {
    return { [ELEMENT_KEY]: this.id };
  }
}
