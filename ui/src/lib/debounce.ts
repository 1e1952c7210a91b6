/** A trailing-edge debounce with cancel/flush. */
export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  cancel(): void;
  /** Run a pending call now, if there is one. */
  flush(): void;
  readonly pending: boolean;
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastArgs: A | null = null;
  const run = () => {
    timer = null;
    const args = lastArgs;
    lastArgs = null;
    if (args) fn(...args);
  };
  const d = ((...args: A) => {
    lastArgs = args;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(run, ms);
  }) as Debounced<A>;
  d.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    lastArgs = null;
  };
  d.flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      run();
    }
  };
  Object.defineProperty(d, 'pending', { get: () => timer !== null });
  return d;
}

/**
 * Runs `fn` `ms` after the first call, however many calls follow meanwhile (they are folded
 * into that run); then the next call starts a new wait. For events that may never pause (a
 * colleague's saves, office-wide), where a debounce would wait for a quiet moment forever.
 */
export function throttle(fn: () => void, ms: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const t = () => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
  t.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return t;
}

/**
 * Guards against out-of-order async answers: `next()` returns a token; `isLatest(token)`
 * is true only for the most recent one.
 */
export function latestOnly() {
  let seq = 0;
  return {
    next: () => ++seq,
    isLatest: (token: number) => token === seq,
  };
}
