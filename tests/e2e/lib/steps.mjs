// Sequential steps for journey-style specs: once a step fails, the following steps are skipped
// (they would only fail as a consequence), and the failing step leaves a screenshot of the app.

import { it } from 'node:test';
import { saveFailureScreenshot } from './harness.mjs';

/**
 * `const step = steps(() => currentSession)`; then `step('name', async (t) => {...}, {timeout})`.
 * `currentSession()` returns the WebDriver session to screenshot on failure (or null).
 */
export function steps(currentSession) {
  let failed = null;
  return function step(name, fn, { timeout = 120_000 } = {}) {
    // The runner's own timeout is a backstop; our race marks the step failed so later steps skip.
    it(name, { timeout: timeout + 30_000 }, async (t) => {
      if (failed) {
        t.skip(`skipped: earlier step failed (${failed})`);
        return;
      }
      let timer;
      try {
        await Promise.race([
          fn(t),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`step "${name}" timed out after ${timeout} ms`)), timeout);
          }),
        ]);
      } catch (e) {
        failed = name;
        const s = currentSession();
        if (s && !s.deleted) t.diagnostic(`screenshot at failure: ${await saveFailureScreenshot(s, name)}`);
        throw e;
      } finally {
        clearTimeout(timer);
      }
    });
  };
}
