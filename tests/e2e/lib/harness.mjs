// Test harness: starts Xvfb and tauri-driver (which starts WebKitWebDriver), opens app sessions,
// and tears everything down again. One Harness per test file; one app at a time.
//
//   const h = await Harness.start();            // Xvfb on a free display + tauri-driver on free ports
//   const lib = h.newLibraryDir();              // fresh library dir inside the run's temp root
//   const session = await h.launch({ library }) // starts newsroom-app --library <lib>
//   ...
//   await h.stop();                             // in after(): kills what it started, removes temp dirs
//
// Environment knobs:
//   NEWSROOM_APP            app binary            (default <repo>/target/debug/newsroom-app)
//   NEWSROOM_CLI            CLI binary            (default <repo>/target/debug/newsroom)
//   TAURI_DRIVER            tauri-driver binary   (default: $PATH, then ~/.cargo/bin/tauri-driver)
//   WEBKIT_WEBDRIVER        native driver         (default /usr/bin/WebKitWebDriver)
//   NEWSROOM_E2E_KEEP=1     keep the temp root (libraries, logs) after the run
//   NEWSROOM_E2E_COMPOSITING=1  don't set WEBKIT_DISABLE_COMPOSITING_MODE (≈20× faster typing)
//   NEWSROOM_E2E_ARTIFACTS  where failure screenshots go (default tests/e2e/.artifacts, git-ignored)
//   CI                      when set, missing prerequisites FAIL the suite instead of skipping it

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from './webdriver.mjs';
import { waitFor, sleep } from './wait.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const APP = path.resolve(process.env.NEWSROOM_APP || path.join(REPO, 'target/debug/newsroom-app'));
export const CLI = path.resolve(process.env.NEWSROOM_CLI || path.join(REPO, 'target/debug/newsroom'));
export const NATIVE_DRIVER = process.env.WEBKIT_WEBDRIVER || '/usr/bin/WebKitWebDriver';
export const TAURI_DRIVER = process.env.TAURI_DRIVER || which('tauri-driver') || path.join(os.homedir(), '.cargo/bin/tauri-driver');
export const XVFB = process.env.XVFB || which('Xvfb') || '/usr/bin/Xvfb';
export const ARTIFACTS = process.env.NEWSROOM_E2E_ARTIFACTS || path.join(REPO, 'tests/e2e/.artifacts'); // git-ignored

/** Screen of the virtual display; the docs screenshots want a 1280×800 window. */
export const SCREEN = { width: 1280, height: 800, depth: 24 };

function which(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, name);
    if (isExecutable(p)) return p;
  }
  return null;
}

function isExecutable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * What is missing to run the e2e suite, as a human-readable string, or null if all is there.
 * `needCli` also requires the newsroom CLI (for assertions on stored data).
 */
export function missingPrerequisites({ needCli = true } = {}) {
  const missing = [];
  const need = [
    ['app binary (build: npm --prefix ui run build && cargo test --workspace --no-run; or set NEWSROOM_APP)', APP],
    ['tauri-driver (cargo install tauri-driver --locked)', TAURI_DRIVER],
    ['WebKitWebDriver (apt-get install webkit2gtk-driver)', NATIVE_DRIVER],
    ['Xvfb (apt-get install xvfb)', XVFB],
  ];
  if (needCli) need.push(['newsroom CLI (cargo test --workspace --no-run builds it; or set NEWSROOM_CLI)', CLI]);
  for (const [what, p] of need) if (!isExecutable(p)) missing.push(`${what}: ${p}`);
  return missing.length ? `missing ${missing.join('; ')}` : null;
}

/**
 * Options for `describe()`: skip with a clear message when prerequisites are missing, except in CI
 * (process.env.CI set), where the suite runs and `assertPrerequisites` in `before()` fails it.
 */
export function suiteOptions(opts = {}) {
  const missing = missingPrerequisites(opts);
  const skip = missing && !process.env.CI ? `e2e prerequisites not met (${missing})` : false;
  return { skip, timeout: opts.timeout ?? 15 * 60_000 };
}

/** Throws when prerequisites are missing (reached in CI; locally the suite is skipped instead). */
export function assertPrerequisites(opts = {}) {
  const missing = missingPrerequisites(opts);
  if (missing) throw new Error(`e2e prerequisites not met${process.env.CI ? ' (CI: failing instead of skipping)' : ''}: ${missing}`);
}

/** A free TCP port on 127.0.0.1 (asks the OS, then releases it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Parent pid of a process, from /proc (null if gone). */
function ppidOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may contain spaces/parens: fields after the last ')' are fixed.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** argv of a process, from /proc (null if gone). */
export function cmdlineOf(pid) {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((s, i, a) => !(i === a.length - 1 && s === ''));
  } catch {
    return null;
  }
}

/** Is the process alive (and not a zombie)? */
export function isAlive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** All live descendants of `rootPid` (transitively), from /proc. */
export function descendants(rootPid) {
  const parent = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pp = ppidOf(Number(name));
    if (pp !== null) parent.set(Number(name), pp);
  }
  const result = [];
  for (const pid of parent.keys()) {
    let p = parent.get(pid);
    for (let guard = 0; p && guard < 64; guard++) {
      if (p === rootPid) {
        result.push(pid);
        break;
      }
      p = parent.get(p);
    }
  }
  return result.filter(isAlive);
}

/**
 * Freezes an app and its web processes (SIGSTOP), as a laptop that goes to sleep: timers,
 * saves and lock renewals stop where they are. `resume` lets them run on (SIGCONT).
 */
export function suspend(pid) {
  for (const p of [pid, ...descendants(pid)]) process.kill(p, 'SIGSTOP');
}

export function resume(pid) {
  for (const p of [pid, ...descendants(pid)]) {
    try {
      process.kill(p, 'SIGCONT');
    } catch {
      // gone meanwhile
    }
  }
}

/** Last `n` lines of a log file (for error messages). */
export function tail(file, n = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Run the newsroom CLI on a library and parse its JSON output.
 * `cli(lib, 'article', 'show', '3')` runs `newsroom --library <lib> article show 3 --json`.
 */
export function cli(library, ...args) {
  const argv = ['--library', library, ...args, '--json'];
  let out;
  try {
    out = execFileSync(CLI, argv, { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`newsroom ${argv.join(' ')} failed (exit ${e.status}): ${e.stderr || e.message}`);
  }
  try {
    return JSON.parse(out);
  } catch {
    throw new Error(`newsroom ${argv.join(' ')} printed non-JSON: ${out.slice(0, 500)}`);
  }
}

/** Harnesses not stopped yet: ended synchronously if the test process exits or is interrupted. */
const live = new Set();

function killAllSync() {
  for (const h of live) h.killSync();
}

process.on('exit', killAllSync);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    killAllSync();
    process.kill(process.pid, sig); // default action now that our handler is gone
  });
}

/** The test PostgreSQL server (run.sh starts a throwaway cluster when it is unset). */
export const TEST_PG = process.env.NEWSROOM_TEST_PG || '';

/** The address of a new, empty schema on the test server, named after `prefix`. */
export function freshSchemaUrl(prefix) {
  const schema = `${prefix}_${process.pid}_${Date.now() % 100000}`;
  execFileSync('psql', [TEST_PG, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE SCHEMA ${schema}`], { stdio: 'pipe' });
  return `${TEST_PG}${TEST_PG.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
}

export class Harness {
  /**
   * Start Xvfb and tauri-driver. Everything started is recorded so that stop() can end it.
   * `env` is added to the app's environment (e.g. NEWSROOM_USER: who this desk is).
   */
  static async start({ screen = SCREEN, env = {} } = {}) {
    const h = new Harness();
    h.extraEnv = env;
    live.add(h);
    try {
      await h.#startXvfb(screen);
      await h.#startDriver();
    } catch (e) {
      await h.stop();
      throw e;
    }
    return h;
  }

  constructor() {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-'));
    this.log = path.join(this.root, 'driver.log');
    this.children = []; // ChildProcess objects we spawned
    this.sessions = new Set();
    this.libraryCount = 0;
    for (const d of ['xdg-data', 'xdg-config', 'xdg-cache', 'runtime']) fs.mkdirSync(path.join(this.root, d), { mode: 0o700 });
  }

  /** A new, empty library directory path (the app creates and seeds it). */
  newLibraryDir(name = `library-${++this.libraryCount}`) {
    return path.join(this.root, name);
  }

  async #startXvfb({ width, height, depth }) {
    // -displayfd: Xvfb picks a free display number itself and writes it to fd 3 when ready.
    const logFd = fs.openSync(path.join(this.root, 'xvfb.log'), 'a');
    const xvfb = spawn(XVFB, ['-displayfd', '3', '-screen', '0', `${width}x${height}x${depth}`, '-nolisten', 'tcp', '-noreset'], {
      stdio: ['ignore', logFd, logFd, 'pipe'],
    });
    fs.closeSync(logFd);
    this.children.push(xvfb);
    this.xvfb = xvfb;
    const display = await new Promise((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new Error(`Xvfb did not report a display within 15 s; log:\n${tail(path.join(this.root, 'xvfb.log'))}`)), 15_000);
      xvfb.stdio[3].on('data', (d) => {
        buf += d;
        if (buf.includes('\n')) {
          clearTimeout(timer);
          resolve(`:${buf.trim()}`);
        }
      });
      xvfb.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Xvfb exited (${code}) before reporting a display; log:\n${tail(path.join(this.root, 'xvfb.log'))}`));
      });
    });
    this.display = display;
  }

  /** The environment of tauri-driver, WebKitWebDriver and so of the app. */
  env() {
    const env = {
      ...process.env,
      DISPLAY: this.display,
      // Isolate the app from the user's data/config (the app's default library is under XDG_DATA_HOME).
      XDG_DATA_HOME: path.join(this.root, 'xdg-data'),
      XDG_CONFIG_HOME: path.join(this.root, 'xdg-config'),
      XDG_CACHE_HOME: path.join(this.root, 'xdg-cache'),
      XDG_RUNTIME_DIR: path.join(this.root, 'runtime'),
      // Stability under Xvfb without GPU. (Costly: with compositing disabled, WebKitGTK 2.50
      // needs ~100 ms per keystroke in the editor instead of ~5 ms; NEWSROOM_E2E_COMPOSITING=1
      // keeps WebKit's default rendering for faster local runs.)
      ...(process.env.NEWSROOM_E2E_COMPOSITING === '1' ? {} : { WEBKIT_DISABLE_COMPOSITING_MODE: '1', WEBKIT_DISABLE_DMABUF_RENDERER: '1' }),
      LIBGL_ALWAYS_SOFTWARE: '1',
      GDK_BACKEND: 'x11',
      NO_AT_BRIDGE: '1',
      // The app shows times in Europe/Berlin whatever the system zone is; a system zone of UTC
      // makes a mix-up (local time instead of Berlin time) visible in the tests.
      TZ: 'UTC',
    };
    // Never let a developer's library setting leak into the tests.
    delete env.NEWSROOM_LIBRARY;
    return { ...env, ...(this.extraEnv ?? {}) };
  }

  async #startDriver() {
    this.port = await freePort();
    this.nativePort = await freePort();
    while (this.nativePort === this.port) this.nativePort = await freePort();
    const logFd = fs.openSync(this.log, 'a');
    // detached: own process group, so stop() can end tauri-driver, WebKitWebDriver and the app together.
    const driver = spawn(
      TAURI_DRIVER,
      ['--port', String(this.port), '--native-port', String(this.nativePort), '--native-driver', NATIVE_DRIVER],
      { stdio: ['ignore', logFd, logFd], env: this.env(), detached: true },
    );
    fs.closeSync(logFd);
    this.children.push(driver);
    this.driver = driver;
    this.url = `http://127.0.0.1:${this.port}`;
    let exited = null;
    driver.on('exit', (code, sig) => (exited = `${code ?? sig}`));
    await waitFor(
      async () => {
        if (exited !== null) throw Object.assign(new Error(`tauri-driver exited (${exited}); log:\n${tail(this.log)}`), { fatal: true });
        const res = await fetch(`${this.url}/status`, { signal: AbortSignal.timeout(2000) });
        const json = await res.json();
        return json?.value?.ready === true;
      },
      { timeout: 20_000, interval: 200, what: `tauri-driver on port ${this.port} to be ready`, fatal: (e) => e.fatal },
    );
  }

  /** Library-independent capabilities for launching the app with extra args. */
  capabilities(args) {
    return { capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application: APP, args } } } };
  }

  /**
   * Start the app (a new WebDriver session). Returns the Session with `.library`, `.pid` and
   * `.timings = { sessionMs }`. The caller waits for readiness (see app.mjs).
   */
  async launch({ library, args = [] } = {}) {
    const before = new Set(this.appPids());
    const t0 = Date.now();
    let session;
    try {
      session = await Session.create(this.url, this.capabilities(library ? ['--library', library, ...args] : args));
    } catch (e) {
      e.message += `\n--- driver/app log (tail) ---\n${tail(this.log)}`;
      throw e;
    }
    const sessionMs = Date.now() - t0;
    this.sessions.add(session);
    session.library = library;
    session.startedAt = t0;
    session.timings = { sessionMs };
    const pids = this.appPids().filter((p) => !before.has(p));
    session.pid = pids[0] ?? null;
    return session;
  }

  /** PIDs of app processes started under our tauri-driver. */
  appPids() {
    if (!this.driver?.pid) return [];
    const real = fs.existsSync(APP) ? fs.realpathSync(APP) : APP;
    return descendants(this.driver.pid).filter((pid) => {
      let exe = null;
      try {
        // " (deleted)" if the binary was rebuilt while the app runs
        exe = fs.readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, '');
      } catch {}
      const argv0 = cmdlineOf(pid)?.[0];
      return exe === real || argv0 === APP || argv0 === real;
    });
  }

  /**
   * Close the app the normal way (delete the session) and wait until its process is gone.
   * Returns { closeMs, forced } — forced=true if it had to be SIGKILLed after `timeout`.
   */
  async close(session, { timeout = 15_000 } = {}) {
    const t0 = Date.now();
    const pid = session.pid;
    try {
      await session.delete();
    } finally {
      this.sessions.delete(session);
    }
    let forced = false;
    if (pid) {
      try {
        await waitFor(() => !isAlive(pid), { timeout, what: `app process ${pid} to exit after the session was deleted` });
      } catch {
        forced = true;
        try {
          process.kill(pid, 'SIGKILL');
        } catch {}
        await waitFor(() => !isAlive(pid), { timeout: 5000, what: `app process ${pid} to die after SIGKILL` });
      }
    }
    return { closeMs: Date.now() - t0, forced };
  }

  /** SIGKILL the app of a session (simulates a crash / power loss of the app process). */
  kill(session) {
    if (!session.pid) throw new Error('kill: the app PID is unknown (not found under tauri-driver)');
    process.kill(session.pid, 'SIGKILL');
    return session.pid;
  }

  /** Forget a session whose app was killed: delete it on a best-effort basis. */
  async discard(session) {
    this.sessions.delete(session);
    try {
      await session.delete({ timeoutMs: 10_000 });
    } catch {}
  }

  /**
   * Last resort when the test process is going away: SIGKILL what we started (tauri-driver's
   * process group, which holds WebKitWebDriver and the app; Xvfb), synchronously.
   */
  killSync() {
    for (const child of this.children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      try {
        if (child === this.driver) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {}
    }
    live.delete(this);
  }

  /** End every session, tauri-driver (and its process group), Xvfb; remove the temp root. */
  async stop() {
    live.delete(this);
    for (const s of [...this.sessions]) await this.discard(s);
    for (const child of [...this.children].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      try {
        // tauri-driver runs in its own process group (detached): signal the whole group.
        if (child === this.driver) process.kill(-child.pid, 'SIGTERM');
        else child.kill('SIGTERM');
      } catch {}
      const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!done) {
        try {
          if (child === this.driver) process.kill(-child.pid, 'SIGKILL');
          else child.kill('SIGKILL');
        } catch {}
      }
    }
    // Anything of the driver's process group that survived (e.g. the app) is ours to end too.
    if (this.driver?.pid) {
      try {
        process.kill(-this.driver.pid, 'SIGKILL');
      } catch {}
    }
    if (!process.env.NEWSROOM_E2E_KEEP) fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** Save a failure screenshot (best effort) and return its path. */
export async function saveFailureScreenshot(session, name) {
  try {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '_')}-${Date.now()}.png`);
    fs.writeFileSync(file, await session.screenshot());
    return file;
  } catch (e) {
    return `(no screenshot: ${e.message})`;
  }
}
