// Polling helpers: every wait in the e2e suite goes through waitFor, so a timeout always says
// what was awaited and what was last seen.

import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

export class WaitTimeoutError extends Error {
  constructor(message) {
    super(message);
    this.name = 'WaitTimeoutError';
  }
}

function show(v) {
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 600 ? `${s.slice(0, 600)}…` : s;
  } catch {
    return String(v);
  }
}

/**
 * Poll `probe` until it returns a truthy value (which is returned), or until `timeout` ms.
 *
 * `probe` may return `{ ok, value, seen }` for richer reporting: `ok` decides, `value` is returned,
 * `seen` is what the error message shows. A probe that throws counts as "not yet" (the error is
 * shown on timeout) unless `fatal(err)` says the error is final.
 */
export async function waitFor(probe, { timeout = 10_000, interval = 100, what = 'condition', fatal } = {}) {
  const start = Date.now();
  let last = undefined;
  for (;;) {
    try {
      const r = await probe();
      if (r && typeof r === 'object' && 'ok' in r) {
        if (r.ok) return r.value;
        last = 'seen' in r ? r.seen : r.value;
      } else if (r) {
        return r;
      } else {
        last = r;
      }
    } catch (e) {
      if (fatal?.(e)) throw e;
      last = e;
    }
    if (Date.now() - start >= timeout) {
      throw new WaitTimeoutError(`timed out after ${timeout} ms waiting for ${what}; last seen: ${show(last)}`);
    }
    await sleep(interval);
  }
}
